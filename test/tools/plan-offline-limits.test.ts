import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runPlanMain } from "./plan-cli";

// What the plan cannot know offline, said instead of silently planned around: a StackReference's
// outputs, a resource read with .get(), a resource adopted with `import`.
const project = mkdtempSync(join(tmpdir(), "plan-offline-"));
symlinkSync(join(REPO_ROOT, "node_modules"), join(project, "node_modules"));
writeFileSync(join(project, "Pulumi.yaml"), "name: offline\nruntime: nodejs\nmain: index.ts\n");
writeFileSync(join(project, "Pulumi.dev.yaml"), "config: {}\n");
writeFileSync(
    join(project, "index.ts"),
    [
        'import * as pulumi from "@pulumi/pulumi";',
        'import * as resources from "@pulumi/azure-native/resources";',
        'const platform = new pulumi.StackReference("acme/platform/prod");',
        'new resources.ResourceGroup("served", { resourceGroupName: "rg-served", location: platform.requireOutput("region") as pulumi.Output<string> });',
        'new resources.ResourceGroup("legacy", { resourceGroupName: "rg-legacy", location: "eastus" }, { import: "/subscriptions/0/resourceGroups/rg-legacy" });',
        "",
    ].join("\n"),
);
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("what the plan cannot know offline", () => {
    it("warns about stack references and imported resources, and still plans", async () => {
        const run = await runPlanMain(["--cwd", project, "--json"]);
        expect(run.code).toBe(0);
        const warnings = (JSON.parse(run.stdout) as { warnings: string[] }).warnings;
        expect(warnings).toContain("stack reference acme/platform/prod: its outputs are not available offline, so what the program reads from it is unknown here (a real preview reads them)");
        expect(warnings).toContain("azure-native:resources:ResourceGroup legacy is imported: the plan plans it as new, while a real preview reads the existing resource");
    }, 120_000);
});
