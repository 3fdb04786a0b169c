import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Policies } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { bundlePolicyPack } from "../../policies/scripts/bundle";
import { policies } from "../../policies/rules";
import { compliantDeployment, disableKeyAuth, field, placeIn, run, set, setUnknown, shuffled, StackBuilder, verdict } from "./harness";

const REPO = path.resolve(__dirname, "../..");
const EXPECTED_LEVELS: Record<string, string> = {
    "custom-vision-region-match": "mandatory",
    "custom-vision-no-free-tier-in-prod": "mandatory",
    "custom-vision-supported-region": "mandatory",
    "custom-vision-key-vault-purge-protection-in-prod": "mandatory",
    "custom-vision-paired-accounts": "advisory",
    "custom-vision-diagnostics": "advisory",
    "custom-vision-key-auth-enabled": "advisory",
    "custom-vision-training-protected-in-prod": "advisory",
    "custom-vision-single-free-tier": "advisory",
    "custom-vision-public-network-in-prod": "advisory",
};

/** A production stack that breaks every rule at once. */
function everythingWrong() {
    const builder = new StackBuilder("prod");
    const a = compliantDeployment({ builder, name: "a", lock: false });
    set(a.training, "sku.name", "F0");
    set(a.prediction, "location", "brazilsouth");
    set(a.vault, "properties.enablePurgeProtection", false);
    set(a.vault, "properties.networkAcls", undefined);
    disableKeyAuth(a.training, "v3");
    builder.remove(a.vaultDiagnostics);
    const b = compliantDeployment({ builder, name: "b", lock: false });
    builder.remove(b.prediction);
    builder.remove(b.predictionDiagnostics);
    set(b.training, field("v3", "sku"), "F0");
    return builder;
}

describe("the pack", () => {
    it("holds the ten rules with their default levels", () => {
        expect(Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]))).toEqual(EXPECTED_LEVELS);
    });

    it("gives every rule its metadata", () => {
        for (const rule of policies) {
            expect(rule.description.length, rule.name).toBeGreaterThan(20);
            expect(rule.remediationSteps?.length, rule.name).toBeGreaterThan(20);
            expect(rule.severity, rule.name).toMatch(/^(low|medium|high|critical)$/);
            expect(rule.url, rule.name).toMatch(/^https:\/\//);
            expect(rule.configSchema?.properties.enforcementLevel, rule.name).toBeUndefined();
            for (const [key, schema] of Object.entries(rule.configSchema?.properties ?? {})) {
                expect(schema.default, `${rule.name}.${key}`).toBeDefined();
            }
        }
    });

    it("makes every production-aware rule configurable with the production defaults", () => {
        const config = run([], {}).config;
        const productionAware = [
            "custom-vision-no-free-tier-in-prod",
            "custom-vision-key-vault-purge-protection-in-prod",
            "custom-vision-training-protected-in-prod",
            "custom-vision-public-network-in-prod",
        ];
        for (const name of productionAware) {
            expect(config.get(name)?.properties).toEqual({
                productionTagKey: "environment",
                productionTagValues: ["prod", "production"],
                productionStackNamePattern: "^(prod|production)([-_.].*)?$",
            });
        }
    });

    it("reports every rule on a stack that breaks them all, and fails it", () => {
        const violations = run(everythingWrong().resources).violations;
        expect(new Set(violations.map((v) => v.policy))).toEqual(new Set(Object.keys(EXPECTED_LEVELS)));
        expect(violations.filter((v) => v.message.includes("can't run"))).toEqual([]);
    });

    it("turns everything advisory with `all`, and off per rule", () => {
        const resources = everythingWrong().resources;
        const advisory = run(resources, { config: { all: "advisory", "custom-vision-diagnostics": "disabled" } }).violations;
        expect(advisory.every((v) => v.enforcementLevel === "advisory")).toBe(true);
        expect(advisory.some((v) => v.policy === "custom-vision-diagnostics")).toBe(false);
    });

    it("accepts the example production config file", () => {
        const config = JSON.parse(fs.readFileSync(path.join(REPO, "policies/config.prod.example.json"), "utf8"));
        const result = run(compliantDeployment({ stackName: "prod" }).resources, { config });
        expect(result.violations).toEqual([]);
        expect(result.config.get("custom-vision-supported-region")?.properties.allowedRegions).toEqual(config["custom-vision-supported-region"].allowedRegions);
    });

    it("never prints secret values or whole props in a message", () => {
        const builder = everythingWrong();
        const secret = "s3cr3t-key-value-0123456789";
        for (const resource of builder.resources) {
            resource.inputs.primaryAccessKey = secret;
            resource.inputs.tags = { token: secret };
        }
        const messages = run(builder.resources).violations.map((v) => v.message).join("\n");
        expect(messages).not.toContain(secret);
        expect(messages).not.toContain("{");
    });

    it("never crashes or reports a false violation when every value is unknown", () => {
        const deployment = compliantDeployment({ stackName: "prod", preview: true });
        // Unknown values a program gives are computed from other resources' outputs, here the stack's resource group.
        for (const resource of deployment.resources) {
            if (resource.type.startsWith("azure") && resource !== deployment.resourceGroup) {
                for (const key of Object.keys(resource.inputs)) setUnknown(resource, key, deployment.resourceGroup);
            }
        }
        expect(run(deployment.resources).violations).toEqual([]);
    });

    it("gives the same verdicts whatever order the engine lists the resources in", () => {
        const builder = everythingWrong();
        // More than one group per rule, and ties the order used to break: two regions with one Training account each,
        // three F0 accounts of one kind, a resource group missing a half.
        const c = compliantDeployment({ builder, name: "c", component: false });
        set(c.training, "location", "westeurope");
        set(c.training, "sku.name", "F0");
        const d = compliantDeployment({ builder, name: "d", component: false });
        set(d.training, "sku.name", "F0");
        set(d.prediction, "location", "northeurope");
        builder.remove(d.trainingDiagnostics);
        const e = compliantDeployment({ builder, name: "e", component: false });
        placeIn(builder.resourceGroup("rg-e"), [e.training, e.prediction]);
        // Removing an account removes what targets it: a setting or lock naming nothing the stack shows covers anything.
        for (const resource of [e.training, e.trainingDiagnostics, e.lock]) if (resource) builder.remove(resource);
        const baseline = verdict(run(builder.resources).violations);
        const stackRules = policies.filter((policy) => "validateStack" in policy).map((policy) => policy.name);
        expect(stackRules.filter((name) => !baseline.some((line) => line.startsWith(`${name} `)))).toEqual([]);
        for (const seed of [1, 7, 42, 1234, 99991]) {
            const reordered = shuffled(builder.resources, seed);
            expect(reordered.map((resource) => resource.urn)).not.toEqual(builder.resources.map((resource) => resource.urn));
            expect(verdict(run(reordered).violations)).toEqual(baseline);
        }
    });

    it("refuses, like the CLI, config naming a policy the pack lacks without a level (the rule's 0.1.0 name, say)", () => {
        const resources = compliantDeployment().resources;
        const oldName = { "key-vault-purge-protection-in-prod": { productionTagKey: "stage" } };
        expect(() => run(resources, { config: oldName })).toThrow(/"key-vault-purge-protection-in-prod" .*not a policy of this pack.*custom-vision-key-vault-purge-protection-in-prod/);
        // With a level the CLI keeps the entry and no policy reads it: the run goes on.
        expect(run(resources, { config: { "key-vault-purge-protection-in-prod": "mandatory" } }).violations).toEqual([]);
    });
});

describe("the publishable bundle", () => {
    it("is self-contained: components inlined, @pulumi packages external, rules behave the same", async () => {
        const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "custom-vision-guard-"));
        try {
            const result = await bundlePolicyPack(outDir);
            for (const file of result.files) expect(fs.existsSync(path.join(outDir, file)), file).toBe(true);
            const manifest = JSON.parse(fs.readFileSync(path.join(outDir, "package.json"), "utf8"));
            expect(manifest).toMatchObject({ name: "custom-vision-guard", main: "index.js" });
            expect(Object.keys(manifest.dependencies).sort()).toEqual(["@pulumi/azure", "@pulumi/azure-native", "@pulumi/policy"]);

            const code = fs.readFileSync(path.join(outDir, "rules", "index.js"), "utf8") + fs.readFileSync(path.join(outDir, "index.js"), "utf8");
            const requires = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
            expect(requires.filter((r) => !r.startsWith("@pulumi/") && r !== "./rules")).toEqual([]);
            expect(code).toContain('new import_policy.PolicyPack("custom-vision-guard"');

            // The bundle resolves @pulumi packages like an installed pack would.
            fs.symlinkSync(path.join(REPO, "node_modules"), path.join(outDir, "node_modules"), "dir");
            const bundled = require(path.join(outDir, "rules", "index.js")) as { policies: Policies };
            const resources = everythingWrong().resources;
            const strip = (vs: { policy: string; urn?: string }[]) => vs.map((v) => `${v.policy} ${v.urn}`);
            expect(strip(run(resources, { policies: bundled.policies }).violations)).toEqual(strip(run(resources).violations));
        } finally {
            fs.rmSync(outDir, { recursive: true, force: true });
        }
    });
});
