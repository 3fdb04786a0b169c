import { describe, expect, it } from "vitest";
import { armId, compliantDeployment, existing, field, RESOURCE_GROUP, run, StackBuilder, SUBSCRIPTION, TOKEN_FORMS, TOKENS, UNKNOWN, set, violationsOf } from "./harness";

const OTHER_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";

const RULE = "custom-vision-training-protected-in-prod";

function unlocked(options: Parameters<typeof compliantDeployment>[0]) {
    return compliantDeployment({ ...options, lock: false });
}

describe.each(TOKEN_FORMS)("custom-vision-training-protected-in-prod (%s tokens)", (form) => {
    it("accepts a production Training account under a CanNotDelete lock (preview: linked by property dependency)", () => {
        expect(violationsOf(RULE, compliantDeployment({ form, stackName: "prod", preview: true }).resources)).toEqual([]);
    });

    it("accepts a lock whose known scope names the account, without property dependencies", () => {
        const deployment = compliantDeployment({ form, stackName: "prod" });
        deployment.lock!.propertyDependencies = {};
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("does not count a lock on another resource the account's resource group name was computed from", () => {
        // The classic idiom `resourceGroupName: workspace.resourceGroupName`, and the only lock on the workspace.
        const deployment = compliantDeployment({ form, stackName: "prod", preview: true });
        for (const account of [deployment.training, deployment.prediction]) account.propertyDependencies.resourceGroupName = [deployment.workspace.urn];
        deployment.lock!.propertyDependencies = { scope: [deployment.workspace.urn] };
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.training.urn]);
    });

    it("warns about an unprotected production Training account, naming it and the fix", () => {
        const deployment = unlocked({ form, stackName: "prod" });
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({ enforcementLevel: "advisory", urn: deployment.training.urn });
        expect(violations[0].message).toContain(`Training account '${deployment.training.name}' (${deployment.training.type})`);
        expect(violations[0].message).toContain("Add a CanNotDelete lock or `protect: true`");
    });

    it("accepts `protect: true` instead of a lock", () => {
        const deployment = unlocked({ form, stackName: "prod" });
        deployment.training.protect = true;
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("does not count a lock on another resource or a lock that allows deletion", () => {
        const onPrediction = compliantDeployment({ form, stackName: "prod" });
        onPrediction.lock!.propertyDependencies = { scope: [onPrediction.prediction.urn] };
        set(onPrediction.lock!, "scope", onPrediction.prediction.inputs.id);
        expect(violationsOf(RULE, onPrediction.resources)).toHaveLength(1);

        const notes = compliantDeployment({ form, stackName: "prod" });
        set(notes.lock!, field(form, "lockLevel"), "NotSpecified");
        expect(violationsOf(RULE, notes.resources)).toHaveLength(1);
    });

    it("accepts a ReadOnly lock and one whose level is unknown", () => {
        const readOnly = compliantDeployment({ form, stackName: "prod" });
        set(readOnly.lock!, field(form, "lockLevel"), "ReadOnly");
        expect(violationsOf(RULE, readOnly.resources)).toEqual([]);
        const unknown = compliantDeployment({ form, stackName: "prod", preview: true });
        set(unknown.lock!, field(form, "lockLevel"), UNKNOWN);
        expect(violationsOf(RULE, unknown.resources)).toEqual([]);
    });

    it("accepts a lock on the account's resource group (known scope)", () => {
        const deployment = compliantDeployment({ form, stackName: "prod" });
        deployment.lock!.propertyDependencies = {};
        set(deployment.lock!, "scope", `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP.toUpperCase()}`);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("is not applicable outside production", () => {
        const deployment = unlocked({ form, stackName: "product-demo" });
        const result = run(deployment.resources);
        expect(result.violations.filter((v) => v.policy === RULE)).toEqual([]);
        expect(result.notApplicable).toContainEqual({ policy: RULE, reason: "no Training account in production" });
    });
});

describe("custom-vision-training-protected-in-prod lock forms", () => {
    it("accepts a resource-level lock naming the account", () => {
        const deployment = unlocked({ stackName: "prod" });
        deployment.builder.add("azure-native:authorization:ManagementLockAtResourceLevel", "lock", {
            level: "CanNotDelete", resourceGroupName: RESOURCE_GROUP, resourceProviderNamespace: "Microsoft.CognitiveServices",
            parentResourcePath: "", resourceType: "accounts", resourceName: deployment.training.inputs.accountName,
        });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("does not count an existing resource-level lock whose id names another resource type, even with a name computed from the account", () => {
        const deployment = unlocked({ stackName: "prod" });
        const vaultId = armId("Microsoft.KeyVault", "vaults", String(deployment.training.inputs.accountName));
        const inputs = {
            level: "CanNotDelete", resourceGroupName: RESOURCE_GROUP, resourceProviderNamespace: "Microsoft.KeyVault",
            parentResourcePath: "", resourceType: "vaults", resourceName: deployment.training.inputs.accountName, lockName: "keep",
        };
        const lock = deployment.builder.add("azure-native:authorization:ManagementLockAtResourceLevel", "lock", inputs, { propertyDependencies: { resourceName: [deployment.training] } });
        existing(lock, { id: `${vaultId}/providers/Microsoft.Authorization/locks/keep`, level: "CanNotDelete", name: "keep" });
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.training.urn]);
        // Its id names the account: it protects it.
        existing(lock, { id: `${armId("Microsoft.CognitiveServices", "accounts", "x")}/providers/Microsoft.Authorization/locks/keep`, level: "CanNotDelete", name: "keep" });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("reports nothing rather than guess at preview, where an azure-native resource-level lock's outputs carry no target", () => {
        const deployment = unlocked({ stackName: "prod" });
        deployment.builder.add("azure-native:authorization:ManagementLockAtResourceLevel", "lock", {
            level: "CanNotDelete", resourceGroupName: RESOURCE_GROUP, resourceProviderNamespace: "Microsoft.KeyVault",
            parentResourcePath: "", resourceType: "vaults", resourceName: "kv-elsewhere",
        });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("does not count a classic lock on the account's resource group in another subscription", () => {
        const deployment = unlocked({ form: "classic", stackName: "prod" });
        const lock = deployment.builder.add(TOKENS.classic.lock, "lock", { name: "keep", scope: `/subscriptions/${OTHER_SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`, lockLevel: "CanNotDelete" });
        // The account's subscription is known from its provider's subscriptionId (or its id, once created).
        const provider = deployment.builder.add("pulumi:providers:azure", "main", { subscriptionId: SUBSCRIPTION });
        deployment.training.provider = `${provider.urn}::id`;
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.training.urn]);
        set(lock, "scope", `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("counts a lock in another subscription's group while the account's subscription is not known", () => {
        const deployment = unlocked({ form: "classic", stackName: "prod" });
        deployment.builder.add(TOKENS.classic.lock, "lock", { name: "keep", scope: `/subscriptions/${OTHER_SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`, lockLevel: "CanNotDelete" });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("takes an account's subscription from the default provider's stack config", () => {
        const deployment = unlocked({ form: "classic", stackName: "prod" });
        deployment.builder.add(TOKENS.classic.lock, "lock", { name: "keep", scope: `/subscriptions/${OTHER_SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`, lockLevel: "CanNotDelete" });
        expect(violationsOf(RULE, deployment.resources, { stackConfig: { "azure:subscriptionId": SUBSCRIPTION } }).map((v) => v.urn)).toEqual([deployment.training.urn]);
    });

    it("counts a lock linked to the account's resource group resource", () => {
        const builder = new StackBuilder("prod");
        const deployment = unlocked({ builder, stackName: "prod", preview: true });
        builder.add(TOKENS.v3.lock, "group-lock", { scope: UNKNOWN, level: "CanNotDelete" }, { propertyDependencies: { scope: [deployment.resourceGroup] } });
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });

    it("accepts resource-group and subscription locks", () => {
        const group = unlocked({ stackName: "prod" });
        group.builder.add("azure-native:authorization:ManagementLockAtResourceGroupLevel", "lock", { level: "CanNotDelete", resourceGroupName: RESOURCE_GROUP });
        expect(violationsOf(RULE, group.resources)).toEqual([]);
        const subscription = unlocked({ stackName: "prod" });
        subscription.builder.add("azure-native:authorization:ManagementLockAtSubscriptionLevel", "lock", { level: "CanNotDelete" });
        expect(violationsOf(RULE, subscription.resources)).toEqual([]);
    });

    it("accepts the deprecated classic ManangementLock token", () => {
        const deployment = unlocked({ form: "classic", stackName: "prod" });
        deployment.builder.add("azure:managementresource/manangementLock:ManangementLock", "lock", {
            scope: armId("Microsoft.CognitiveServices", "accounts", String(deployment.training.inputs.name)), lockLevel: "CanNotDelete",
        });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("reports nothing rather than guess when a lock's scope is unknown and linked to nothing", () => {
        const deployment = compliantDeployment({ stackName: "prod", preview: true });
        deployment.lock!.propertyDependencies = {};
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("decides per account: warns about a Training account tagged for production on a stack not named for it", () => {
        const deployment = unlocked({ stackName: "eu-prod" });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        set(deployment.training, "tags", { environment: "prod" });
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.training.urn]);
    });

    it("detects production by stack tag", () => {
        const deployment = unlocked({ stackName: "team-a" });
        expect(violationsOf(RULE, deployment.resources, { stackTags: { environment: "prod" } })).toHaveLength(1);
    });
});
