import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { printable, SecretScanner, secretEnvelope } from "../../tools/plan/secrets";

const key1 = "0123456789abcdef0123456789abcdef";
const key2 = "fedcba9876543210fedcba9876543210";

describe("SecretScanner", () => {
    const scanner = new SecretScanner([key1, key2]);

    it("redacts every issued key, wherever it sits in the text", () => {
        expect(scanner.redact(`Training-Key: ${key1}, Prediction-Key: ${key2}.`)).toBe("Training-Key: [secret], Prediction-Key: [secret].");
        expect(scanner.redact(`${key2}${key1}`)).toBe("[secret][secret]");
    });

    it("finds a key written in upper case too", () => {
        expect(scanner.redact(`KEY=${key1.toUpperCase()}`)).toBe("KEY=[secret]");
    });

    it("finds a key inside a longer run of hex characters", () => {
        expect(scanner.contains(`abc${key1}def`)).toBe(true);
        expect(scanner.redact(`ff${key1}`)).toBe("ff[secret]");
    });

    it("leaves text without keys unchanged and reports nothing", () => {
        const text = "https://dev-vision-training-70ff4e05.cognitiveservices.azure.com/ 0123456789abcdef";
        expect(scanner.contains(text)).toBe(false);
        expect(scanner.redact(text)).toBe(text);
        expect(new SecretScanner([]).redact(key1)).toBe(key1);
    });

    it("tells thousands of keys apart", () => {
        const keys = Array.from({ length: 4000 }, (_, i) => i.toString(16).padStart(32, "a"));
        const many = new SecretScanner(keys.slice(0, 3999));
        expect(many.contains(`vision-training-key-1 ${keys[3998]}`)).toBe(true);
        // The 4,000th key was never issued: not a secret, even though it looks like one.
        expect(many.contains(`vision-training-key-1 ${keys[3999]}`)).toBe(false);
    });
});

describe("SecretScanner.scrub", () => {
    const scanner = new SecretScanner([key1]);

    it("redacts keys in every string of a value: nested fields, arrays and object keys", () => {
        const value = { urn: `urn:pulumi:dev::p::t::name-${key1}`, tags: { [key1]: "x" }, list: [`a ${key1}`], count: 3 };
        expect(scanner.scrub(value)).toEqual({ urn: "urn:pulumi:dev::p::t::name-[secret]", tags: { "[secret]": "x" }, list: ["a [secret]"], count: 3 });
    });
});

describe("SecretScanner.wrapLeaks", () => {
    const scanner = new SecretScanner([key1]);

    it("marks each plain string holding a key secret and says where it was", () => {
        const leaked = scanner.wrapLeaks({ properties: { value: key1, other: "plain" }, list: [`k=${key1}`] });
        expect(leaked.paths).toEqual(["properties.value", "list[0]"]);
        expect(leaked.value).toEqual({ properties: { value: secretEnvelope(key1), other: "plain" }, list: [secretEnvelope(`k=${key1}`)] });
    });

    it("leaves values already marked secret alone", () => {
        const marked = { properties: { value: secretEnvelope(key1) } };
        expect(scanner.wrapLeaks(marked)).toEqual({ value: marked, paths: [], keyPaths: [] });
    });

    it("lists map keys that hold a key apart, since a map key cannot be marked secret", () => {
        const leaked = scanner.wrapLeaks({ tags: { [`k-${key1}`]: "x", team: "vision" } });
        expect(leaked.keyPaths).toEqual(["tags.k-[secret]"]);
        expect(leaked.paths).toEqual([]);
    });
});

describe("printable", () => {
    it("shows secrets as [secret] and unknown values as [known after deploy], at any depth", () => {
        const value = { id: unknownValue, properties: { value: secretEnvelope("hunter2"), list: [unknownValue, "plain"] } };
        // The texts docs/plan.md documents.
        expect(printable(value)).toEqual({ id: "[known after deploy]", properties: { value: "[secret]", list: ["[known after deploy]", "plain"] } });
    });
});
