/**
 * Which resources are in production. A resource is when any of these holds:
 * its own tags carry the production tag (name compared case-insensitively) with a production value
 * (case-insensitively); the stack tag does (stack tags reach policies only on Pulumi Cloud
 * backends); or the stack's name, read from the URN, matches the production pattern. The
 * CustomVision component tags every resource it creates with its `environment`, so its production
 * deployments are recognised on any stack name and any backend.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { PRODUCTION_ENVIRONMENTS } from "./facts";
import type { ResourceLike } from "./resource-like";
import { stackTagValues, tagValues } from "./tags";
import { isKnown, Read, UNKNOWN } from "./unknown";

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

/** How the production-aware rules explain production detection (the docs include it). */
export const PRODUCTION_DETECTION =
    "A resource is in production when its own tags carry the production tag (`productionTagKey`, default `environment`, " +
    "name compared case-insensitively) with one of `productionTagValues` (default prod, production; compared case-insensitively), " +
    "when the stack carries that tag (Pulumi Cloud backends only), or when the stack's name matches `productionStackNamePattern` " +
    "(default: prod or production, alone or followed by -, _ or .). The CustomVision component tags its resources with its `environment`.";

/** The configSchema properties every production-aware rule declares (with the defaults above). */
export const PRODUCTION_CONFIG_SCHEMA: PolicyConfigSchema["properties"] = {
    productionTagKey: {
        type: "string",
        minLength: 1,
        default: DEFAULT_PRODUCTION_CONFIG.productionTagKey,
        description: "Tag, on a resource or on the stack, whose value says whether it is production (name compared case-insensitively).",
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
    return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

const patternCache = new Map<string, RegExp>();

function stackNamePattern(source: string): RegExp {
    let pattern = patternCache.get(source);
    if (!pattern) {
        pattern = new RegExp(source, "i");
        patternCache.set(source, pattern);
    }
    return pattern;
}

/** True, false, or `UNKNOWN` when only tags not known yet could say. */
export function isInProduction(resource: ResourceLike, stackTags: ReadonlyMap<string, string>, config: Partial<ProductionConfig>): Read<boolean> {
    const tagKey = config.productionTagKey ?? DEFAULT_PRODUCTION_CONFIG.productionTagKey;
    const productionValues = new Set((config.productionTagValues ?? DEFAULT_PRODUCTION_CONFIG.productionTagValues).map((value) => value.toLowerCase()));
    const isProductionValue = (value: string): boolean => productionValues.has(value.toLowerCase());

    if (stackTagValues(stackTags, tagKey).some(isProductionValue)) return true;
    const stackName = stackNameFromUrn(resource.urn);
    const pattern = config.productionStackNamePattern ?? DEFAULT_PRODUCTION_CONFIG.productionStackNamePattern;
    if (stackName !== undefined && stackNamePattern(pattern).test(stackName)) return true;
    const own = tagValues(resource, tagKey);
    if (!isKnown(own)) return UNKNOWN;
    return own !== undefined && own.some(isProductionValue);
}
