import { PublicNetworkAccess } from "./args";
import { PRODUCTION_ENVIRONMENTS } from "./azure";
import { CUSTOM_VISION_REGIONS } from "./regions";

/**
 * Every default of the component's arguments, in one place. The settings apply them, the stack
 * program and its Pulumi.yaml leave them to the component, and the reference docs show them
 * through {@link describeDefault}: nothing else restates a default.
 */

/** A default that depends on whether `environment` names a production environment. */
export interface ProductionDependentDefault<T> {
    inProduction: T;
    otherwise: T;
}

/** The production guards: on in production, off elsewhere so dev stacks can be torn down. */
const ONLY_IN_PRODUCTION: ProductionDependentDefault<boolean> = Object.freeze({ inProduction: true, otherwise: false });

export const DEFAULTS = Object.freeze({
    environment: "dev",
    trainingSku: "S0",
    predictionSku: "S0",
    logRetentionInDays: 30,
    softDeleteRetentionInDays: 90,
    enablePurgeProtection: ONLY_IN_PRODUCTION,
    lockTrainingAccount: ONLY_IN_PRODUCTION,
    allowedRegions: CUSTOM_VISION_REGIONS,
    activeKey: 1,
    keyRotation: "",
    restoreSoftDeleted: false,
    secretReaderPrincipalIds: Object.freeze([]) as readonly string[],
    secretReaders: Object.freeze([]) as readonly never[],
    alertEmails: Object.freeze([]) as readonly string[],
    tags: Object.freeze({}) as Readonly<Record<string, string>>,
    /** Used when `network` is given; without it nothing about networking is set at all. */
    network: Object.freeze({
        publicNetworkAccess: PublicNetworkAccess.Enabled as PublicNetworkAccess,
        allowedIpRanges: Object.freeze([]) as readonly string[],
    }),
});

/** Defaults that are not a value: names derived from the stack, or something left out when unset. */
const DESCRIBED_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
    logAnalyticsWorkspaceId: "a new workspace, `<stack>-<name>-logs-<suffix>`",
    keyVaultName: "`kv-<stack>-<name>-<suffix>`, shortened to fit 24 characters",
    trainingSubdomain: "`<stack>-<name>-training-<suffix>`",
    predictionSubdomain: "`<stack>-<name>-prediction-<suffix>`",
    projectId: "none: no `project-id` secret",
    publishedIterationName: "none: no `published-iteration-name` secret",
    alertActionGroupId: "none",
    network: "none: no private endpoints and no IP rules; the accounts and the vault accept every network",
    "network.privateEndpointSubnetId": "none: no private endpoints",
    "network.privateDnsZoneIds": "none: the network's own DNS must resolve the private endpoints (docs/operations.md, \"Private networking\")",
    "network.privateDnsZoneIds.cognitiveServices": "none: no DNS zone group on the accounts' endpoints",
    "network.privateDnsZoneIds.keyVault": "none: no DNS zone group on the vault's endpoint",
});

/** True when `environment` (in any case) names a production environment. */
export function isProductionEnvironment(environment: string): boolean {
    return PRODUCTION_ENVIRONMENTS.includes(environment.toLowerCase());
}

/** Resolves a production-dependent default for `environment`. */
export function productionDependent<T>(value: ProductionDependentDefault<T>, environment: string): T {
    return isProductionEnvironment(environment) ? value.inProduction : value.otherwise;
}

/**
 * The default of `argument` in words, for the reference docs: "`S0`", "none",
 * "`true` when `environment` is a production environment (`prod`, `production`), `false` otherwise".
 * A nested argument is named by its path (`network.publicNetworkAccess`). Undefined for required
 * arguments and names that are not arguments.
 */
export function describeDefault(argument: string): string | undefined {
    if (Object.prototype.hasOwnProperty.call(DESCRIBED_DEFAULTS, argument)) return DESCRIBED_DEFAULTS[argument];
    const value = defaultAt(argument.split("."));
    if (value === undefined) return undefined;
    if (isProductionDependent(value)) {
        const environments = PRODUCTION_ENVIRONMENTS.map((name) => `\`${name}\``).join(", ");
        return `${describeValue(value.inProduction)} when \`environment\` is a production environment (${environments}), ${describeValue(value.otherwise)} otherwise`;
    }
    if (argument === "allowedRegions") return `the built-in Custom Vision region list (${describeValue(value)})`;
    return describeValue(value);
}

/** The value default at `path` in {@link DEFAULTS}, undefined when there is none. */
function defaultAt(path: readonly string[]): unknown {
    let value: unknown = DEFAULTS;
    for (const key of path) {
        const isGroup = typeof value === "object" && value !== null && !Array.isArray(value) && !isProductionDependent(value);
        if (!isGroup || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
        value = (value as Record<string, unknown>)[key];
    }
    return value;
}

function describeValue(value: unknown): string {
    if (value === "" || (Array.isArray(value) && value.length === 0)) return "none";
    if (Array.isArray(value)) return value.map((item) => `\`${String(item)}\``).join(", ");
    if (typeof value === "object" && value !== null) return Object.keys(value).length === 0 ? "none" : `\`${JSON.stringify(value)}\``;
    return `\`${String(value)}\``;
}

function isProductionDependent(value: unknown): value is ProductionDependentDefault<unknown> {
    return typeof value === "object" && value !== null && "inProduction" in value && "otherwise" in value;
}
