import { createHash } from "crypto";
import { ACTION_GROUP_NAME_MAX_LENGTH, DEPLOYMENT_NAME_MAX_LENGTH, PRIVATE_ENDPOINT_NAME_MAX_LENGTH, SAVED_SEARCH_ID_MAX_LENGTH } from "./azure";
import { SAVED_QUERIES } from "./operations";

/**
 * Physical names. Everything here is deterministic: the same project, stack, component name,
 * subscription and resource group give the same names on every run, and two components in one
 * stack never collide (the component name is part of both the readable prefix and the hash).
 */

/** Length of the stable suffix that makes globally unique names unique (hex characters). */
const SUFFIX_LENGTH = 8;

/**
 * The Key Vault secret each value is stored under: one per component vault, so the names need no
 * prefix. Applications read `training-key-active` / `prediction-key-active` (see key rotation in
 * docs/operations.md); the numbered keys exist so a rotation never leaves a gap. The names are
 * those of release 0.1.0: an upgrade keeps every secret.
 */
export const SECRET_NAMES = Object.freeze({
    trainingKey1: "training-key-1",
    trainingKey2: "training-key-2",
    trainingKeyActive: "training-key-active",
    trainingEndpoint: "training-endpoint",
    predictionKey1: "prediction-key-1",
    predictionKey2: "prediction-key-2",
    predictionKeyActive: "prediction-key-active",
    predictionEndpoint: "prediction-endpoint",
    predictionResourceId: "prediction-resource-id",
    region: "region",
    projectId: "project-id",
    publishedIterationName: "published-iteration-name",
});

/** What a secret holds (`trainingKeyActive`, `region`, ...): the key of {@link SECRET_NAMES}. */
export type SecretContent = keyof typeof SECRET_NAMES;

/** Lower-case letters, digits and single hyphens, no hyphen at either end. */
export function slug(value: string): string {
    return value
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
}

/** Cut `value` to `max` characters without leaving a trailing hyphen. */
function truncate(value: string, max: number): string {
    return value.slice(0, max).replace(/-+$/, "");
}

/**
 * A stable hex suffix, the Pulumi counterpart of ARM's `uniqueString(...)`. It hashes the scope
 * the names must be unique in (subscription and resource group) together with the project, stack
 * and component name, so the same inputs always give the same suffix and no run adds randomness.
 */
export function stableSuffix(parts: readonly string[]): string {
    return createHash("sha256").update(parts.join("/")).digest("hex").slice(0, SUFFIX_LENGTH);
}

/** A deterministic GUID (role assignment names must be GUIDs and stable across runs). */
export function stableGuid(parts: readonly string[]): string {
    const hex = createHash("sha256").update(parts.join("/")).digest("hex");
    return [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `8${hex.slice(17, 20)}`, hex.slice(20, 32)].join("-");
}

/** Readable prefixes derived from stack and component name; the suffix is appended later. */
export interface NamePrefixes {
    /** `<stack>-<name>`, slugged: the start of the names that need no length budget. */
    base: string;
    /** `<prefix>-<suffix>` is the Training account name and its custom subdomain. */
    training: string;
    /** `<prefix>-<suffix>` is the Prediction account name and its custom subdomain. */
    prediction: string;
    /** `<prefix>-<suffix>` is the Key Vault name (3–24 characters, so the prefix is short). */
    vault: string;
    /** `<prefix>-<suffix>` is the Log Analytics workspace name. */
    workspace: string;
    /** `<prefix>-<suffix>` is the name of the ARM deployment that exports the keys (≤ 64). */
    keyExport: string;
    /** `<prefix>-<suffix>` is the name of each private endpoint (≤ 64, unique in the resource group). */
    privateEndpoints: Readonly<Record<PrivateEndpointTarget, string>>;
    /** `<prefix>-<suffix>` is the name of the alert action group (≤ 260, unique in the resource group). */
    actionGroup: string;
    /** `<prefix>-<suffix>` is the id of each saved search, by query id (unique in a workspace others may share). */
    savedSearches: Readonly<Record<string, string>>;
}

/** What a private endpoint connects to: one of the accounts or the vault. */
export type PrivateEndpointTarget = "training" | "prediction" | "vault";

/**
 * The prefixes fit Azure's rules by construction once the suffix is appended, however long the
 * stack and component names: accounts ≤ 64, vault ≤ 24 and starting with a letter, workspace ≤ 63,
 * deployment and private endpoints ≤ 64, action group ≤ 260, saved searches ≤ 64. Shortening cuts
 * the readable part and keeps the suffix, so shortened names stay unique.
 */
export function namePrefixes(stack: string, componentName: string): NamePrefixes {
    const base = slug(`${stack}-${componentName}`);
    const room = (total: number, part: string) => total - part.length - 1 - SUFFIX_LENGTH;
    return {
        base,
        training: `${truncate(base, room(64, "-training"))}-training`,
        prediction: `${truncate(base, room(64, "-prediction"))}-prediction`,
        vault: `kv-${truncate(base, room(24, "kv-"))}`.replace(/-$/, ""),
        workspace: `${truncate(base, room(63, "-logs"))}-logs`,
        keyExport: `${truncate(base, room(DEPLOYMENT_NAME_MAX_LENGTH, "-key-export"))}-key-export`,
        privateEndpoints: Object.freeze({
            training: `${truncate(base, room(PRIVATE_ENDPOINT_NAME_MAX_LENGTH, "-training-pe"))}-training-pe`,
            prediction: `${truncate(base, room(PRIVATE_ENDPOINT_NAME_MAX_LENGTH, "-prediction-pe"))}-prediction-pe`,
            vault: `${truncate(base, room(PRIVATE_ENDPOINT_NAME_MAX_LENGTH, "-vault-pe"))}-vault-pe`,
        }),
        actionGroup: `${truncate(base, room(ACTION_GROUP_NAME_MAX_LENGTH, "-custom-vision-alerts"))}-custom-vision-alerts`,
        savedSearches: Object.freeze(
            Object.fromEntries(SAVED_QUERIES.map((query) => [query.id, `${truncate(base, room(SAVED_SEARCH_ID_MAX_LENGTH, `-${query.id}`))}-${query.id}`])),
        ),
    };
}

/** Join a prefix and the suffix. */
export function withSuffix(prefix: string, suffix: string): string {
    return `${prefix}-${suffix}`;
}
