import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import type { StackResource } from "../tools/policy-engine";

/**
 * Synthetic stacks for the policy benchmark: the mix an organisation-wide pack really sees, as a
 * first preview registers it (stack rules judge the outputs the engine models from these inputs).
 * Custom Vision pairs inside components (azure-native v3) and outside them (classic provider and
 * explicit API versions, paired by tag, in a resource group of the stack), vaults, diagnostic
 * settings (some with targets unknown at preview), locks, and mostly unrelated resources.
 */

const PROJECT = "platform";
const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";

function urnOf(stack: string, qualifiedType: string, name: string): string {
    return `urn:pulumi:${stack}::${PROJECT}::${qualifiedType}::${name}`;
}

function resource(stack: string, type: string, name: string, inputs: Record<string, unknown>, extra: Partial<StackResource> = {}, parentType?: string): StackResource {
    return {
        urn: urnOf(stack, parentType ? `${parentType}$${type}` : type, name),
        type,
        name,
        inputs,
        dependencies: Object.values(extra.propertyDependencies ?? {}).flat(),
        propertyDependencies: {},
        protect: false,
        // The Stack and components are registered by the program; everything of a provider package is custom.
        custom: type !== "pulumi:pulumi:Stack" && !type.endsWith(":index:CustomVision"),
        ...extra,
    };
}

/** One component-wrapped Custom Vision environment (10 resources). */
function componentUnit(stack: string, root: string, i: number): StackResource[] {
    const componentType = "azure-custom-vision:index:CustomVision";
    const component = resource(stack, componentType, `vision${i}`, {}, { parent: root });
    const child = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<StackResource> = {}) =>
        resource(stack, type, `vision${i}-${name}`, inputs, { parent: component.urn, ...extra }, componentType);
    const location = i % 7 === 0 ? unknownValue : "westeurope";
    const training = child("azure-native:cognitiveservices:Account", "training", { kind: "CustomVision.Training", location, sku: { name: "S0" }, accountName: `t${i}`, properties: { disableLocalAuth: false } });
    const prediction = child("azure-native:cognitiveservices:Account", "prediction", { kind: "CustomVision.Prediction", location: "westeurope", sku: { name: i % 5 === 0 ? "F0" : "S0" }, accountName: `p${i}`, properties: { disableLocalAuth: false } });
    const vault = child("azure-native:keyvault:Vault", "vault", { vaultName: `kv${i}`, location: "westeurope", properties: { enableRbacAuthorization: true, enablePurgeProtection: true } });
    const workspace = child("azure-native:operationalinsights:Workspace", "logs", { workspaceName: `logs${i}`, location: "westeurope" });
    const diagnostic = (target: StackResource, role: string) =>
        child("azure-native:monitor:DiagnosticSetting", `${role}-diagnostics`, { resourceUri: unknownValue, workspaceId: unknownValue, logs: [{ categoryGroup: "allLogs", enabled: true }] }, {
            propertyDependencies: { resourceUri: [target.urn], workspaceId: [workspace.urn] },
        });
    const lock = child("azure-native:authorization:ManagementLockByScope", "training-lock", { scope: unknownValue, level: "CanNotDelete" }, { propertyDependencies: { scope: [training.urn] } });
    const secret = child("azure-native:keyvault:Secret", "training-key-1", { vaultName: unknownValue, secretName: "training-key-1" }, { dependencies: [vault.urn] });
    return [component, training, prediction, vault, workspace, diagnostic(training, "training"), diagnostic(prediction, "prediction"), diagnostic(vault, "vault"), lock, secret];
}

/**
 * A hand-wired pair on the classic provider and an explicitly versioned account, paired by tag and
 * placed in the stack's resource group by `group.name` (one in three in two regions), plus an
 * account of another kind (7 resources).
 */
function handWiredUnit(stack: string, root: string, i: number): StackResource[] {
    const pair = { "custom-vision-pair": `hand-wired${i}` };
    const group = resource(stack, "azure-native:resources:ResourceGroup", `group${i}`, { resourceGroupName: `rg${i}`, location: "eastus" }, { parent: root });
    const inGroup = { parent: root, propertyDependencies: { resourceGroupName: [group.urn] } };
    const training = resource(stack, "azure:cognitive/account:Account", `classic-training${i}`, { name: `classic-training${i}`, resourceGroupName: `rg${i}`, kind: "CustomVision.Training", location: "East US", skuName: "S0", localAuthEnabled: true, tags: pair }, { parent: root });
    const prediction = resource(stack, "azure-native:cognitiveservices/v20230501:Account", `versioned-prediction${i}`, { resourceGroupName: unknownValue, kind: "CustomVision.Prediction", location: i % 3 === 0 ? "West US 2" : "eastus", sku: { name: "S0" }, tags: pair }, inGroup);
    const vault = resource(stack, "azure:keyvault/keyVault:KeyVault", `classic-vault${i}`, { name: `classic-vault${i}`, resourceGroupName: `rg${i}`, location: "eastus", purgeProtectionEnabled: i % 2 === 0 }, { parent: root });
    const workspace = resource(stack, "azure:operationalinsights/analyticsWorkspace:AnalyticsWorkspace", `classic-logs${i}`, { location: "eastus" }, { parent: root });
    const diagnostic = resource(stack, "azure:monitoring/diagnosticSetting:DiagnosticSetting", `classic-diag${i}`, { targetResourceId: `${SUBSCRIPTION}/Microsoft.CognitiveServices/accounts/classic-training${i}`, logAnalyticsWorkspaceId: unknownValue, enabledLogs: [{ categoryGroup: "allLogs" }] }, {
        parent: root,
        propertyDependencies: { targetResourceId: [training.urn], logAnalyticsWorkspaceId: [workspace.urn] },
    });
    const other = resource(stack, "azure-native:cognitiveservices:Account", `openai${i}`, { resourceGroupName: unknownValue, kind: "OpenAI", location: "swedencentral", sku: { name: "S0" } }, inGroup);
    return [group, training, prediction, vault, workspace, diagnostic, other];
}

/** Resources no Custom Vision rule is about (3 resources). */
function unrelatedUnit(stack: string, root: string, i: number): StackResource[] {
    return [
        resource(stack, "azure-native:storage:StorageAccount", `storage${i}`, { location: "eastus", sku: { name: "Standard_LRS" }, kind: "StorageV2" }, { parent: root }),
        resource(stack, "azure-native:web:WebApp", `app${i}`, { location: unknownValue, serverFarmId: unknownValue }, { parent: root }),
        resource(stack, "random:index/randomPassword:RandomPassword", `password${i}`, { length: 24 }, { parent: root }),
    ];
}

/** A production stack (name `prod-...`) of exactly `count` resources, the stack resource included. */
export function syntheticStack(count: number, stack = "prod-bench"): StackResource[] {
    const root = resource(stack, "pulumi:pulumi:Stack", `${PROJECT}-${stack}`, {});
    const resources: StackResource[] = [root];
    // Per 40 resources: 2 component environments, 2 hand-wired units, 2 unrelated units (20 + 14 + 6).
    const units = [componentUnit, componentUnit, handWiredUnit, handWiredUnit, unrelatedUnit, unrelatedUnit];
    for (let i = 0; resources.length < count; i++) {
        resources.push(...units[i % units.length](stack, root.urn, i));
    }
    return resources.slice(0, count);
}
