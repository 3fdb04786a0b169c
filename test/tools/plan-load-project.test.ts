import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { loadProject, PlanInputError } from "../../tools/plan/load-project";

function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-project-"));
    fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const PROJECT = `name: demo
runtime: nodejs
config:
  location:
    type: string
    default: eastus
  retention:
    type: integer
    default: 30
  readers:
    type: array
    default: []
  demo:namespaced:
    default: yes-it-is
  shorthand: plain
`;

describe("loadProject", () => {
    it("merges Pulumi.yaml defaults under the project namespace with the stack's values", () => {
        const dir = project({
            "Pulumi.yaml": PROJECT,
            "Pulumi.dev.yaml": "config:\n  demo:location: westeurope\n  azure-native:location: westeurope\n  demo:readers:\n    - a\n",
        });
        const loaded = loadProject(dir, "dev");
        expect(loaded).toMatchObject({ projectName: "demo", stackName: "dev", mainPath: dir, secretKeys: [] });
        expect(loaded.config).toEqual({
            "demo:location": "westeurope",
            "demo:retention": "30",
            "demo:readers": '["a"]',
            "demo:namespaced": "yes-it-is",
            "demo:shorthand": "plain",
            "azure-native:location": "westeurope",
        });
    });

    it("passes secure: values as a secret placeholder, never the ciphertext", () => {
        const dir = project({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  demo:password:\n    secure: AAABAciphertext\n" });
        const loaded = loadProject(dir, "dev");
        expect(loaded.config["demo:password"]).toBe("[secret]");
        expect(loaded.secretKeys).toEqual(["demo:password"]);
        expect(JSON.stringify(loaded)).not.toContain("AAABAciphertext");
    });

    it("rejects a value of the wrong type, naming the key", () => {
        const dir = project({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": "config:\n  demo:retention: thirty\n" });
        expect(() => loadProject(dir, "dev")).toThrow(PlanInputError);
        expect(() => loadProject(dir, "dev")).toThrow(/"demo:retention" must be an integer/);
    });

    it("rejects a declared key without default that the stack leaves unset", () => {
        const dir = project({ "Pulumi.yaml": "name: demo\nconfig:\n  region:\n    type: string\n", "Pulumi.dev.yaml": "config: {}\n" });
        expect(() => loadProject(dir, "dev")).toThrow(/missing configuration value "demo:region"/);
    });

    it("names the missing stack file and the missing project file", () => {
        const dir = project({ "Pulumi.yaml": PROJECT });
        expect(() => loadProject(dir, "prod")).toThrow(/Pulumi\.prod\.yaml/);
        expect(() => loadProject(fs.mkdtempSync(path.join(os.tmpdir(), "empty-")), "dev")).toThrow(/no Pulumi\.yaml/);
    });

    it("warns about stack keys of the project that Pulumi.yaml does not declare, suggesting the closest one", () => {
        const dir = project({
            "Pulumi.yaml": PROJECT,
            "Pulumi.dev.yaml": "config:\n  demo:locaton: westeurope\n  demo:Retention: 60\n  demo:zzz: 1\n  azure-native:location: westeurope\n  demo:location: eastus\n",
        });
        expect(loadProject(dir, "dev").warnings).toEqual([
            'Pulumi.dev.yaml: "demo:locaton" is not declared in Pulumi.yaml; did you mean location?',
            'Pulumi.dev.yaml: "demo:Retention" is not declared in Pulumi.yaml; did you mean retention?',
            'Pulumi.dev.yaml: "demo:zzz" is not declared in Pulumi.yaml; declare it there, or remove it if nothing reads it',
        ]);
    });

    it("checks no key when the project declares no config", () => {
        const dir = project({ "Pulumi.yaml": "name: demo\n", "Pulumi.dev.yaml": "config:\n  demo:anything: 1\n" });
        expect(loadProject(dir, "dev").warnings).toEqual([]);
    });

    it("finds no undeclared key in the repository's projects, bar the fixture that has them on purpose", () => {
        const root = path.resolve(__dirname, "../..");
        const projects = [root, path.join(root, "bench/fixtures"), ...fs.readdirSync(path.join(root, "test/fixtures")).map((dir) => path.join(root, "test/fixtures", dir))];
        const undeclared: string[] = [];
        let stacks = 0;
        for (const dir of projects.filter((candidate) => fs.existsSync(path.join(candidate, "Pulumi.yaml")))) {
            for (const file of fs.readdirSync(dir).filter((name) => /^Pulumi\..+\.yaml$/.test(name))) {
                const stack = file.slice("Pulumi.".length, -".yaml".length);
                if (dir.endsWith("plan-adversarial") && stack === "leaky") continue;
                let warnings: string[];
                try {
                    warnings = loadProject(dir, stack).warnings;
                } catch (error) {
                    // Stacks meant to fail on a config value of the wrong type.
                    if (error instanceof PlanInputError) continue;
                    throw error;
                }
                stacks++;
                undeclared.push(...warnings.filter((warning) => warning.includes("is not declared")).map((warning) => `${path.relative(root, dir)}: ${warning}`));
            }
        }
        expect(stacks).toBeGreaterThan(20);
        expect(undeclared).toEqual([]);
    });
});
