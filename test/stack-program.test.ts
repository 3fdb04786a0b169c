import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.resolve(__dirname, "..");
const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as {
    name: string;
    main: string;
    runtime: { name: string; options: Record<string, unknown> };
    backend: { url: string };
    config: Record<string, { type: string; description: string; default: unknown }>;
};
const program = fs.readFileSync(path.join(root, "index.ts"), "utf8");
const keysRead = [...program.matchAll(/config\.(?:get|require)(?:Boolean|Number|Object|Secret)?(?:<[^>]+>)?\("([^"]+)"\)/g)].map((match) => match[1]);

describe("the stack program and Pulumi.yaml", () => {
    it("is the azure-custom-vision TypeScript project with index.ts as its program", () => {
        expect(project.name).toBe("azure-custom-vision");
        expect(project.main).toBe("index.ts");
        expect(project.runtime).toMatchObject({ name: "nodejs", options: { typescript: true } });
    });

    it("keeps state in a git-ignored folder inside the project by default", () => {
        expect(project.backend.url).toBe("file://./.pulumi-state");
        const ignore = fs.readFileSync(path.join(root, ".pulumi-state", ".gitignore"), "utf8");
        expect(ignore.split("\n")).toContain("*");
    });

    it("declares every key index.ts reads, with a type, a description and a default", () => {
        expect(keysRead.length).toBeGreaterThan(10);
        for (const key of new Set(keysRead)) {
            const declared = project.config[key];
            expect(declared, `Pulumi.yaml declares ${key}`).toBeDefined();
            expect(declared.type).toMatch(/^(string|integer|boolean|array)$/);
            expect(declared.description.length).toBeGreaterThan(10);
            expect(declared).toHaveProperty("default");
        }
    });

    it("declares nothing index.ts does not read", () => {
        expect(Object.keys(project.config).sort()).toEqual([...new Set(keysRead)].sort());
    });

    it("has a dev stack that allows F0 and a prod stack on S0 with environment prod", () => {
        const stack = (name: string) => (parse(fs.readFileSync(path.join(root, `Pulumi.${name}.yaml`), "utf8")) as { config: Record<string, unknown> }).config;
        expect(stack("dev")["azure-custom-vision:trainingSku"]).toBe("F0");
        expect(stack("prod")).toMatchObject({
            "azure-custom-vision:environment": "prod",
            "azure-custom-vision:trainingSku": "S0",
            "azure-custom-vision:predictionSku": "S0",
        });
    });

    it("exports no secret: the keys stay in the vault", () => {
        expect(program).not.toMatch(/export const \w+ = vision\.(trainingKey|predictionKey)\b/);
        expect(program).toMatch(/export const predictionResourceId = vision\.predictionAccountId;/);
    });
});
