import { CUSTOM_VISION_SKUS, VAULT_RETENTION_DAYS, WORKSPACE_RETENTION_DAYS } from "./azure";
import { CUSTOM_VISION_REGIONS, isSupportedRegion, normalizeLocation } from "./regions";

/**
 * Pure checks of the component's plain arguments. They run in the constructor before anything is
 * registered, so bad input fails `pulumi preview` with one message and nothing is half-created.
 * None of them ever sees a key: keys are read from Azure, never passed in.
 */

/** A rejected argument: names the component, the argument and the rule it breaks. */
export class CustomVisionArgumentError extends Error {
    constructor(
        readonly component: string,
        readonly argument: string,
        readonly rule: string,
    ) {
        super(`CustomVision "${component}": ${argument} ${rule}`);
        this.name = "CustomVisionArgumentError";
    }
}

type Check = (argument: string, rule: string) => never;

/** Returns a `fail(argument, rule)` that throws for the given component. */
export function failer(component: string): Check {
    return (argument, rule) => {
        throw new CustomVisionArgumentError(component, argument, rule);
    };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the canonical region name, or throws naming `location` and the list. */
export function checkLocation(fail: Check, location: unknown, allowedRegions: readonly string[] = CUSTOM_VISION_REGIONS): string {
    if (typeof location !== "string" || location.trim() === "") {
        fail("location", "is required: one Azure region for both accounts, the vault and the workspace");
    }
    if (!isSupportedRegion(location, allowedRegions)) {
        fail(
            "location",
            `"${location}" is not a region where Custom Vision is offered; use one of ${allowedRegions.join(", ")} ` +
                "(or pass allowedRegions if Azure has added one)",
        );
    }
    return normalizeLocation(location);
}

/** Returns the SKU in ARM's spelling (F0 or S0), or throws naming the argument. */
export function checkSku(fail: Check, argument: string, sku: string | undefined): string {
    if (sku === undefined) return "S0";
    const upper = String(sku).toUpperCase();
    if (!CUSTOM_VISION_SKUS.includes(upper)) {
        fail(argument, `"${sku}" is not a Custom Vision pricing tier; use ${CUSTOM_VISION_SKUS.join(" or ")}`);
    }
    return upper;
}

/** Resource group names: 1–90 characters, letters, digits, `_ - . ( )`, not ending in a period. */
export function checkResourceGroupName(fail: Check, value: unknown): void {
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
        fail("resourceGroupName", "is required and must not be empty");
    }
    if (typeof value === "string" && !/^[-\w.()]{1,89}[-\w()]$|^[-\w()]$/.test(value)) {
        fail("resourceGroupName", `"${value}" breaks Azure's rule: 1–90 letters, digits, _ - . ( ), not ending in a period`);
    }
}

/** Cognitive Services account names and custom subdomains: 2–64, letters, digits, hyphens, alphanumeric at both ends. */
export function checkAccountName(fail: Check, argument: string, value: string): void {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}[a-zA-Z0-9]$/.test(value)) {
        fail(argument, `"${value}" breaks Azure's rule for account names and custom subdomains: 2–64 letters, digits and hyphens, starting and ending with a letter or digit`);
    }
}

/** Key Vault names: 3–24, letters, digits, hyphens, starts with a letter, ends with a letter or digit, no `--`. */
export function checkVaultName(fail: Check, argument: string, value: string): void {
    if (!/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(value) || value.includes("--")) {
        fail(argument, `"${value}" breaks Azure's rule for Key Vault names: 3–24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no "--"`);
    }
}

/** Log Analytics workspace names: 4–63, letters, digits, hyphens, alphanumeric at both ends. */
export function checkWorkspaceName(fail: Check, argument: string, value: string): void {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/.test(value)) {
        fail(argument, `"${value}" breaks Azure's rule for Log Analytics workspace names: 4–63 letters, digits and hyphens, starting and ending with a letter or digit`);
    }
}

/** A whole number of days within `bounds`, or the default. */
export function checkDays(
    fail: Check,
    argument: string,
    value: number | undefined,
    bounds: { min: number; max: number; default: number },
): number {
    if (value === undefined) return bounds.default;
    if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
        fail(argument, `${value} is out of range: a whole number of days from ${bounds.min} to ${bounds.max}`);
    }
    return value;
}

export const checkVaultRetention = (fail: Check, value: number | undefined) =>
    checkDays(fail, "softDeleteRetentionInDays", value, VAULT_RETENTION_DAYS);

export const checkWorkspaceRetention = (fail: Check, value: number | undefined) =>
    checkDays(fail, "logRetentionInDays", value, WORKSPACE_RETENTION_DAYS);

/** Entra ID object ids are GUIDs; a display name or UPN here would fail only at deploy time. */
export function checkPrincipalIds(fail: Check, argument: string, ids: readonly string[] | undefined): string[] {
    const list = ids ?? [];
    if (!Array.isArray(list)) fail(argument, "must be a list of Entra ID object ids (GUIDs)");
    list.forEach((id, index) => {
        if (typeof id !== "string" || !GUID.test(id)) {
            fail(`${argument}[${index}]`, `"${String(id)}" is not an Entra ID object id (a GUID such as 00000000-0000-0000-0000-000000000000)`);
        }
    });
    return [...new Set(list.map((id) => id.toLowerCase()))];
}

/** Environment names are short labels (they become a tag and decide the production guards). */
export function checkEnvironment(fail: Check, value: string | undefined): string {
    if (value === undefined) return "dev";
    if (typeof value !== "string" || !/^[a-z0-9][a-z0-9-]{0,31}$/i.test(value)) {
        fail("environment", `"${String(value)}" must be 1–32 letters, digits or hyphens (e.g. dev, test, prod)`);
    }
    return value.toLowerCase();
}

/** Which key applications use: 1 or 2 (see key rotation). */
export function checkActiveKey(fail: Check, value: number | undefined): 1 | 2 {
    if (value === undefined) return 1;
    if (value !== 1 && value !== 2) fail("activeKey", `${String(value)} must be 1 or 2 (the account key applications read)`);
    return value as 1 | 2;
}

/** True when `value` is a GUID (for ids such as a Custom Vision project id). */
export function isGuid(value: string): boolean {
    return GUID.test(value);
}
