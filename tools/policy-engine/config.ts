import type { EnforcementLevel, Policies, PolicyConfigSchema } from "@pulumi/policy";
import { validateConfig } from "./config-schema";
import type { PolicyPackConfig, ReconciledPolicyConfig } from "./types";

/**
 * The CLI half of a policy run: the config each policy receives, reconciled as pulumi/pulumi
 * `pkg/resource/analyzer/config.go` (`ReconcilePolicyPackConfig`) does, then checked the way the
 * analyzer plugin's `Configure` checks it.
 */

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const DEFAULT_PACK_LEVEL: EnforcementLevel = "advisory";
/** The config key that sets every policy's level at once. */
const ALL = "all";

/** The pack config is one the CLI would refuse: the run stops before any policy runs. */
export class PolicyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

interface ParsedEntry {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

function parseConfigEntry(policyName: string, value: unknown): ParsedEntry {
    if (typeof value === "string") {
        if (!isEnforcementLevel(value)) {
            throw new PolicyConfigError(`parsing enforcement level for "${policyName}": "${value}" is not a valid enforcement level`);
        }
        return { enforcementLevel: value, properties: {} };
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const { enforcementLevel, ...properties } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
            throw new PolicyConfigError(`parsing enforcement level for "${policyName}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
        }
        return { enforcementLevel, properties };
    }
    throw new PolicyConfigError(`parsing "${policyName}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
}

function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (property.default !== undefined) {
            defaults[key] = structuredClone(property.default);
        }
    }
    return defaults;
}

/**
 * The config each policy receives: schema defaults, the policy's (or pack's) level, then the `all`
 * level over every policy, then each named entry (level replaced, properties merged key by key).
 * Throws {@link PolicyConfigError}, as the CLI fails, when an entry is malformed, when an entry for
 * a name the pack lacks sets no level (the CLI keeps it and `Configure` rejects its empty level),
 * or when the result breaks a policy's schema. Each message is one line.
 */
export function reconcilePolicyConfig(
    policies: Policies,
    config: PolicyPackConfig | undefined,
    packEnforcementLevel: EnforcementLevel = DEFAULT_PACK_LEVEL,
): Map<string, ReconciledPolicyConfig> {
    const result = new Map<string, ReconciledPolicyConfig>();
    for (const policy of policies) {
        result.set(policy.name, {
            enforcementLevel: policy.enforcementLevel ?? packEnforcementLevel,
            properties: schemaDefaults(policy.configSchema),
        });
    }
    const entries = Object.entries(config ?? {}).map(([name, value]) => [name, parseConfigEntry(name, value)] as const);
    const levelless = entries.filter(([name, entry]) => !result.has(name) && !entry.enforcementLevel).map(([name]) => name);
    if (levelless.length > 0) {
        const names = policies.map((policy) => policy.name).join(", ");
        throw new PolicyConfigError(
            `${levelless.map((name) => `"${name}"`).join(", ")} in the policy pack config ${levelless.length === 1 ? "is" : "are"} not a policy of this pack ` +
                `and set${levelless.length === 1 ? "s" : ""} no enforcementLevel, so the Pulumi CLI fails with 'invalid enforcement level ""'. ` +
                `Use one of the pack's policy names: ${names}.`,
        );
    }
    const all = entries.find(([name]) => name === ALL)?.[1];
    if (all?.enforcementLevel) {
        for (const reconciled of result.values()) {
            reconciled.enforcementLevel = all.enforcementLevel;
        }
    }
    for (const [name, entry] of entries) {
        // The CLI keeps a leveled entry for a name the pack lacks ("all" included); no policy reads it.
        const reconciled = result.get(name);
        if (!reconciled) continue;
        if (entry.enforcementLevel) {
            reconciled.enforcementLevel = entry.enforcementLevel;
        }
        Object.assign(reconciled.properties, entry.properties);
    }
    const errors: string[] = [];
    for (const policy of policies) {
        if (policy.configSchema) {
            const properties = result.get(policy.name)?.properties ?? {};
            for (const error of validateConfig(policy.configSchema, properties)) {
                errors.push(`${policy.name}: ${error}`);
            }
        }
    }
    if (errors.length > 0) {
        throw new PolicyConfigError(`policy pack configuration is invalid: ${errors.join("; ")}`);
    }
    return result;
}
