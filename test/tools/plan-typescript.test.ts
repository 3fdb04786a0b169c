import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runPlanMain } from "./plan-cli";

// A project without tsconfig.json, outside any folder that has one: the Pulumi CLI's language host
// then compiles with its own defaults (nodenext modules) and does not search parent folders, and
// the plan must do the same.
const project = mkdtempSync(join(tmpdir(), "plan-no-tsconfig-"));
symlinkSync(join(REPO_ROOT, "node_modules"), join(project, "node_modules"));
writeFileSync(join(project, "Pulumi.yaml"), "name: bare\nruntime: nodejs\nmain: index.ts\n");
writeFileSync(join(project, "Pulumi.dev.yaml"), "config: {}\n");
writeFileSync(
    join(project, "index.ts"),
    'import * as resources from "@pulumi/azure-native/resources";\n' +
        'const group: string = "rg-bare";\n' +
        'export const name = new resources.ResourceGroup("group", { resourceGroupName: group, location: "eastus" }).name;\n',
);
// A config the host is told to use instead (PULUMI_NODEJS_TSCONFIG_PATH): ES modules the CommonJS
// host cannot load, so a plan that honours it fails.
writeFileSync(join(project, "tsconfig.esm.json"), JSON.stringify({ compilerOptions: { module: "es2020", moduleResolution: "node" } }));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("a TypeScript program without tsconfig.json", () => {
    it("plans with the language host's default compiler options", async () => {
        const run = await runPlanMain(["--cwd", project]);
        expect(run.stderr).toBe("");
        expect(run.code).toBe(0);
        expect(run.stdout).toContain("azure-native:resources:ResourceGroup  group");
    }, 120_000);

    it("uses the config PULUMI_NODEJS_TSCONFIG_PATH names, as the host does", async () => {
        process.env.PULUMI_NODEJS_TSCONFIG_PATH = "tsconfig.esm.json";
        try {
            const run = await runPlanMain(["--cwd", project]);
            expect(run.code).toBe(2);
            expect(run.stderr).toMatch(/import/);
        } finally {
            delete process.env.PULUMI_NODEJS_TSCONFIG_PATH;
        }
    }, 120_000);
});
