import { describe, expect, it } from "vitest";
import { armId, compliantDeployment, existing, field, StackBuilder, TOKEN_FORMS, TOKENS, set, setUnknown, violationsOf } from "./harness";

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

    it("does not count a setting that gives metrics and no logs at all, also in a first preview", () => {
        for (const preview of [false, true]) {
            const deployment = compliantDeployment({ form, preview });
            set(deployment.predictionDiagnostics, "logs", undefined);
            if (form === "classic") set(deployment.predictionDiagnostics, "enabledLogs", undefined);
            expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.prediction.urn]);
        }
    });

    it("matches a known target id case-insensitively without property dependencies", () => {
        const deployment = compliantDeployment({ form });
        const targetProperty = field(form, "diagnosticTarget");
        set(deployment.trainingDiagnostics, targetProperty, String(deployment.training.inputs.id).toUpperCase());
        delete deployment.trainingDiagnostics.propertyDependencies[targetProperty];
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("counts a setting whose workspace or logs are unknown", () => {
        const deployment = compliantDeployment({ form, preview: true });
        setUnknown(deployment.trainingDiagnostics, field(form, "diagnosticWorkspace"), deployment.workspace);
        setUnknown(deployment.vaultDiagnostics, form === "classic" ? "enabledLogs" : "logs", deployment.workspace);
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

    it("finds the target of an existing azure-native setting from its own id", () => {
        const deployment = compliantDeployment();
        deployment.predictionDiagnostics.propertyDependencies = {};
        const trainingId = armId("Microsoft.CognitiveServices", "accounts", "cv-training-acct");
        existing(deployment.training, { id: trainingId, kind: "CustomVision.Training", location: "eastus", sku: { name: "S0" } });
        existing(deployment.predictionDiagnostics, { id: `${trainingId}/providers/Microsoft.Insights/diagnosticSettings/prediction-logs`, workspaceId: "w", logs: [{ categoryGroup: "allLogs", enabled: true }] });
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.prediction.urn]);
    });

    it("reports nothing rather than guess when a setting's target is unknown and linked to nothing", () => {
        const deployment = compliantDeployment({ preview: true });
        deployment.builder.remove(deployment.trainingDiagnostics);
        delete deployment.predictionDiagnostics.propertyDependencies.resourceUri;
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("reports nothing rather than guess when an azure-native setting names its target by a literal id its preview outputs do not carry", () => {
        const deployment = compliantDeployment();
        deployment.builder.remove(deployment.vaultDiagnostics);
        const storageId = "/subscriptions/s/resourceGroups/other/providers/Microsoft.Storage/storageAccounts/st";
        const stray = deployment.builder.add("azure-native:monitor:DiagnosticSetting", "stray", { name: "stray", resourceUri: storageId, workspaceId: "w", logs: [{ categoryGroup: "allLogs" }] });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        // Once created, its id names the storage account: the vault is reported.
        existing(stray, { id: `${storageId}/providers/microsoft.insights/diagnosticSettings/stray`, name: "stray", workspaceId: "w", logs: [{ categoryGroup: "allLogs" }] });
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.vault.urn]);
    });

    it("does not guess when a known target may name a vault whose id its props do not tell", () => {
        const deployment = compliantDeployment({ form: "classic" });
        deployment.builder.remove(deployment.vaultDiagnostics);
        set(deployment.vault, "resourceGroupName", undefined);
        const stray = deployment.builder.add(TOKENS.classic.diagnosticSetting, "stray", {
            targetResourceId: "/subscriptions/s/resourceGroups/other/providers/Microsoft.KeyVault/vaults/kv-cv", logAnalyticsWorkspaceId: "w", enabledLogs: [{ categoryGroup: "allLogs" }],
        });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        set(stray, "targetResourceId", "/subscriptions/s/resourceGroups/other/providers/Microsoft.Storage/storageAccounts/st");
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
