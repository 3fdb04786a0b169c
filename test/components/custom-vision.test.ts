import { describe, expect, it, vi } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { CustomVision, CUSTOM_VISION_TYPE, CustomVisionArgs } from "../../components";
import { stableSuffix } from "../../components/naming";
import { named, ofType, register, Registration, SUBSCRIPTION_ID, TENANT_ID, useAzureMocks, valueOf } from "../helpers/mocks";
import { recordRequests } from "./register-requests";

const runtime = useAzureMocks("dev");
const requests = recordRequests(runtime.monitor);

const baseArgs: CustomVisionArgs = { resourceGroupName: "rg-vision", location: "West Europe" };
const ACCOUNT = "azure-native:cognitiveservices:Account";
const SECRET = "azure-native:keyvault:Secret";
const DIAGNOSTIC = "azure-native:monitor:DiagnosticSetting";
const WORKSPACE = "azure-native:operationalinsights:Workspace";
const LOCK = "azure-native:authorization:ManagementLockByScope";
const VAULT = "azure-native:keyvault:Vault";
const ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const DEPLOYMENT = "azure-native:resources:Deployment";
const READER = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

/** A consumer of the component's outputs, e.g. an app whose settings reference the secrets. */
class App extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs) {
        super("test:index:App", name, props);
    }
}

async function build(name: string, args: Partial<CustomVisionArgs> = {}, opts?: pulumi.ComponentResourceOptions) {
    let component!: CustomVision;
    const registrations = await register(() => {
        component = new CustomVision(name, { ...baseArgs, ...args }, opts);
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

    it("creates two accounts, a vault, a workspace, three diagnostic settings, the key export and the four non-key secrets", () => {
        const count = (type: string) => ofType(registrations, type).length;
        expect(ofType(registrations, ACCOUNT).map((r) => r.inputs.kind).sort()).toEqual(["CustomVision.Prediction", "CustomVision.Training"]);
        expect(count(VAULT)).toBe(1);
        expect(count(WORKSPACE)).toBe(1);
        expect(count(DIAGNOSTIC)).toBe(3);
        expect(count(DEPLOYMENT)).toBe(1);
        expect(ofType(registrations, SECRET).map((r) => r.inputs.secretName).sort()).toEqual(["prediction-endpoint", "prediction-resource-id", "region", "training-endpoint"]);
        // Not production: no lock, no protect, no role assignments without readers, no alerts without receivers.
        expect(count(LOCK)).toBe(0);
        expect(training.protect).toBe(false);
        expect(count(ASSIGNMENT)).toBe(0);
        expect(count("azure-native:monitor:MetricAlert")).toBe(0);
    });

    it("puts both accounts, the vault and the workspace in the one canonical region", () => {
        const located = registrations.filter((r) => r.inputs.location !== undefined);
        expect(located.map((r) => r.inputs.location)).toEqual(Array(located.length).fill("westeurope"));
        expect(located.map((r) => r.type).sort()).toEqual([ACCOUNT, ACCOUNT, VAULT, WORKSPACE]);
    });

    it("configures the accounts for the SDKs: S0, key auth on, a custom subdomain, a managed identity, tags", () => {
        for (const account of [training, prediction]) {
            expect(account.inputs.sku).toEqual({ name: "S0" });
            expect(account.inputs.properties.disableLocalAuth).toBe(false);
            expect(account.inputs.properties.customSubDomainName).toBe(account.inputs.accountName);
            expect(account.inputs.properties).not.toHaveProperty("restore");
            expect(account.inputs.identity).toEqual({ type: "SystemAssigned" });
            expect(account.inputs.tags).toEqual({ "managed-by": "pulumi", component: "azure-custom-vision", environment: "dev" });
        }
        expect(training.inputs.accountName).toMatch(/^dev-vision-training-[0-9a-f]{8}$/);
        expect(prediction.inputs.accountName).toMatch(/^dev-vision-prediction-[0-9a-f]{8}$/);
    });

    it("creates an RBAC vault with soft delete for 90 days, the tenant from the client config, and no purge protection outside prod", () => {
        const vault = ofType(registrations, VAULT)[0];
        expect(vault.inputs.vaultName).toMatch(/^kv-dev-vision-[0-9a-f]{8}$/);
        expect(vault.inputs.properties).toMatchObject({ enableRbacAuthorization: true, enableSoftDelete: true, softDeleteRetentionInDays: 90, tenantId: TENANT_ID });
        expect(vault.inputs.properties).not.toHaveProperty("enablePurgeProtection");
        expect(vault.inputs.properties).not.toHaveProperty("createMode");
    });

    it("stores both endpoints, the prediction resource id and the region, each marked secret", () => {
        const value = (secretName: string) => ofType(registrations, SECRET).find((r) => r.inputs.secretName === secretName)!.inputs.properties.value;
        expect(value("training-endpoint")).toBe(`https://${training.inputs.accountName}.cognitiveservices.azure.com/`);
        expect(value("prediction-endpoint")).toBe(`https://${prediction.inputs.accountName}.cognitiveservices.azure.com/`);
        expect(value("prediction-resource-id")).toBe(armAccountId(prediction.inputs.accountName));
        expect(value("region")).toBe("westeurope");
        for (const secret of ofType(registrations, SECRET)) expect(secret.secretInputs).toEqual(["properties.value"]);
    });

    it("calls getClientConfig and nothing else: no listAccountKeys, the keys never reach the program", () => {
        expect(new Set(runtime.invokes.map((i) => i.token))).toEqual(new Set(["azure-native:authorization:getClientConfig"]));
    });

    it("routes all logs and metrics of each account and the vault to the created workspace", () => {
        const workspace = ofType(registrations, WORKSPACE)[0];
        expect(workspace.inputs).toMatchObject({ sku: { name: "PerGB2018" }, retentionInDays: 30 });
        const workspaceId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vision/providers/Microsoft.OperationalInsights/workspaces/${workspace.inputs.workspaceName}`;
        const vaultId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vision/providers/Microsoft.KeyVault/vaults/${ofType(registrations, VAULT)[0].inputs.vaultName}`;
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
        const roots = [...ofType(registrations, ACCOUNT), ...ofType(registrations, VAULT), ...ofType(registrations, WORKSPACE)];
        for (const root of roots) expect(root.dependencies).toEqual([]);
        expect(named(registrations, "vision-training-diagnostics").propertyDependencies.resourceUri).toEqual([training.urn]);
    });

    it("exposes typed outputs in the clear: ids, endpoints, vault URI, secret names and versionless secret URIs", async () => {
        const vaultName = ofType(registrations, VAULT)[0].inputs.vaultName as string;
        expect(await valueOf(component.predictionAccountId)).toBe(armAccountId(prediction.inputs.accountName));
        expect(await valueOf(component.trainingEndpoint)).toBe(`https://${training.inputs.accountName}.cognitiveservices.azure.com/`);
        expect(await valueOf(component.keyVaultUri)).toBe(`https://${vaultName}.vault.azure.net/`);
        expect(await valueOf(component.location)).toBe("westeurope");
        const uris = await valueOf(component.secretUris);
        expect(uris.predictionKeyActive).toBe(`https://${vaultName}.vault.azure.net/secrets/prediction-key-active`);
        expect(uris.region).toBe(`https://${vaultName}.vault.azure.net/secrets/region`);
        expect(Object.keys(uris).sort()).toEqual(Object.keys(await valueOf(component.secretNames)).sort());
        expect(await valueOf(component.secretNames)).toMatchObject({ trainingKey1: "training-key-1", predictionResourceId: "prediction-resource-id" });
        expect(await pulumi.isSecret(component.secretUris)).toBe(false);
        expect(await pulumi.isSecret(component.predictionEndpoint)).toBe(false);
        expect(component).not.toHaveProperty("trainingKey");
        expect(component).not.toHaveProperty("predictionKey");
    });

    it("hands out Key Vault references for app settings, and refuses one to a secret it does not store", async () => {
        const vaultName = ofType(registrations, VAULT)[0].inputs.vaultName as string;
        expect(await valueOf(component.keyVaultReference("predictionKeyActive"))).toBe(`@Microsoft.KeyVault(SecretUri=https://${vaultName}.vault.azure.net/secrets/prediction-key-active)`);
        expect(() => component.keyVaultReference("projectId")).toThrow(/^CustomVision "vision" stores no projectId secret: set its projectId argument; it stores trainingKey1, /);
        expect(() => component.keyVaultReference("publishedIterationName")).toThrow(/stores no publishedIterationName secret/);
        const { component: withProject } = await build("withproject", { projectId: "0f8fad5b-d9cb-469f-a165-70867728950e" });
        expect(await valueOf(withProject.keyVaultReference("projectId"))).toMatch(/^@Microsoft\.KeyVault\(SecretUri=https:\/\/kv-dev-withproj[^/]*\.vault\.azure\.net\/secrets\/project-id\)$/);
    });

    it("hands out the account and vault resources themselves", async () => {
        expect(await valueOf(component.trainingAccount.id)).toBe(armAccountId(training.inputs.accountName));
        expect(await valueOf(component.predictionAccount.name)).toBe(prediction.inputs.accountName);
        expect(await valueOf(component.keyVault.name)).toBe(ofType(registrations, VAULT)[0].inputs.vaultName);
    });

    it("makes whatever uses a secret URI wait for the export and every secret", async () => {
        const [app] = await register(() => new App("app", { setting: component.secretUris }));
        const writers = registrations.filter((r) => r.type === SECRET || r.type === DEPLOYMENT).map((r) => r.urn);
        expect(writers).toHaveLength(5);
        expect(app.propertyDependencies.setting).toEqual(expect.arrayContaining(writers));
    });
});

describe("CustomVision in production", async () => {
    const { registrations } = await build("prodvision", { environment: "prod", secretReaderPrincipalIds: [READER] });

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
        expect(ofType(registrations, VAULT)[0].inputs.properties.enablePurgeProtection).toBe(true);
    });

    it("grants each service principal Key Vault Secrets User on the vault, saying it is a ServicePrincipal", () => {
        const [assignment] = ofType(registrations, ASSIGNMENT);
        expect(assignment.inputs).toMatchObject({ principalId: READER, principalType: "ServicePrincipal" });
        expect(assignment.inputs.roleDefinitionId).toBe(
            `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`,
        );
        expect(assignment.inputs.scope).toMatch(/\/providers\/Microsoft\.KeyVault\/vaults\/kv-dev-prodvisi-[0-9a-f]{8}$/);
        expect(assignment.inputs.roleAssignmentName).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it("replaces a role assignment by deleting it first: its deterministic name would collide", () => {
        const sent = requests.filter((request) => request.type === ASSIGNMENT);
        expect(sent.length).toBeGreaterThan(0);
        expect(sent.every((request) => request.deletebeforereplace)).toBe(true);
        expect(requests.filter((request) => request.type === ACCOUNT).every((request) => !request.deletebeforereplace)).toBe(true);
    });

    it("leaves a protect given to the component in force on every child", async () => {
        const { registrations: guarded } = await build("guarded", { environment: "dev" }, { protect: true });
        expect(ofType(guarded, ACCOUNT).map((r) => r.protect)).toEqual([true, true]);
        expect(ofType(guarded, VAULT).map((r) => r.protect)).toEqual([true]);
    });

    it("can opt out of the lock and purge protection", async () => {
        const { registrations: optedOut } = await build("optout", { environment: "prod", lockTrainingAccount: false, enablePurgeProtection: false });
        expect(ofType(optedOut, LOCK)).toHaveLength(0);
        expect(accountOf(optedOut, "CustomVision.Training").protect).toBe(false);
        expect(ofType(optedOut, VAULT)[0].inputs.properties).not.toHaveProperty("enablePurgeProtection");
    });
});

describe("secret readers", () => {
    const user = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const group = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    it("grant users and groups with their own principalType, next to the service principals", async () => {
        const { registrations } = await build("readers", {
            secretReaderPrincipalIds: [READER],
            secretReaders: [{ principalId: user, principalType: "User" }, { principalId: group.toUpperCase(), principalType: "Group" }],
        });
        const types = Object.fromEntries(ofType(registrations, ASSIGNMENT).map((r) => [r.inputs.principalId, r.inputs.principalType]));
        expect(types).toEqual({ [READER]: "ServicePrincipal", [user]: "User", [group]: "Group" });
        expect(new Set(ofType(registrations, ASSIGNMENT).map((r) => r.inputs.roleAssignmentName)).size).toBe(3);
    });

    it("reject an unknown principal type and a principal given twice with two types", () => {
        expect(() => new CustomVision("bad", { ...baseArgs, secretReaders: [{ principalId: user, principalType: "Robot" as "User" }] })).toThrow(
            /secretReaders\[0\]\.principalType "Robot" is not a principal type: use ServicePrincipal, User, Group/,
        );
        expect(() => new CustomVision("bad", { ...baseArgs, secretReaderPrincipalIds: [user], secretReaders: [{ principalId: user, principalType: "User" }] })).toThrow(
            /secretReaders\[0\]\.principalId "0f8fad5b-[^"]+" is also given as a ServicePrincipal/,
        );
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
    const names = (registrations: Registration[]) => [...ofType(registrations, ACCOUNT).map((r) => r.inputs.accountName), ofType(registrations, VAULT)[0].inputs.vaultName];

    it("are the same on every run for the same project, stack and component", () => {
        // The suffix hashes only subscription, resource group, project, stack and name.
        const suffix = stableSuffix([SUBSCRIPTION_ID, "rg-vision", "azure-custom-vision", "dev", "alpha"]);
        expect(names(first.registrations)).toEqual([`dev-alpha-training-${suffix}`, `dev-alpha-prediction-${suffix}`, `kv-dev-alpha-${suffix}`]);
    });

    it("never collide between two components of one stack", () => {
        const all = [...names(first.registrations), ...names(again.registrations)];
        expect(new Set(all).size).toBe(all.length);
    });

    it("keep within Azure's limits for a very long component name, the stable suffix kept, for every derived name", async () => {
        const longName = "v".repeat(300);
        const { registrations } = await build(longName, { alertEmails: ["oncall@contoso.com"] });
        const suffix = stableSuffix([SUBSCRIPTION_ID, "rg-vision", "azure-custom-vision", "dev", longName]);
        const [actionGroup] = ofType(registrations, "azure-native:monitor:ActionGroup");
        const searchIds = ofType(registrations, "azure-native:operationalinsights:SavedSearch").map((r) => r.inputs.savedSearchId as string);
        const alertNames = ofType(registrations, "azure-native:monitor:MetricAlert").map((r) => r.inputs.ruleName as string);
        expect(actionGroup.inputs.actionGroupName).toHaveLength(260);
        expect(actionGroup.inputs.actionGroupName).toMatch(new RegExp(`^dev-v+-custom-vision-alerts-${suffix}$`));
        expect(searchIds).toHaveLength(3);
        for (const id of searchIds) expect(id).toMatch(new RegExp(`^dev-v+-(failed-calls|throttled-calls|auth-failures)-${suffix}$`));
        expect(Math.max(...searchIds.map((id) => id.length))).toBeLessThanOrEqual(64);
        expect(alertNames).toHaveLength(6);
        expect(Math.max(...alertNames.map((ruleName) => ruleName.length))).toBeLessThanOrEqual(260);
        expect(Math.max(...names(registrations).map((name) => name.length))).toBeLessThanOrEqual(64);
    });

    it("can be overridden", async () => {
        const { registrations } = await build("custom", { trainingSubdomain: "contoso-cv-train", predictionSubdomain: "contoso-cv-predict", keyVaultName: "kv-contoso-cv" });
        expect(names(registrations)).toEqual(["contoso-cv-train", "contoso-cv-predict", "kv-contoso-cv"]);
        expect(accountOf(registrations, "CustomVision.Training").inputs.properties.customSubDomainName).toBe("contoso-cv-train");
    });
});

describe("a component read back by URN", () => {
    it("builds and checks nothing: it only looks the component up", async () => {
        const urn = "urn:pulumi:dev::azure-custom-vision::azure-custom-vision:index:CustomVision::lookedup";
        // What the engine holds for a deployed component (the mock monitor keeps registered outputs in a form it cannot send back).
        runtime.monitor.resources.set(urn, { urn, id: null, state: {} });
        const lookups = runtime.invokes.length;
        const found = await register(() => new CustomVision("lookedup", {} as CustomVisionArgs, { urn }));
        expect(found).toEqual([]);
        expect(runtime.invokes.length).toBe(lookups);
    });
});

describe("the free tier in production", () => {
    it("is accepted with a warning naming the rule: the policy pack is the gate", async () => {
        const warn = vi.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
        try {
            const { registrations } = await build("freeprod", { environment: "prod", trainingSku: "F0", predictionSku: "F0" });
            expect(ofType(registrations, ACCOUNT).map((r) => r.inputs.sku.name)).toEqual(["F0", "F0"]);
            const messages = warn.mock.calls.map(([message]) => message);
            expect(messages).toEqual([expect.stringMatching(/^CustomVision "freeprod": environment "prod" uses the free F0 tier.*custom-vision-no-free-tier-in-prod/)]);
            warn.mockClear();
            await build("freedev", { environment: "dev", trainingSku: "F0" });
            expect(warn).not.toHaveBeenCalled();
        } finally {
            warn.mockRestore();
        }
    });
});
