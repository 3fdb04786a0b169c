import { describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { CustomVision, CUSTOM_VISION_TYPE, SECRET_NAMES } from "../../components";
import { stableSuffix } from "../../components/naming";
import { fakeKey, named, ofType, register, Registration, SUBSCRIPTION_ID, TENANT_ID, useAzureMocks, valueOf } from "../helpers/mocks";

const monitor = useAzureMocks("dev");
type Args = ConstructorParameters<typeof CustomVision>[1];

const baseArgs: Args = { resourceGroupName: "rg-vision", location: "West Europe" };
const ACCOUNT = "azure-native:cognitiveservices:Account";
const SECRET = "azure-native:keyvault:Secret";
const DIAGNOSTIC = "azure-native:monitor:DiagnosticSetting";
const WORKSPACE = "azure-native:operationalinsights:Workspace";
const LOCK = "azure-native:authorization:ManagementLockByScope";

async function build(name: string, args: Partial<Args> = {}) {
    let component!: InstanceType<typeof CustomVision>;
    const registrations = await register(() => {
        component = new CustomVision(name, { ...baseArgs, ...args });
    });
    return { component, registrations };
}

const accountOf = (registrations: Registration[], kind: string) => ofType(registrations, ACCOUNT).find((r) => r.inputs.kind === kind)!;
const armAccountId = (accountName: string) =>
    `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vision/providers/Microsoft.CognitiveServices/accounts/${accountName}`;

describe("CustomVision with defaults", async () => {
    const { component, registrations } = await build("vision");
    const training = accountOf(registrations, "CustomVision.Training");
    const prediction = accountOf(registrations, "CustomVision.Prediction");

    it("registers the component under its type token with every child parented to it", () => {
        const self = registrations.find((r) => r.type === CUSTOM_VISION_TYPE)!;
        expect(self.name).toBe("vision");
        const children = registrations.filter((r) => r !== self);
        expect(children.every((r) => r.parent === self.urn)).toBe(true);
        expect(children.every((r) => r.name.startsWith("vision-"))).toBe(true);
    });

    it("creates exactly one Training and one Prediction account, a vault, a workspace, three diagnostic settings and the secrets", () => {
        const count = (type: string) => ofType(registrations, type).length;
        expect(ofType(registrations, ACCOUNT).map((r) => r.inputs.kind).sort()).toEqual(["CustomVision.Prediction", "CustomVision.Training"]);
        expect(count("azure-native:keyvault:Vault")).toBe(1);
        expect(count(WORKSPACE)).toBe(1);
        expect(count(DIAGNOSTIC)).toBe(3);
        expect(ofType(registrations, SECRET).map((r) => r.inputs.secretName).sort()).toEqual(
            [
                "prediction-endpoint",
                "prediction-key-1",
                "prediction-key-2",
                "prediction-key-active",
                "prediction-resource-id",
                "region",
                "training-endpoint",
                "training-key-1",
                "training-key-2",
                "training-key-active",
            ].sort(),
        );
        // Not production: no lock, no protect, no role assignments without readers, no alerts without receivers.
        expect(count(LOCK)).toBe(0);
        expect(training.protect).toBe(false);
        expect(count("azure-native:authorization:RoleAssignment")).toBe(0);
        expect(count("azure-native:monitor:MetricAlert")).toBe(0);
    });

    it("puts both accounts, the vault and the workspace in the one canonical region", () => {
        const located = registrations.filter((r) => r.inputs.location !== undefined && r.type !== "azure-native:monitor:ActionGroup");
        expect(located.map((r) => r.inputs.location)).toEqual(Array(located.length).fill("westeurope"));
        expect(located.length).toBe(4);
    });

    it("configures the accounts for the SDKs: S0, key auth on, a custom subdomain, a managed identity, tags", () => {
        for (const account of [training, prediction]) {
            expect(account.inputs.sku).toEqual({ name: "S0" });
            expect(account.inputs.properties.disableLocalAuth).toBe(false);
            expect(account.inputs.properties.customSubDomainName).toBe(account.inputs.accountName);
            expect(account.inputs.properties).not.toHaveProperty("restore");
            expect(account.inputs.identity).toEqual({ type: "SystemAssigned" });
            expect(account.inputs.tags).toMatchObject({ "managed-by": "pulumi", environment: "dev" });
        }
        expect(training.inputs.accountName).toMatch(/^dev-vision-training-[0-9a-f]{8}$/);
        expect(prediction.inputs.accountName).toMatch(/^dev-vision-prediction-[0-9a-f]{8}$/);
    });

    it("creates an RBAC vault with soft delete for 90 days, the tenant from the client config, and no purge protection outside prod", () => {
        const vault = ofType(registrations, "azure-native:keyvault:Vault")[0];
        expect(vault.inputs.vaultName).toMatch(/^kv-dev-vision-[0-9a-f]{8}$/);
        expect(vault.inputs.properties).toMatchObject({ enableRbacAuthorization: true, enableSoftDelete: true, softDeleteRetentionInDays: 90, tenantId: TENANT_ID });
        expect(vault.inputs.properties).not.toHaveProperty("enablePurgeProtection");
        expect(vault.inputs.properties).not.toHaveProperty("createMode");
    });

    it("stores each account's own key 1 and key 2, marked secret, and never sends a key in plain text", () => {
        const value = (secretName: string) => ofType(registrations, SECRET).find((r) => r.inputs.secretName === secretName)!;
        const trainingName = training.inputs.accountName;
        const predictionName = prediction.inputs.accountName;
        expect(value("training-key-1").inputs.properties.value).toBe(fakeKey(trainingName, 1));
        expect(value("training-key-2").inputs.properties.value).toBe(fakeKey(trainingName, 2));
        expect(value("prediction-key-1").inputs.properties.value).toBe(fakeKey(predictionName, 1));
        expect(value("prediction-key-2").inputs.properties.value).toBe(fakeKey(predictionName, 2));
        expect(value("training-key-active").inputs.properties.value).toBe(fakeKey(trainingName, 1));
        for (const secret of ofType(registrations, SECRET)) {
            expect(secret.secretInputs).toEqual(["properties.value"]);
            expect(secret.inputs.properties.contentType).toBeTruthy();
        }
        const keys = [1, 2].flatMap((n) => [fakeKey(trainingName, n as 1 | 2), fakeKey(predictionName, n as 1 | 2)]);
        const plain = registrations.map((r) => JSON.stringify(r.type === SECRET ? { ...r.inputs, properties: { ...r.inputs.properties, value: undefined } } : r.inputs));
        for (const key of keys) expect(plain.join("\n")).not.toContain(key);
    });

    it("stores both endpoints, the prediction resource id and the region", () => {
        const value = (secretName: string) => ofType(registrations, SECRET).find((r) => r.inputs.secretName === secretName)!.inputs.properties.value;
        expect(value("training-endpoint")).toBe(`https://${training.inputs.accountName}.cognitiveservices.azure.com/`);
        expect(value("prediction-endpoint")).toBe(`https://${prediction.inputs.accountName}.cognitiveservices.azure.com/`);
        expect(value("prediction-resource-id")).toBe(armAccountId(prediction.inputs.accountName));
        expect(value("region")).toBe("westeurope");
    });

    it("reads the keys with listAccountKeys and the tenant with getClientConfig, and nothing else", () => {
        expect(new Set(monitor.invokes.map((i) => i.token))).toEqual(
            new Set(["azure-native:authorization:getClientConfig", "azure-native:cognitiveservices:listAccountKeys"]),
        );
    });

    it("routes all logs and metrics of each account and the vault to the created workspace", () => {
        const workspace = ofType(registrations, WORKSPACE)[0];
        expect(workspace.inputs).toMatchObject({ sku: { name: "PerGB2018" }, retentionInDays: 30 });
        const workspaceId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vision/providers/Microsoft.OperationalInsights/workspaces/${workspace.inputs.workspaceName}`;
        const vaultId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vision/providers/Microsoft.KeyVault/vaults/${ofType(registrations, "azure-native:keyvault:Vault")[0].inputs.vaultName}`;
        const targets = Object.fromEntries(ofType(registrations, DIAGNOSTIC).map((d) => [d.name, d.inputs]));
        expect(targets["vision-training-diagnostics"].resourceUri).toBe(armAccountId(training.inputs.accountName));
        expect(targets["vision-prediction-diagnostics"].resourceUri).toBe(armAccountId(prediction.inputs.accountName));
        expect(targets["vision-vault-diagnostics"].resourceUri).toBe(vaultId);
        for (const setting of Object.values(targets)) {
            expect(setting.workspaceId).toBe(workspaceId);
            expect(setting.logs).toEqual([{ categoryGroup: "allLogs", enabled: true }]);
            expect(setting.metrics).toEqual([{ category: "AllMetrics", enabled: true }]);
        }
    });

    it("lets Azure create accounts, vault and workspace in parallel: none depends on another resource", () => {
        const roots = [...ofType(registrations, ACCOUNT), ...ofType(registrations, "azure-native:keyvault:Vault"), ...ofType(registrations, WORKSPACE)];
        for (const root of roots) expect(root.dependencies).toEqual([]);
        const diagnostic = named(registrations, "vision-training-diagnostics");
        expect(diagnostic.propertyDependencies.resourceUri).toEqual([training.urn]);
    });

    it("exposes typed outputs, with the keys as secrets and the rest in the clear", async () => {
        expect(await valueOf(component.predictionAccountId)).toBe(armAccountId(prediction.inputs.accountName));
        expect(await valueOf(component.trainingEndpoint)).toBe(`https://${training.inputs.accountName}.cognitiveservices.azure.com/`);
        expect(await valueOf(component.keyVaultUri)).toMatch(/^https:\/\/kv-dev-vision-[0-9a-f]{8}\.vault\.azure\.net\/$/);
        expect(await valueOf(component.location)).toBe("westeurope");
        expect(await valueOf(component.secretNames)).toMatchObject({ trainingKey1: "training-key-1", predictionResourceId: "prediction-resource-id" });
        expect(await pulumi.isSecret(component.trainingKey)).toBe(true);
        expect(await pulumi.isSecret(component.predictionKey)).toBe(true);
        expect(await valueOf(component.predictionKey)).toBe(fakeKey(prediction.inputs.accountName, 1));
        expect(await pulumi.isSecret(component.predictionEndpoint)).toBe(false);
        expect(SECRET_NAMES.predictionResourceId).toBe("prediction-resource-id");
    });
});

describe("CustomVision in production", async () => {
    const { registrations } = await build("prodvision", { environment: "prod", secretReaderPrincipalIds: ["3f2504e0-4f89-41d3-9a0c-0305e82c3301"] });

    it("locks the Training account against deletion, and only it", () => {
        const locks = ofType(registrations, LOCK);
        expect(locks).toHaveLength(1);
        expect(locks[0].inputs.level).toBe("CanNotDelete");
        expect(locks[0].inputs.scope).toBe(armAccountId(accountOf(registrations, "CustomVision.Training").inputs.accountName));
    });

    it("protects the Training account in Pulumi too, since pulumi destroy would remove the lock first", () => {
        expect(accountOf(registrations, "CustomVision.Training").protect).toBe(true);
        expect(accountOf(registrations, "CustomVision.Prediction").protect).toBe(false);
    });

    it("turns on vault purge protection", () => {
        expect(ofType(registrations, "azure-native:keyvault:Vault")[0].inputs.properties.enablePurgeProtection).toBe(true);
    });

    it("grants each secret reader Key Vault Secrets User on the vault with a stable assignment name", () => {
        const [assignment] = ofType(registrations, "azure-native:authorization:RoleAssignment");
        expect(assignment.inputs.principalId).toBe("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
        expect(assignment.inputs.roleDefinitionId).toBe(
            `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
        );
        expect(assignment.inputs.scope).toMatch(/\/providers\/Microsoft\.KeyVault\/vaults\/kv-dev-prodvisi-[0-9a-f]{8}$/);
        expect(assignment.inputs.roleAssignmentName).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("leaves a protect given to the component in force on every child", async () => {
        let component!: InstanceType<typeof CustomVision>;
        const protectedStack = await register(() => {
            component = new CustomVision("guarded", { ...baseArgs, environment: "dev" }, { protect: true });
        });
        expect(component).toBeDefined();
        expect(ofType(protectedStack, ACCOUNT).map((r) => r.protect)).toEqual([true, true]);
    });

    it("can opt out of the lock and purge protection", async () => {
        const { registrations: optedOut } = await build("optout", { environment: "prod", lockTrainingAccount: false, enablePurgeProtection: false });
        expect(ofType(optedOut, LOCK)).toHaveLength(0);
        expect(accountOf(optedOut, "CustomVision.Training").protect).toBe(false);
        expect(ofType(optedOut, "azure-native:keyvault:Vault")[0].inputs.properties).not.toHaveProperty("enablePurgeProtection");
    });
});

describe("CustomVision with an existing workspace", async () => {
    const workspaceId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.OperationalInsights/workspaces/central-logs`;
    const { component, registrations } = await build("shared", { logAnalyticsWorkspaceId: workspaceId });

    it("creates no workspace and sends every diagnostic setting to the given one", async () => {
        expect(ofType(registrations, WORKSPACE)).toHaveLength(0);
        const settings = ofType(registrations, DIAGNOSTIC);
        expect(settings).toHaveLength(3);
        expect(settings.every((s) => s.inputs.workspaceId === workspaceId)).toBe(true);
        expect(await valueOf(component.workspaceId)).toBe(workspaceId);
    });
});

describe("names", async () => {
    const first = await build("alpha");
    const again = await build("alpha-again");
    const names = (registrations: Registration[]) =>
        [...ofType(registrations, ACCOUNT).map((r) => r.inputs.accountName), ofType(registrations, "azure-native:keyvault:Vault")[0].inputs.vaultName];

    it("are the same on every run for the same project, stack and component", async () => {
        // A second registration with the same inputs in a fresh process would produce the same
        // names: the suffix hashes only subscription, resource group, project, stack and name.
        const suffix = stableSuffix([SUBSCRIPTION_ID, "rg-vision", "azure-custom-vision", "dev", "alpha"]);
        expect(names(first.registrations)).toEqual([`dev-alpha-training-${suffix}`, `dev-alpha-prediction-${suffix}`, `kv-dev-alpha-${suffix}`]);
    });

    it("never collide between two components of one stack", () => {
        const all = [...names(first.registrations), ...names(again.registrations)];
        expect(new Set(all).size).toBe(all.length);
    });

    it("can be overridden", async () => {
        const { registrations } = await build("custom", { trainingSubdomain: "contoso-cv-train", predictionSubdomain: "contoso-cv-predict", keyVaultName: "kv-contoso-cv" });
        expect(names(registrations)).toEqual(["contoso-cv-train", "contoso-cv-predict", "kv-contoso-cv"]);
        expect(accountOf(registrations, "CustomVision.Training").inputs.properties.customSubDomainName).toBe("contoso-cv-train");
    });
});

describe("bad input", () => {
    const cases: [string, Partial<Args>, RegExp][] = [
        ["location", { location: "mars" }, /location "mars" is not a region where Custom Vision is offered/],
        ["location (missing)", { location: undefined as unknown as string }, /location is required/],
        ["trainingSku", { trainingSku: "S1" }, /trainingSku "S1" is not a Custom Vision pricing tier; use F0 or S0/],
        ["predictionSku", { predictionSku: "Free" }, /predictionSku "Free" is not a Custom Vision pricing tier/],
        ["resourceGroupName", { resourceGroupName: "" }, /resourceGroupName is required and must not be empty/],
        ["keyVaultName", { keyVaultName: "kv--double" }, /keyVaultName "kv--double" breaks Azure's rule for Key Vault names/],
        ["keyVaultName (length)", { keyVaultName: "kv-this-name-is-far-too-long" }, /keyVaultName .* 3–24/],
        ["trainingSubdomain", { trainingSubdomain: "-bad" }, /trainingSubdomain "-bad" breaks Azure's rule/],
        ["predictionSubdomain", { trainingSubdomain: "same-name", predictionSubdomain: "same-name" }, /predictionSubdomain "same-name" equals trainingSubdomain/],
        ["softDeleteRetentionInDays", { softDeleteRetentionInDays: 3 }, /softDeleteRetentionInDays 3 is out of range/],
        ["logRetentionInDays", { logRetentionInDays: 1000 }, /logRetentionInDays 1000 is out of range/],
        ["secretReaderPrincipalIds", { secretReaderPrincipalIds: ["not-a-guid"] }, /secretReaderPrincipalIds\[0\] "not-a-guid" is not an Entra ID object id/],
        ["logAnalyticsWorkspaceId", { logAnalyticsWorkspaceId: "central-logs" }, /logAnalyticsWorkspaceId "central-logs" is not a workspace resource id/],
        ["environment", { environment: "prod env!" }, /environment "prod env!" must be 1–32 letters/],
    ];
    it.each(cases)("rejects %s at construction, naming the argument, before registering anything", async (_label, args, message) => {
        const before = monitor.registrations.length;
        expect(() => new CustomVision("bad", { ...baseArgs, ...args })).toThrow(message);
        await register(() => undefined);
        expect(monitor.registrations.length).toBe(before);
    });

    it("prefixes every message with the component so a stack with several knows which one", () => {
        expect(() => new CustomVision("team-a", { ...baseArgs, location: "mars" })).toThrow(/^CustomVision "team-a": /);
    });

    it("accepts F0 in prod with a warning: the policy pack is the gate", async () => {
        const { registrations } = await build("freeprod", { environment: "prod", trainingSku: "F0", predictionSku: "F0" });
        expect(ofType(registrations, ACCOUNT).map((r) => r.inputs.sku.name)).toEqual(["F0", "F0"]);
    });
});
