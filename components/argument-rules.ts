import { CUSTOM_VISION_SKUS, PRINCIPAL_TYPES, PRIVATE_ENDPOINT_NAME_PATTERN, TAG_LIMITS } from "./azure";
import type { PrincipalType, SecretReader } from "./args";
import { isSupportedRegion, normalizeLocation } from "./regions";
import { ArgumentProblems, keysOf, readList, readNumber, readRecord, readString, readStringList, reportUnknownKeys, wrongType } from "./validation";

/**
 * Azure's rules for each argument, as pure functions over plain values. Each reports what is wrong
 * to `problems` and returns the value to use (its fallback when wrong, since nothing is built once a
 * problem is reported).
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a GUID (Entra ID object ids, Custom Vision project ids). */
export function isGuid(value: string): boolean {
    return GUID.test(value);
}

/** The regions `location` may take: a non-empty list of strings. */
export function checkAllowedRegions(problems: ArgumentProblems, value: unknown, fallback: readonly string[]): readonly string[] {
    const regions = readStringList(problems, "allowedRegions", value);
    if (regions === undefined) return fallback;
    if (Array.isArray(value) && value.length === 0) {
        problems.add("allowedRegions", "must name at least one region (leave it unset for the built-in Custom Vision list)");
        return fallback;
    }
    return regions.length > 0 ? regions.map((region) => region.value) : fallback;
}

/** The canonical region name (e.g. `eastus`), or "" when missing or not allowed. */
export function checkLocation(problems: ArgumentProblems, value: unknown, allowedRegions: readonly string[]): string {
    const location = readString(problems, "location", value);
    if (value === undefined || value === null || location?.trim() === "") {
        problems.add("location", "is required: one Azure region for both accounts, the vault and the workspace");
        return "";
    }
    if (location === undefined) return "";
    if (!isSupportedRegion(location, allowedRegions)) {
        problems.add(
            "location",
            `"${location}" is not a region where Custom Vision is offered; use one of ${allowedRegions.join(", ")} ` +
                "(or set allowedRegions if Azure has added one)",
        );
        return "";
    }
    return normalizeLocation(location);
}

/** The SKU in ARM's spelling (F0 or S0). */
export function checkSku(problems: ArgumentProblems, argument: string, value: unknown, fallback: string): string {
    const sku = readString(problems, argument, value);
    if (sku === undefined) return fallback;
    const upper = sku.toUpperCase();
    if (!CUSTOM_VISION_SKUS.includes(upper)) {
        problems.add(argument, `"${sku}" is not a Custom Vision pricing tier; use ${CUSTOM_VISION_SKUS.join(" or ")}`);
        return fallback;
    }
    return upper;
}

/**
 * Resource group names: 1–90 characters of `_ - . ( )` and letters or digits as .NET's
 * `Char.IsLetterOrDigit` defines them (any script: Unicode categories Lu, Ll, Lt, Lm, Lo and Nd),
 * not ending in a period (docs/azure-facts.md, "Names"). The length counts UTF-16 code units, as .NET does.
 */
const RESOURCE_GROUP_NAME = /^[\p{L}\p{Nd}_\-.()]*[\p{L}\p{Nd}_\-()]$/u;

export function checkResourceGroupName(problems: ArgumentProblems, value: string | undefined): void {
    if (value === undefined) return;
    if (value.trim() === "") {
        problems.add("resourceGroupName", "is required and must not be empty");
    } else if (value.length > 90 || !RESOURCE_GROUP_NAME.test(value)) {
        problems.add("resourceGroupName", `"${value}" breaks Azure's rule: 1–90 letters, digits (any script), _ - . ( ), not ending in a period`);
    }
}

/** Cognitive Services account names and custom subdomains: 2–64, letters, digits, hyphens, alphanumeric at both ends. */
export function checkAccountName(problems: ArgumentProblems, argument: string, value: string): void {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]{0,62}[a-zA-Z0-9]$/.test(value)) {
        problems.add(argument, `"${value}" breaks Azure's rule for account names and custom subdomains: 2–64 letters, digits and hyphens, starting and ending with a letter or digit`);
    }
}

/** Key Vault names: 3–24, letters, digits, hyphens, starts with a letter, ends with a letter or digit, no `--`. */
export function checkVaultName(problems: ArgumentProblems, argument: string, value: string): void {
    if (!/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(value) || value.includes("--")) {
        problems.add(argument, `"${value}" breaks Azure's rule for Key Vault names: 3–24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no "--"`);
    }
}

/** Log Analytics workspace names: 4–63, letters, digits, hyphens, alphanumeric at both ends. */
export function checkWorkspaceName(problems: ArgumentProblems, argument: string, value: string): void {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]{2,61}[a-zA-Z0-9]$/.test(value)) {
        problems.add(argument, `"${value}" breaks Azure's rule for Log Analytics workspace names: 4–63 letters, digits and hyphens, starting and ending with a letter or digit`);
    }
}

/** Private endpoint names: 2–64 letters, digits, `_ . -`, starting with a letter or digit, ending with a letter, digit or `_`. */
export function checkPrivateEndpointName(problems: ArgumentProblems, argument: string, value: string): void {
    if (!PRIVATE_ENDPOINT_NAME_PATTERN.test(value)) {
        problems.add(argument, `"${value}" breaks Azure's rule for private endpoint names: 2–64 letters, digits, underscores, periods and hyphens, starting with a letter or digit, ending with a letter, digit or underscore`);
    }
}

/** A whole number of days within `bounds`. */
export function checkDays(problems: ArgumentProblems, argument: string, value: unknown, bounds: { min: number; max: number }, fallback: number): number {
    const days = readNumber(problems, argument, value);
    if (days === undefined) return fallback;
    if (!Number.isInteger(days) || days < bounds.min || days > bounds.max) {
        problems.add(argument, `${days} is out of range: a whole number of days from ${bounds.min} to ${bounds.max}`);
        return fallback;
    }
    return days;
}

/** One Entra ID object id: a GUID (a display name or UPN here would fail only at deploy time). Lower-cased. */
function checkPrincipalId(problems: ArgumentProblems, argument: string, value: unknown): string | undefined {
    const id = readString(problems, argument, value);
    if (id === undefined) {
        if (value === undefined || value === null) problems.add(argument, "is required: an Entra ID object id (GUID)");
        return undefined;
    }
    if (!isGuid(id)) {
        problems.add(argument, `"${id}" is not an Entra ID object id (a GUID such as 00000000-0000-0000-0000-000000000000)`);
        return undefined;
    }
    return id.toLowerCase();
}

/** A list of Entra ID object ids. */
export function checkPrincipalIds(problems: ArgumentProblems, argument: string, value: unknown): string[] {
    const ids = (readList(problems, argument, value) ?? []).map((item, index) => checkPrincipalId(problems, `${argument}[${index}]`, item));
    return ids.filter((id): id is string => id !== undefined);
}

const SECRET_READER_KEYS = keysOf<SecretReader>({ principalId: true, principalType: true });

/** `{ principalId, principalType }` items with a GUID and one of the principal types. */
export function checkSecretReaders(problems: ArgumentProblems, value: unknown): SecretReader[] {
    const readers: SecretReader[] = [];
    (readList(problems, "secretReaders", value) ?? []).forEach((item, index) => {
        const argument = `secretReaders[${index}]`;
        const reader = readRecord(problems, argument, item);
        if (reader === undefined) return;
        reportUnknownKeys(problems, argument, reader, SECRET_READER_KEYS);
        const principalId = checkPrincipalId(problems, `${argument}.principalId`, reader.principalId);
        const principalType = readString(problems, `${argument}.principalType`, reader.principalType);
        const choices = `use ${PRINCIPAL_TYPES.join(", ")}`;
        if (principalType === undefined) {
            if (reader.principalType === undefined || reader.principalType === null) problems.add(`${argument}.principalType`, `is required: ${choices}`);
            return;
        }
        if (!PRINCIPAL_TYPES.includes(principalType)) {
            problems.add(`${argument}.principalType`, `"${principalType}" is not a principal type: ${choices}`);
            return;
        }
        if (principalId !== undefined) readers.push({ principalId, principalType: principalType as PrincipalType });
    });
    return readers;
}

/** Environment names are short labels (they become a tag and decide the production guards). */
export function checkEnvironment(problems: ArgumentProblems, value: unknown, fallback: string): string {
    const environment = readString(problems, "environment", value);
    if (environment === undefined) return fallback;
    if (!/^[a-z0-9][a-z0-9-]{0,31}$/i.test(environment)) {
        problems.add("environment", `"${environment}" must be 1–32 letters, digits or hyphens (e.g. dev, test, prod)`);
        return fallback;
    }
    return environment.toLowerCase();
}

/** Which key applications use: 1 or 2 (see key rotation). */
export function checkActiveKey(problems: ArgumentProblems, value: unknown, fallback: number): 1 | 2 {
    const key = readNumber(problems, "activeKey", value) ?? fallback;
    if (key !== 1 && key !== 2) {
        problems.add("activeKey", `${key} must be 1 or 2 (the account key applications read)`);
        return 1;
    }
    return key;
}

/**
 * Any string or number; the text re-runs the key export whenever it changes. It becomes the value of
 * the key secrets' `key-rotation` tag, so it keeps to the length of a tag value.
 */
export function checkKeyRotation(problems: ArgumentProblems, value: unknown, fallback: string): string {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "string" && !(typeof value === "number" && Number.isFinite(value))) {
        problems.add("keyRotation", wrongType("a string or a number", value));
        return fallback;
    }
    const text = String(value);
    if (text.length > TAG_LIMITS.valueLength) {
        problems.add("keyRotation", `is ${text.length} characters long; it becomes the key secrets' key-rotation tag, and Azure allows tag values of at most ${TAG_LIMITS.valueLength}`);
        return fallback;
    }
    return text;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function checkEmails(problems: ArgumentProblems, value: unknown): string[] {
    const emails = readStringList(problems, "alertEmails", value) ?? [];
    for (const { index, value: email } of emails) {
        if (!EMAIL.test(email)) problems.add(`alertEmails[${index}]`, `"${email}" is not an e-mail address`);
    }
    return emails.map((email) => email.value);
}

/**
 * The user's tags, within Azure's limits once the component's own are added. Azure compares tag
 * names case-insensitively and keeps one tag of each name, so two names differing only in case
 * (`Team`, `team`; `Environment` next to the component's `environment`) are refused: one would
 * silently overwrite the other. The component's own tags may be repeated only exactly.
 */
export function checkTags(problems: ArgumentProblems, value: unknown, ownTags: Readonly<Record<string, string>>): Record<string, string> {
    const record = readRecord(problems, "tags", value) ?? {};
    const tags: [string, string][] = [];
    const own = new Map(Object.entries(ownTags).map(([name, ownValue]) => [name.toLowerCase(), { name, value: ownValue }]));
    const seen = new Map<string, string>();
    for (const [name, tagValue] of Object.entries(record)) {
        const argument = `tags.${name}`;
        const text = readString(problems, argument, tagValue);
        if (text === undefined) {
            if (tagValue === undefined || tagValue === null) problems.add(argument, "must be a string (got nothing)");
            continue;
        }
        if (name === "" || name.length > TAG_LIMITS.nameLength || TAG_LIMITS.forbiddenNameCharacters.some((c) => name.includes(c))) {
            problems.add(argument, `breaks Azure's rule for tag names: 1–${TAG_LIMITS.nameLength} characters without ${TAG_LIMITS.forbiddenNameCharacters.join(" ")}`);
        }
        if (text.length > TAG_LIMITS.valueLength) {
            problems.add(argument, `is ${text.length} characters long; Azure allows tag values of at most ${TAG_LIMITS.valueLength}`);
        }
        const key = name.toLowerCase();
        const clash = own.get(key);
        const earlier = seen.get(key);
        if (clash && clash.value !== text) {
            const owner = clash.name === "environment" ? "the environment argument" : "the component";
            problems.add(argument, `"${text}" conflicts with the ${clash.name} tag "${clash.value}" set by ${owner}; remove it${clash.name === "environment" ? " or set environment instead" : ""}`);
        } else if (clash && clash.name !== name) {
            problems.add(argument, `repeats the component's ${clash.name} tag in other letter case; Azure compares tag names case-insensitively and keeps one of them: remove it`);
        } else if (earlier !== undefined) {
            problems.add(argument, `is the tag ${earlier} again in other letter case; Azure compares tag names case-insensitively and keeps one of them: give it once`);
        }
        seen.set(key, earlier ?? name);
        tags.push([name, text]);
    }
    const added = [...seen.keys()].filter((key) => !own.has(key)).length;
    const room = TAG_LIMITS.perResource - own.size;
    if (added > room) {
        problems.add("tags", `has ${added} tags; Azure allows ${TAG_LIMITS.perResource} a resource and the component sets ${own.size}, so at most ${room}`);
    }
    // Defined as own properties (a tag named "__proto__" stays a tag).
    return Object.fromEntries(tags);
}

/** A resource id of the given ARM type, e.g. a Log Analytics workspace or an action group. */
export function checkResourceId(problems: ArgumentProblems, argument: string, value: string | undefined, pattern: RegExp, shape: string): void {
    if (value !== undefined && !pattern.test(value)) problems.add(argument, `"${value}" is not ${shape}`);
}
