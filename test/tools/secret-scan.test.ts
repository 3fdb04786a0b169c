import { describe, expect, it } from "vitest";
import { SecretScanner } from "../../tools/plan/secret-scan";

const key1 = "0123456789abcdef0123456789abcdef";
const key2 = "fedcba9876543210fedcba9876543210";

describe("SecretScanner", () => {
    const scanner = new SecretScanner([key1, key2]);

    it("redacts every issued key, wherever it sits in the text", () => {
        expect(scanner.redact(`Training-Key: ${key1}, Prediction-Key: ${key2}.`, "[secret]")).toBe("Training-Key: [secret], Prediction-Key: [secret].");
        expect(scanner.redact(`${key2}${key1}`, "[secret]")).toBe("[secret][secret]");
    });

    it("finds a key inside a longer run of hex characters", () => {
        expect(scanner.contains(`abc${key1}def`)).toBe(true);
        expect(scanner.redact(`ff${key1}`, "*")).toBe("ff*");
    });

    it("leaves text without keys unchanged and reports nothing", () => {
        const text = "https://dev-vision-training-70ff4e05.cognitiveservices.azure.com/ 0123456789abcdef";
        expect(scanner.contains(text)).toBe(false);
        expect(scanner.redact(text, "[secret]")).toBe(text);
        expect(new SecretScanner([]).redact(key1, "x")).toBe(key1);
    });

    it("tells thousands of keys apart", () => {
        const keys = Array.from({ length: 4000 }, (_, i) => i.toString(16).padStart(32, "a"));
        const many = new SecretScanner(keys.slice(0, 3999));
        expect(many.contains(`vision-training-key-1 ${keys[3998]}`)).toBe(true);
        // The 4,000th key was never issued: not a secret, even though it looks like one.
        expect(many.contains(`vision-training-key-1 ${keys[3999]}`)).toBe(false);
    });
});
