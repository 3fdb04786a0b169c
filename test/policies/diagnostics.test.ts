import { describe, expect, it } from "vitest";
import { compliantDeployment, field, StackBuilder, TOKEN_FORMS, TOKENS, UNKNOWN, set, violationsOf } from "./harness";

const RULE = "custom-vision-diagnostics";

describe.each(TOKEN_FORMS)("custom-vision-diagnostics (%s tokens)", (form) => {
    it("accepts accounts and a vault whose logs reach a workspace (ids known)", () => {
        expect(violationsOf(RULE, compliantDeployment({ form }).resources)).toEqual([]);
    });

    it("accepts them during preview, linked by property dependencies only", () => {
        expect(violationsOf(RULE, compliantDeployment({ form, preview: true }).resources)).toEqual([]);
    });

    it("warns about an account without a diagnostic setting, naming it and the fix", () => {
        const deployment = compliantDeployment({ form, preview: true });
        deployment.builder.remove(deployment.trainingDiagnostics);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({ enforcementLevel: "advisory", urn: deployment.training.urn });
        expect(violations[0].message).toContain(`Training account '${deployment.training.name}' (${deployment.training.type}) has no diagnostic setting`);
        expect(violations[0].message).toContain("Add one targeting this resource");
    });

    it("warns about a Key Vault without a diagnostic setting", () => {
        const deployment = compliantDeployment({ form });
        deployment.builder.remove(deployment.vaultDiagnostics);
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.vault.urn]);
    });

    it("does not count a setting without a workspace", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.predictionDiagnostics, field(form, "diagnosticWorkspace"), undefined);
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.prediction.urn]);
    });

    it("does not count a setting that sends metrics only", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.predictionDiagnostics, form === "classic" ? "enabledLogs" : "logs", []);
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.prediction.urn]);
    });

    it("matches a known target id case-insensitively without property dependencies", () => {
        const deployment = compliantDeployment({ form });
        const targetProperty = field(form, "diagnosticTarget");
        set(deployment.trainingDiagnostics, targetProperty, String(deployment.training.inputs.id).toUpperCase());
        deployment.trainingDiagnostics.propertyDependencies = {};
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("counts a setting whose workspace or logs are unknown", () => {
        const deployment = compliantDeployment({ form, preview: true });
        set(deployment.trainingDiagnostics, field(form, "diagnosticWorkspace"), UNKNOWN);
        set(deployment.vaultDiagnostics, form === "classic" ? "enabledLogs" : "logs", UNKNOWN);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });
});

describe("custom-vision-diagnostics linking", () => {
    it("does not let one resource's setting cover another", () => {
        const deployment = compliantDeployment();
        deployment.predictionDiagnostics.propertyDependencies.resourceUri = [deployment.training.urn];
        set(deployment.predictionDiagnostics, "resourceUri", deployment.training.inputs.id);
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.prediction.urn]);
    });

    it("reports nothing rather than guess when a setting's target is unknown and linked to nothing", () => {
        const deployment = compliantDeployment({ preview: true });
        deployment.builder.remove(deployment.trainingDiagnostics);
        deployment.predictionDiagnostics.propertyDependencies = {};
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("does not guess when a known target may name a vault whose id its inputs do not tell", () => {
        const deployment = compliantDeployment();
        deployment.builder.remove(deployment.vaultDiagnostics);
        set(deployment.vault, "resourceGroupName", undefined);
        set(deployment.vault, "id", undefined);
        const stray = deployment.builder.add("azure-native:monitor:DiagnosticSetting", "stray", {
            resourceUri: "/subscriptions/s/resourceGroups/other/providers/Microsoft.KeyVault/vaults/kv-cv", workspaceId: "w", logs: [{ categoryGroup: "allLogs" }],
        });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        set(stray, "resourceUri", "/subscriptions/s/resourceGroups/other/providers/Microsoft.Storage/storageAccounts/st");
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.vault.urn]);
    });

    it("accepts a v2 `insights` setting for a v3 account", () => {
        const deployment = compliantDeployment({ preview: true });
        deployment.trainingDiagnostics.type = TOKENS.v2.diagnosticSetting;
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("checks a stack that never uses the component", () => {
        const builder = new StackBuilder("dev");
        builder.add("azure-native:cognitiveservices:Account", "lonely", { kind: "CustomVision.Training", sku: { name: "S0" }, location: "eastus" });
        expect(violationsOf(RULE, builder.resources)).toHaveLength(1);
    });
});
