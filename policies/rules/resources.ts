/**
 * How the pack recognises what it checks, in one place: type tokens in every form a stack may use
 * (azure-native v3, v2, explicit API versions, classic @pulumi/azure), each form's property names,
 * Custom Vision kinds and SKUs, normalised locations, production stacks, pairing groups and the
 * links between a resource and its diagnostic settings and locks.
 *
 * Every reader here is preview-safe: a value the engine cannot know yet reads as `UNKNOWN` instead of
 * throwing, so a rule can skip that one resource and keep checking the others.
 */
import type { PolicyConfigSchema, PolicyResource } from "@pulumi/policy";
import { CUSTOM_VISION_KINDS, FREE_SKU, PREDICTION_KIND, PRODUCTION_ENVIRONMENTS, TRAINING_KIND } from "../../components/azure";
import { normalizeLocation } from "../../components/regions";

export { CUSTOM_VISION_REGIONS, isSupportedRegion, normalizeLocation } from "../../components/regions";
export { FREE_SKU, PREDICTION_KIND, TRAINING_KIND };

// -------------------------------------------------------------------------------------------------
// Unknown values
// -------------------------------------------------------------------------------------------------

/** A value the engine does not know yet (computed during the update). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;
/** A property read: its value, `undefined` when absent, or `UNKNOWN`. */
export type Read<T> = T | undefined | Unknown;

// @pulumi/policy exports its error class at runtime only (the typing is marked internal).
const { UnknownValueError } = require("@pulumi/policy") as { UnknownValueError: new (...args: never[]) => Error };

/** The engine's unknown sentinels (@pulumi/policy's proxy throws on these; raw props may still carry them). */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export function isUnknownValueError(error: unknown): boolean {
    return error instanceof UnknownValueError;
}

/** Runs `reader`; an unknown value anywhere on its path yields `UNKNOWN`. Any other error is a bug and propagates. */
export function read<T>(reader: () => T | undefined): Read<T> {
    try {
        const value = reader();
        return typeof value === "string" && UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
}

export function isKnown<T>(value: Read<T>): value is T | undefined {
    return value !== UNKNOWN;
}

function asString(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

function asBoolean(value: unknown): boolean | undefined {
    return typeof value === "boolean" ? value : undefined;
}

/** A minimal view of a resource, so rules work alike for resource and stack policies. */
export interface ResourceLike {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
}

type Props = Record<string, unknown>;
function nested(props: Props, key: string): Props | undefined {
    const value = props[key];
    return value !== null && typeof value === "object" ? (value as Props) : undefined;
}

// -------------------------------------------------------------------------------------------------
// Type tokens
// -------------------------------------------------------------------------------------------------

/** `azure-native:cognitiveservices/v20230501:Account` -> provider, module (no API version), resource name. */
export interface TypeToken {
    provider: string;
    module: string;
    resource: string;
}

export function parseTypeToken(type: string): TypeToken | undefined {
    const parts = type.split(":");
    if (parts.length !== 3) {
        return undefined;
    }
    const [provider, modulePath, resource] = parts;
    // azure-native puts the API version after the module (`keyvault/v20230701`); classic puts the
    // file name there (`cognitive/account`), which the resource name already says.
    const module = modulePath.split("/")[0];
    return { provider, module, resource };
}

export type ResourceKind = "cognitiveAccount" | "keyVault" | "diagnosticSetting" | "managementLock" | "logAnalyticsWorkspace" | "stack";

/** `provider:module:resource` (version-free) -> kind. azure-native v2 kept diagnostic settings under `insights`. */
const KINDS_BY_TOKEN: ReadonlyMap<string, ResourceKind> = new Map([
    ["azure-native:cognitiveservices:Account", "cognitiveAccount"],
    ["azure:cognitive:Account", "cognitiveAccount"],
    ["azure-native:keyvault:Vault", "keyVault"],
    ["azure:keyvault:KeyVault", "keyVault"],
    ["azure-native:monitor:DiagnosticSetting", "diagnosticSetting"],
    ["azure-native:insights:DiagnosticSetting", "diagnosticSetting"],
    ["azure:monitoring:DiagnosticSetting", "diagnosticSetting"],
    ["azure-native:authorization:ManagementLockByScope", "managementLock"],
    ["azure-native:authorization:ManagementLockAtResourceLevel", "managementLock"],
    ["azure-native:authorization:ManagementLockAtResourceGroupLevel", "managementLock"],
    ["azure-native:authorization:ManagementLockAtSubscriptionLevel", "managementLock"],
    ["azure:management:Lock", "managementLock"],
    ["azure:managementresource:ManangementLock", "managementLock"],
    ["azure-native:operationalinsights:Workspace", "logAnalyticsWorkspace"],
    ["azure:operationalinsights:AnalyticsWorkspace", "logAnalyticsWorkspace"],
    ["azure:loganalytics:Workspace", "logAnalyticsWorkspace"],
    ["pulumi:pulumi:Stack", "stack"],
]);

const kindCache = new Map<string, ResourceKind | null>();

/** What a type token names, in any of its forms; `undefined` for everything the pack ignores. */
export function resourceKindOf(type: string): ResourceKind | undefined {
    let kind = kindCache.get(type);
    if (kind === undefined) {
        const token = parseTypeToken(type);
        kind = (token && KINDS_BY_TOKEN.get(`${token.provider}:${token.module}:${token.resource}`)) ?? null;
        kindCache.set(type, kind);
    }
    return kind ?? undefined;
}

function isClassic(type: string): boolean {
    return type.startsWith("azure:");
}

// -------------------------------------------------------------------------------------------------
// Custom Vision accounts
// -------------------------------------------------------------------------------------------------

export type CustomVisionKind = typeof TRAINING_KIND | typeof PREDICTION_KIND;

export interface CustomVisionAccount<R extends ResourceLike = ResourceLike> {
    resource: R;
    kind: CustomVisionKind;
    sku: Read<string>;
    location: Read<string>;
    /** True when key (local) auth is off: azure-native `properties.disableLocalAuth`, classic `localAuthEnabled: false`. */
    keyAuthDisabled: Read<boolean>;
}

/** A Cognitive Services account whose kind is not known yet: it may turn out to be Custom Vision. */
export function isCognitiveAccountOfUnknownKind(resource: ResourceLike): boolean {
    return resourceKindOf(resource.type) === "cognitiveAccount" && read(() => resource.props.kind) === UNKNOWN;
}

/** The account's Custom Vision view, or `undefined` when it is another kind, not an account, or of unknown kind. */
export function customVisionAccountOf<R extends ResourceLike>(resource: R): CustomVisionAccount<R> | undefined {
    if (resourceKindOf(resource.type) !== "cognitiveAccount") {
        return undefined;
    }
    const kind = read(() => asString(resource.props.kind));
    if (!isKnown(kind) || kind === undefined) {
        return undefined;
    }
    const canonicalKind = CUSTOM_VISION_KINDS.find((known) => known.toLowerCase() === kind.toLowerCase()) as CustomVisionKind | undefined;
    if (!canonicalKind) {
        return undefined;
    }
    const props = resource.props;
    const classic = isClassic(resource.type);
    return {
        resource,
        kind: canonicalKind,
        sku: read(() => asString(classic ? props.skuName : nested(props, "sku")?.name)),
        location: read(() => asString(props.location)),
        keyAuthDisabled: read(() => {
            if (classic) {
                const enabled = asBoolean(props.localAuthEnabled);
                return enabled === undefined ? undefined : !enabled;
            }
            return asBoolean(nested(props, "properties")?.disableLocalAuth);
        }),
    };
}

export function isFreeSku(sku: string): boolean {
    return sku.toUpperCase() === FREE_SKU;
}

/** "CustomVision.Training" -> "Training". */
export function roleOf(kind: CustomVisionKind): string {
    return kind === TRAINING_KIND ? "Training" : "Prediction";
}

/** How a violation names a resource: its logical name and type token, never its property values. */
export function describe(resource: { name: string; type: string }): string {
    return `'${resource.name}' (${resource.type})`;
}

/** Location as ARM compares it ("East US" -> "eastus"). */
export function regionKey(location: string): string {
    return normalizeLocation(location);
}

// -------------------------------------------------------------------------------------------------
// Key Vaults, diagnostic settings, locks
// -------------------------------------------------------------------------------------------------

export interface KeyVault<R extends ResourceLike = ResourceLike> {
    resource: R;
    purgeProtection: Read<boolean>;
}

export function keyVaultOf<R extends ResourceLike>(resource: R): KeyVault<R> | undefined {
    if (resourceKindOf(resource.type) !== "keyVault") {
        return undefined;
    }
    const props = resource.props;
    return {
        resource,
        purgeProtection: read(() => asBoolean(isClassic(resource.type) ? props.purgeProtectionEnabled : nested(props, "properties")?.enablePurgeProtection)),
    };
}

export interface DiagnosticSetting {
    /** Input property naming the monitored resource: `resourceUri` (azure-native) or `targetResourceId` (classic). */
    targetProperty: string;
    target: Read<string>;
    /** True when it sends logs (not only metrics) to a Log Analytics workspace. */
    routesLogsToWorkspace: Read<boolean>;
}

function hasEntries(value: unknown, enabledFlag: boolean): boolean {
    return Array.isArray(value) && value.some((entry: unknown) =>
        entry !== null && typeof entry === "object" && (!enabledFlag || (entry as Props).enabled !== false));
}

export function diagnosticSettingOf(resource: ResourceLike): DiagnosticSetting | undefined {
    if (resourceKindOf(resource.type) !== "diagnosticSetting") {
        return undefined;
    }
    const props = resource.props;
    const classic = isClassic(resource.type);
    const targetProperty = classic ? "targetResourceId" : "resourceUri";
    const workspace = read(() => asString(classic ? props.logAnalyticsWorkspaceId : props.workspaceId));
    // Classic v6 lists logs in `enabledLogs` (entries carry no `enabled` flag); azure-native in `logs`.
    const logs = read(() => (classic ? hasEntries(props.enabledLogs, false) || hasEntries(props.logs, true) : hasEntries(props.logs, true)));
    let routesLogsToWorkspace: Read<boolean>;
    if (isKnown(workspace) && !workspace) {
        routesLogsToWorkspace = false;
    } else if (logs === false) {
        routesLogsToWorkspace = false;
    } else {
        routesLogsToWorkspace = !isKnown(workspace) || !isKnown(logs) ? UNKNOWN : true;
    }
    return { targetProperty, target: read(() => asString(props[targetProperty])), routesLogsToWorkspace };
}

export type LockScope =
    | { kind: "scope"; property: string; scope: Read<string> }
    | { kind: "resource"; resourceName: Read<string>; resourceType: Read<string>; resourceGroupName: Read<string> }
    | { kind: "resourceGroup"; resourceGroupName: Read<string> }
    | { kind: "subscription" };

export interface ManagementLock<R extends ResourceLike = ResourceLike> {
    resource: R;
    /** True when it blocks deletion (CanNotDelete, or ReadOnly which blocks it too). */
    blocksDelete: Read<boolean>;
    scope: LockScope;
}

export function managementLockOf<R extends ResourceLike>(resource: R): ManagementLock<R> | undefined {
    if (resourceKindOf(resource.type) !== "managementLock") {
        return undefined;
    }
    const props = resource.props;
    const classic = isClassic(resource.type);
    const level = read(() => asString(classic ? props.lockLevel : props.level));
    const blocksDelete: Read<boolean> = isKnown(level) ? level !== undefined && /^(cannotdelete|readonly)$/i.test(level) : UNKNOWN;
    const token = parseTypeToken(resource.type);
    let scope: LockScope;
    switch (classic ? "ManagementLockByScope" : token?.resource) {
        case "ManagementLockAtResourceLevel":
            scope = {
                kind: "resource",
                resourceName: read(() => asString(props.resourceName)),
                resourceType: read(() => {
                    const namespace = asString(props.resourceProviderNamespace);
                    const type = asString(props.resourceType);
                    return namespace && type ? `${namespace}/${type}` : undefined;
                }),
                resourceGroupName: read(() => asString(props.resourceGroupName)),
            };
            break;
        case "ManagementLockAtResourceGroupLevel":
            scope = { kind: "resourceGroup", resourceGroupName: read(() => asString(props.resourceGroupName)) };
            break;
        case "ManagementLockAtSubscriptionLevel":
            scope = { kind: "subscription" };
            break;
        default:
            scope = { kind: "scope", property: "scope", scope: read(() => asString(props.scope)) };
    }
    return { resource, blocksDelete, scope };
}

// -------------------------------------------------------------------------------------------------
// Resource ids: matching a known id value to a resource in the stack
// -------------------------------------------------------------------------------------------------

const ARM_TYPES: Partial<Record<ResourceKind, string>> = {
    cognitiveAccount: "microsoft.cognitiveservices/accounts",
    keyVault: "microsoft.keyvault/vaults",
};

/** `/subscriptions/s/resourceGroups/rg/providers/Microsoft.X/y/name` -> `rg/microsoft.x/y/name`, lower-cased. */
export function armIdKey(id: string): string | undefined {
    const match = /\/resourcegroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)\/?$/i.exec(id.trim());
    return match ? `${match[1]}/${match[2]}/${match[3]}`.toLowerCase() : undefined;
}

/** The lower-cased ARM type an id names (`microsoft.keyvault/vaults`), or undefined when it is no resource id. */
export function armTypeOfId(id: string): string | undefined {
    return armIdKey(id)?.split("/").slice(1, 3).join("/");
}

/** ARM type of a kind the pack finds by id. */
export function armTypeOfKind(kind: ResourceKind): string | undefined {
    return ARM_TYPES[kind];
}

/** `/subscriptions/s/resourceGroups/rg` -> `rg`, lower-cased. */
export function resourceGroupOfScope(scope: string): string | undefined {
    const match = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)\/?$/i.exec(scope.trim());
    return match ? match[1].toLowerCase() : undefined;
}

export function isSubscriptionScope(scope: string): boolean {
    return /^\/subscriptions\/[^/]+\/?$/i.test(scope.trim());
}

/** The ARM name and resource group of an account or vault, where its inputs state them. */
export function armNameOf(resource: ResourceLike): { name: Read<string>; resourceGroupName: Read<string> } {
    const props = resource.props;
    const kind = resourceKindOf(resource.type);
    const nameProperty = isClassic(resource.type) ? "name" : kind === "keyVault" ? "vaultName" : "accountName";
    return {
        name: read(() => asString(props[nameProperty])),
        resourceGroupName: read(() => asString(props.resourceGroupName)),
    };
}

/**
 * The keys under which a known id value finds this resource: its `id` output, when present, and the
 * id its name and resource group imply (the subscription is not in the inputs, so it is left out).
 */
export function idKeysOf(resource: ResourceLike): string[] {
    const keys: string[] = [];
    const id = read(() => asString(resource.props.id));
    if (isKnown(id) && id) {
        keys.push(id.toLowerCase());
        const derived = armIdKey(id);
        if (derived) keys.push(derived);
    }
    const armType = ARM_TYPES[resourceKindOf(resource.type) ?? "stack"];
    const { name, resourceGroupName } = armNameOf(resource);
    if (armType && isKnown(name) && name && isKnown(resourceGroupName) && resourceGroupName) {
        keys.push(`${resourceGroupName}/${armType}/${name}`.toLowerCase());
    }
    return keys;
}

/** Finds resources by a known id value, case-insensitively; built once per stack for linear-time lookups. */
export class IdIndex<T> {
    private readonly byKey = new Map<string, T[]>();

    add(resource: ResourceLike, item: T): void {
        for (const key of new Set(idKeysOf(resource))) {
            const items = this.byKey.get(key);
            if (items) items.push(item);
            else this.byKey.set(key, [item]);
        }
    }

    find(id: string): T[] {
        const exact = this.byKey.get(id.trim().toLowerCase());
        if (exact) return exact;
        const derived = armIdKey(id);
        return (derived && this.byKey.get(derived)) || [];
    }
}

/** Resources a property of `resource` was computed from (the engine's property dependencies). */
export function propertyDependenciesOf(resource: PolicyResource, property: string): PolicyResource[] {
    return resource.propertyDependencies[property] ?? [];
}

// -------------------------------------------------------------------------------------------------
// Pairing groups
// -------------------------------------------------------------------------------------------------

const STACK_GROUP = "(stack)";

/** The last type in a URN's parent chain: `urn:pulumi:s::p::a$b::n` -> `b`. */
export function typeFromUrn(urn: string): string | undefined {
    const parts = urn.split("::");
    if (parts.length < 4) return undefined;
    const chain = parts[2].split("$");
    return chain[chain.length - 1];
}

/**
 * The pairing group of an account: its parent's URN when the parent is a component (or any resource
 * other than the Stack); one group for the whole stack when the parent is the Stack or absent.
 */
export function pairingGroupOf(resource: PolicyResource): string {
    const parentUrn = resource.parent?.urn ?? resource.opts.parent;
    if (!parentUrn) return STACK_GROUP;
    const parentType = resource.parent?.type ?? typeFromUrn(parentUrn);
    return parentType === "pulumi:pulumi:Stack" ? STACK_GROUP : parentUrn;
}

/** How a violation names a group. */
export function describeGroup(group: string): string {
    if (group === STACK_GROUP) return "the accounts without a parent component";
    const parts = group.split("::");
    return `the accounts of component '${parts[parts.length - 1]}' (${typeFromUrn(group) ?? "component"})`;
}

/** Groups items in one pass (insertion order kept). */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const key = keyOf(item);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
    }
    return groups;
}

// -------------------------------------------------------------------------------------------------
// Production stacks
// -------------------------------------------------------------------------------------------------

export interface ProductionConfig {
    productionTagKey: string;
    productionTagValues: string[];
    productionStackNamePattern: string;
}

export const DEFAULT_PRODUCTION_CONFIG: Readonly<ProductionConfig> = Object.freeze({
    productionTagKey: "environment",
    productionTagValues: [...PRODUCTION_ENVIRONMENTS],
    productionStackNamePattern: `^(${PRODUCTION_ENVIRONMENTS.join("|")})([-_.].*)?$`,
});

/** The configSchema properties every production-aware rule declares (with the defaults above). */
export const PRODUCTION_CONFIG_SCHEMA: PolicyConfigSchema["properties"] = {
    productionTagKey: {
        type: "string",
        minLength: 1,
        default: DEFAULT_PRODUCTION_CONFIG.productionTagKey,
        description: "Stack tag that marks a production stack (stack tags reach policies only on Pulumi Cloud backends).",
    },
    productionTagValues: {
        type: "array",
        items: { type: "string" },
        default: [...DEFAULT_PRODUCTION_CONFIG.productionTagValues],
        description: "Values of that tag that mean production, compared case-insensitively.",
    },
    productionStackNamePattern: {
        type: "string",
        default: DEFAULT_PRODUCTION_CONFIG.productionStackNamePattern,
        description: "Regular expression (case-insensitive) a production stack's name matches; the name is read from the URN.",
    },
};

/** `urn:pulumi:<stack>::<project>::<type>::<name>` -> `<stack>`. */
export function stackNameFromUrn(urn: string): string | undefined {
    const match = /^urn:pulumi:([^:]+)::/.exec(urn);
    return match?.[1];
}

const patternCache = new Map<string, RegExp>();

/** Production when the stack tag says so, or when the stack's name (from the URN) matches the pattern. */
export function isProductionStack(stackTags: ReadonlyMap<string, string>, urn: string | undefined, config: Partial<ProductionConfig>): boolean {
    const tagKey = config.productionTagKey ?? DEFAULT_PRODUCTION_CONFIG.productionTagKey;
    const tagValues = (config.productionTagValues ?? DEFAULT_PRODUCTION_CONFIG.productionTagValues).map((value) => value.toLowerCase());
    const tag = stackTags.get(tagKey);
    if (tag !== undefined && tagValues.includes(tag.toLowerCase())) {
        return true;
    }
    const stackName = urn ? stackNameFromUrn(urn) : undefined;
    if (!stackName) return false;
    const source = config.productionStackNamePattern ?? DEFAULT_PRODUCTION_CONFIG.productionStackNamePattern;
    let pattern = patternCache.get(source);
    if (!pattern) {
        pattern = new RegExp(source, "i");
        patternCache.set(source, pattern);
    }
    return pattern.test(stackName);
}

// -------------------------------------------------------------------------------------------------
// Stack-policy iteration
// -------------------------------------------------------------------------------------------------

/**
 * Visits each resource, catching an unknown value per resource: whatever one resource's unknowns
 * hide, the others are still checked (an escaping UnknownValueError would void the whole policy).
 */
export function forEachResource<T extends ResourceLike>(resources: readonly T[], visit: (resource: T) => void): void {
    for (const resource of resources) {
        try {
            visit(resource);
        } catch (error) {
            if (!isUnknownValueError(error)) throw error;
        }
    }
}

/** The Custom Vision accounts of a stack, plus whether some Cognitive Services account's kind is still unknown. */
export function customVisionAccountsIn(resources: readonly PolicyResource[]): { accounts: CustomVisionAccount<PolicyResource>[]; unknownKind: PolicyResource[] } {
    const accounts: CustomVisionAccount<PolicyResource>[] = [];
    const unknownKind: PolicyResource[] = [];
    forEachResource(resources, (resource) => {
        if (resourceKindOf(resource.type) !== "cognitiveAccount") return;
        const account = customVisionAccountOf(resource);
        if (account) accounts.push(account);
        else if (isCognitiveAccountOfUnknownKind(resource)) unknownKind.push(resource);
    });
    return { accounts, unknownKind };
}
