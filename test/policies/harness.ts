// Over 300 lines on purpose: every rule test builds its stacks here, so they share one engine-shaped model of a stack.
/**
 * Test harness for the policy pack: builds registered-resource graphs the way the engine reports them
 * (URNs with parent type chains, parent/dependency/property-dependency links, unknown sentinels) and
 * runs the pack through tools/policy-engine, the one engine emulation. Resources are registered with
 * their inputs: stack rules see the outputs a first preview's create gives (the engine models them),
 * or the known outputs a test gives a resource that exists already (`existing`).
 */
import type { Policies } from "@pulumi/policy";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { isAzureType } from "../../policies/lib/tokens";
import { policies as packPolicies } from "../../policies/rules";
import { evaluatePolicyPack, EvaluationResult, PolicyPackConfig, StackResource, Violation } from "../../tools/policy-engine";

/** The engine's marker for a value computed during the update (what preview sends for outputs). */
export const UNKNOWN = unknownValue;
export const PROJECT = "vision";
export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
export const RESOURCE_GROUP = "rg-vision";
export const STACK_TYPE = "pulumi:pulumi:Stack";
export const COMPONENT_TYPE = "azure-custom-vision:index:CustomVision";
export const RESOURCE_GROUP_TOKENS = { native: "azure-native:resources:ResourceGroup", classic: "azure:core/resourceGroup:ResourceGroup" } as const;

export const TOKENS = {
    v3: {
        account: "azure-native:cognitiveservices:Account",
        vault: "azure-native:keyvault:Vault",
        diagnosticSetting: "azure-native:monitor:DiagnosticSetting",
        lock: "azure-native:authorization:ManagementLockByScope",
        workspace: "azure-native:operationalinsights:Workspace",
    },
    /** azure-native v2 kept diagnostic settings under `insights`. */
    v2: {
        account: "azure-native:cognitiveservices:Account",
        vault: "azure-native:keyvault:Vault",
        diagnosticSetting: "azure-native:insights:DiagnosticSetting",
        lock: "azure-native:authorization:ManagementLockByScope",
        workspace: "azure-native:operationalinsights:Workspace",
    },
    versioned: {
        account: "azure-native:cognitiveservices/v20230501:Account",
        vault: "azure-native:keyvault/v20230701:Vault",
        diagnosticSetting: "azure-native:insights/v20210501preview:DiagnosticSetting",
        lock: "azure-native:authorization/v20200501:ManagementLockByScope",
        workspace: "azure-native:operationalinsights/v20221001:Workspace",
    },
    classic: {
        account: "azure:cognitive/account:Account",
        vault: "azure:keyvault/keyVault:KeyVault",
        diagnosticSetting: "azure:monitoring/diagnosticSetting:DiagnosticSetting",
        lock: "azure:management/lock:Lock",
        workspace: "azure:operationalinsights/analyticsWorkspace:AnalyticsWorkspace",
    },
} as const;
export type TokenForm = keyof typeof TOKENS;
export const TOKEN_FORMS = Object.keys(TOKENS) as TokenForm[];

export interface ResourceOptions {
    parent?: StackResource;
    /** An explicit provider resource (the engine then reports it with the resource). */
    provider?: StackResource;
    /** A custom resource; defaults to true for azure-native (local packages included) and classic azure types, as those packages have no components. */
    custom?: boolean;
    /** Property -> resources its value came from; also recorded as dependencies. */
    propertyDependencies?: Record<string, StackResource[]>;
    dependsOn?: StackResource[];
    protect?: boolean;
}

/** Builds one stack's resources in registration order. The Stack resource comes first, as in the engine. */
export class StackBuilder {
    readonly resources: StackResource[] = [];
    readonly stack: StackResource;

    constructor(readonly stackName = "dev", readonly project = PROJECT) {
        this.stack = this.add(STACK_TYPE, `${project}-${stackName}`, {});
    }

    /** Registers a resource; children of the Stack get no parent type in their URN, as in the engine. */
    add(type: string, name: string, inputs: Record<string, unknown>, options: ResourceOptions = {}): StackResource {
        const parent = options.parent ?? (this.resources.length > 0 ? this.stack : undefined);
        const chain = parent && parent.type !== STACK_TYPE ? `${typeChainOf(parent.urn)}$${type}` : type;
        const propertyDependencies = Object.fromEntries(
            Object.entries(options.propertyDependencies ?? {}).map(([property, sources]) => [property, sources.map((source) => source.urn)]),
        );
        const dependencies = [...new Set([...Object.values(propertyDependencies).flat(), ...(options.dependsOn ?? []).map((d) => d.urn)])];
        const resource: StackResource = {
            urn: `urn:pulumi:${this.stackName}::${this.project}::${chain}::${name}`,
            type,
            name,
            inputs,
            dependencies,
            propertyDependencies,
            protect: options.protect ?? false,
            custom: options.custom ?? isAzureType(type),
        };
        if (parent) resource.parent = parent.urn;
        if (options.provider) resource.provider = `${options.provider.urn}::${options.provider.name}-id`;
        this.resources.push(resource);
        return resource;
    }

    remove(resource: StackResource): void {
        this.resources.splice(this.resources.indexOf(resource), 1);
    }

    /** The stack's ResourceGroup of that name and provider family, registered on first use. */
    resourceGroup(name = RESOURCE_GROUP, location = "eastus", classic = false): StackResource {
        const type = classic ? RESOURCE_GROUP_TOKENS.classic : RESOURCE_GROUP_TOKENS.native;
        const existing = this.resources.find((resource) => resource.type === type && (resource.inputs.name ?? resource.inputs.resourceGroupName) === name);
        return existing ?? this.add(type, `group-${name}`, classic ? { name, location } : { resourceGroupName: name, location });
    }
}

/**
 * Puts `resources` into `group` the way `resourceGroupName: group.name` does: a property dependency
 * on it, and its name (unknown during a preview of azure-native, whose group's `name` output is
 * unknown until created; classic outputs carry the input).
 */
export function placeIn(group: StackResource, resources: readonly StackResource[], preview = false): void {
    const classic = group.type === RESOURCE_GROUP_TOKENS.classic;
    const name = classic ? group.inputs.name : group.inputs.resourceGroupName;
    for (const resource of resources) {
        resource.inputs.resourceGroupName = preview && !classic ? UNKNOWN : name;
        resource.propertyDependencies.resourceGroupName = [group.urn];
        if (!resource.dependencies.includes(group.urn)) resource.dependencies.push(group.urn);
    }
}

/** Marks `resource` as existing already: stack rules see `outputs` (known, as recorded after creation), not its create preview. */
export function existing(resource: StackResource, outputs: Record<string, unknown>): StackResource {
    resource.outputs = outputs;
    return resource;
}

function typeChainOf(urn: string): string {
    return urn.split("::")[2];
}

export function armId(provider: string, type: string, name: string, resourceGroup = RESOURCE_GROUP): string {
    return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${resourceGroup}/providers/${provider}/${type}/${name}`;
}

export interface Deployment {
    builder: StackBuilder;
    resources: StackResource[];
    component?: StackResource;
    /** The stack's ResourceGroup every resource of the deployment is placed in (shared by deployments of one builder). */
    resourceGroup: StackResource;
    training: StackResource;
    prediction: StackResource;
    vault: StackResource;
    workspace: StackResource;
    trainingDiagnostics: StackResource;
    predictionDiagnostics: StackResource;
    vaultDiagnostics: StackResource;
    lock?: StackResource;
}

export interface DeploymentOptions {
    stackName?: string;
    /** Token form of every resource. Default "v3". */
    form?: TokenForm;
    /** During preview every id is unknown and only property dependencies link resources. Default false. */
    preview?: boolean;
    /** Put the resources under a CustomVision component (azure-native forms only). Default true. */
    component?: boolean;
    /** Name prefix, so that one stack can hold several deployments. Default "cv". */
    name?: string;
    builder?: StackBuilder;
    /** Add the CanNotDelete lock on the Training account. Default: when the stack is production-named. */
    lock?: boolean;
}

/**
 * A deployment every rule accepts, in production too: S0 accounts in one supported region, key auth
 * on, a purge-protected vault, network ACLs denying by default, logs of all three sent to a
 * workspace, a CanNotDelete lock in prod; everything in the stack's resource group `rg-vision`, named
 * by `group.name` (a property dependency).
 * Each test mutates one thing.
 */
export function compliantDeployment(options: DeploymentOptions = {}): Deployment {
    const form = options.form ?? "v3";
    const builder = options.builder ?? new StackBuilder(options.stackName ?? "dev");
    const prefix = options.name ?? "cv";
    const preview = options.preview ?? false;
    const tokens = TOKENS[form];
    const classic = form === "classic";
    const withComponent = !classic && (options.component ?? true);
    const resourceGroup = builder.resourceGroup(RESOURCE_GROUP, "eastus", classic);
    const component = withComponent ? builder.add(COMPONENT_TYPE, prefix, {}) : undefined;
    const parent = component;
    const known = (value: string) => (preview ? UNKNOWN : value);

    const workspaceId = armId("Microsoft.OperationalInsights", "workspaces", `log-${prefix}`);
    const workspace = builder.add(tokens.workspace, `${prefix}-logs`, classic
        ? { name: `log-${prefix}`, resourceGroupName: RESOURCE_GROUP, location: "eastus", sku: "PerGB2018", ...(preview ? {} : { id: workspaceId }) }
        : { workspaceName: `log-${prefix}`, resourceGroupName: RESOURCE_GROUP, location: "eastus", sku: { name: "PerGB2018" }, ...(preview ? {} : { id: workspaceId }) },
    { parent });

    const account = (role: "training" | "prediction", kind: string) => {
        const name = `${prefix}-${role}-acct`;
        const id = armId("Microsoft.CognitiveServices", "accounts", name);
        return builder.add(tokens.account, `${prefix}-${role}`, classic
            ? { name, resourceGroupName: RESOURCE_GROUP, location: "eastus", kind, skuName: "S0", localAuthEnabled: true, customSubdomainName: name, networkAcls: { defaultAction: "Deny" }, ...(preview ? {} : { id }) }
            : { accountName: name, resourceGroupName: RESOURCE_GROUP, location: "eastus", kind, sku: { name: "S0" }, properties: { customSubDomainName: name, disableLocalAuth: false, networkAcls: { defaultAction: "Deny" } }, ...(preview ? {} : { id }) },
        { parent });
    };
    const training = account("training", "CustomVision.Training");
    const prediction = account("prediction", "CustomVision.Prediction");

    const vaultName = `kv-${prefix}`;
    const vault = builder.add(tokens.vault, `${prefix}-vault`, classic
        ? { name: vaultName, resourceGroupName: RESOURCE_GROUP, location: "eastus", skuName: "standard", tenantId: SUBSCRIPTION, purgeProtectionEnabled: true, networkAcls: { defaultAction: "Deny", bypass: "AzureServices" }, ...(preview ? {} : { id: armId("Microsoft.KeyVault", "vaults", vaultName) }) }
        : { vaultName, resourceGroupName: RESOURCE_GROUP, location: "eastus", properties: { tenantId: SUBSCRIPTION, sku: { name: "standard", family: "A" }, enableRbacAuthorization: true, enablePurgeProtection: true, networkAcls: { defaultAction: "Deny", bypass: "AzureServices" } }, ...(preview ? {} : { id: armId("Microsoft.KeyVault", "vaults", vaultName) }) },
    { parent });

    const diagnostics = (target: StackResource, role: string) => {
        const targetId = (target.inputs.id as string | undefined) ?? UNKNOWN;
        return builder.add(tokens.diagnosticSetting, `${prefix}-${role}-diagnostics`, classic
            ? { name: `${role}-logs`, targetResourceId: known(targetId), logAnalyticsWorkspaceId: known(workspaceId), enabledLogs: [{ categoryGroup: "allLogs" }] }
            : { name: `${role}-logs`, resourceUri: known(targetId), workspaceId: known(workspaceId), logs: [{ categoryGroup: "allLogs", enabled: true }], metrics: [{ category: "AllMetrics", enabled: true }] },
        { parent, propertyDependencies: { [classic ? "targetResourceId" : "resourceUri"]: [target], [classic ? "logAnalyticsWorkspaceId" : "workspaceId"]: [workspace] } });
    };
    const trainingDiagnostics = diagnostics(training, "training");
    const predictionDiagnostics = diagnostics(prediction, "prediction");
    const vaultDiagnostics = diagnostics(vault, "vault");

    const production = /^(prod|production)([-_.].*)?$/i.test(builder.stackName);
    let lock: StackResource | undefined;
    if (options.lock ?? production) {
        const trainingId = training.inputs.id as string | undefined;
        lock = builder.add(tokens.lock, `${prefix}-training-lock`, classic
            ? { name: "training-cannot-delete", scope: trainingId ?? UNKNOWN, lockLevel: "CanNotDelete" }
            : { scope: trainingId ?? UNKNOWN, lockName: "training-cannot-delete", level: "CanNotDelete" },
        { parent, propertyDependencies: { scope: [training] } });
    }
    placeIn(resourceGroup, [workspace, training, prediction, vault], preview);
    return { builder, resources: builder.resources, component, resourceGroup, training, prediction, vault, workspace, trainingDiagnostics, predictionDiagnostics, vaultDiagnostics, lock };
}

export interface RunOptions {
    stackTags?: Record<string, string>;
    config?: PolicyPackConfig;
    policies?: Policies;
    /** The stack's config, e.g. `{ "azure-native:location": "westeurope" }`. */
    stackConfig?: Record<string, string>;
}

/** Runs the pack over the resources as the engine would for their stack. */
export function run(resources: StackResource[], options: RunOptions = {}): EvaluationResult {
    return evaluatePolicyPack(options.policies ?? packPolicies, resources, { stackTags: options.stackTags, config: options.config, stackConfig: options.stackConfig });
}

/** `resources` in another order, the same for the same seed (the engine lists them in no fixed order). */
export function shuffled<T>(resources: readonly T[], seed: number): T[] {
    const copy = [...resources];
    let state = seed >>> 0 || 1;
    const next = (): number => {
        // xorshift32: small, deterministic, good enough to reorder a test stack.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) / 2 ** 32;
    };
    for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
}

/** A stack rule's verdict as a set: (policy, URN, message), sorted, so two orders of one stack compare equal. */
export function verdict(violations: readonly Violation[]): string[] {
    return violations.map((violation) => `${violation.policy} ${violation.urn ?? ""} ${violation.message}`).sort();
}

/** The violations of one rule. */
export function violationsOf(policy: string, resources: StackResource[], options: RunOptions = {}): Violation[] {
    return run(resources, options).violations.filter((violation) => violation.policy === policy);
}

/**
 * Sets a nested input, e.g. `set(account, "sku.name", "F0")`; `undefined` deletes it, and deleting a
 * top-level input deletes what it was computed from (its property dependencies) too.
 */
export function set(resource: StackResource, path: string, value: unknown): void {
    const keys = path.split(".");
    let target = resource.inputs;
    for (const key of keys.slice(0, -1)) {
        target[key] ??= {};
        target = target[key] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (value === undefined) {
        delete target[last];
        if (keys.length === 1) delete resource.propertyDependencies[last];
    } else {
        target[last] = value;
    }
}

/** Makes an input unknown the way a program does: computed from `source`'s output (a property dependency on it). */
export function setUnknown(resource: StackResource, path: string, source: StackResource): void {
    set(resource, path, UNKNOWN);
    const property = path.split(".")[0];
    const sources = resource.propertyDependencies[property] ?? [];
    if (!sources.includes(source.urn)) resource.propertyDependencies[property] = [...sources, source.urn];
    if (!resource.dependencies.includes(source.urn)) resource.dependencies.push(source.urn);
}

/** Input paths of the properties the rules read, per token form. */
export function field(
    form: TokenForm,
    name: "sku" | "purgeProtection" | "diagnosticTarget" | "diagnosticWorkspace" | "lockLevel" | "networkAclsDefaultAction",
): string {
    const classic = form === "classic";
    switch (name) {
        case "networkAclsDefaultAction": return classic ? "networkAcls.defaultAction" : "properties.networkAcls.defaultAction";
        case "sku": return classic ? "skuName" : "sku.name";
        case "purgeProtection": return classic ? "purgeProtectionEnabled" : "properties.enablePurgeProtection";
        case "diagnosticTarget": return classic ? "targetResourceId" : "resourceUri";
        case "diagnosticWorkspace": return classic ? "logAnalyticsWorkspaceId" : "workspaceId";
        case "lockLevel": return classic ? "lockLevel" : "level";
    }
}

/** Turns key auth off in the form's own spelling. */
export function disableKeyAuth(account: StackResource, form: TokenForm): void {
    if (form === "classic") set(account, "localAuthEnabled", false);
    else set(account, "properties.disableLocalAuth", true);
}
