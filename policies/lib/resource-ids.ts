/**
 * ARM resource ids: matching a known id value to the resource of the stack it names, and reading a
 * resource's own group, subscription and name where its props carry them. At a first preview a stack
 * policy sees azure-native outputs, which carry no path parameter (`resourceGroupName`,
 * `accountName`, `scope`, ...) and an unknown `id`; classic outputs carry every input. Once a
 * resource exists its `id` is known and names its group and subscription.
 */
import { readGiven, ResourceLike } from "./resource-like";
import { kindOf, propertyFormOf, ResourceKind } from "./tokens";
import { isKnown, Read, UNKNOWN } from "./unknown";
import { asString } from "./values";

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

/** The resource group any id within one names, as written: `/subscriptions/s/resourceGroups/RG/...` -> `RG`. */
export function resourceGroupOfId(id: string): string | undefined {
    return /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/i.exec(id.trim())?.[1];
}

/** The subscription any id within one names, lower-cased. */
export function subscriptionOfId(id: string): string | undefined {
    return /^\/subscriptions\/([^/]+)/i.exec(id.trim())?.[1].toLowerCase();
}

export function isSubscriptionScope(scope: string): boolean {
    return /^\/subscriptions\/[^/]+\/?$/i.test(scope.trim());
}

/**
 * The scope an extension resource's own id names: a lock `<scope>/providers/Microsoft.Authorization/locks/<name>`
 * or a diagnostic setting `<scope>/providers/Microsoft.Insights/diagnosticSettings/<name>` -> `<scope>`.
 */
export function scopeOfExtensionId(id: string, extensionType: string): string | undefined {
    const suffix = `/providers/${extensionType}/`.toLowerCase();
    const at = id.toLowerCase().lastIndexOf(suffix);
    return at > 0 && !id.slice(at + suffix.length).includes("/") ? id.slice(0, at) : undefined;
}

/** The resource's own `id`, once known (after creation); `undefined` at a first preview or when absent. */
export function knownIdOf(resource: ResourceLike): string | undefined {
    const id = readGiven(resource, "id", asString);
    return typeof id === "string" && id ? id : undefined;
}

/**
 * The resource group a resource's props carry: its `resourceGroupName` (inputs, classic outputs),
 * else the group its known `id` names. `UNKNOWN` while computed from something not known yet.
 */
export function carriedResourceGroupOf(resource: ResourceLike): Read<string> {
    const written = readGiven(resource, "resourceGroupName", asString);
    if (typeof written === "string" && written) return written;
    const id = knownIdOf(resource);
    return (id && resourceGroupOfId(id)) || (isKnown(written) ? undefined : UNKNOWN);
}

/** The ARM name and resource group of an account or vault, where its props carry them. */
export function armNameOf(resource: ResourceLike): { name: Read<string>; resourceGroupName: Read<string> } {
    const form = propertyFormOf(resource.type);
    const inputName = form === "classic" ? "name" : form === "generic" ? "resourceName" : kindOf(resource) === "keyVault" ? "vaultName" : "accountName";
    const written = readGiven(resource, inputName, asString);
    // azure-native outputs carry the ARM name as `name` (unknown until created).
    const name = written === undefined && form !== "classic" ? readGiven(resource, "name", asString) : written;
    return { name, resourceGroupName: carriedResourceGroupOf(resource) };
}

/**
 * The keys under which a known id value finds this resource: its `id`, when known, and the id its
 * name and resource group imply (without the subscription, which the props rarely carry).
 */
export function idKeysOf(resource: ResourceLike): string[] {
    const keys: string[] = [];
    const id = knownIdOf(resource);
    if (id) {
        keys.push(id.toLowerCase());
        const derived = armIdKey(id);
        if (derived) keys.push(derived);
    }
    const kind = kindOf(resource);
    const armType = kind && ARM_TYPES[kind];
    const { name, resourceGroupName } = armNameOf(resource);
    if (armType && typeof name === "string" && name && typeof resourceGroupName === "string" && resourceGroupName) {
        keys.push(`${resourceGroupName}/${armType}/${name}`.toLowerCase());
    }
    return keys;
}

/** Finds resources by a known id value, case-insensitively; built once per stack for linear-time lookups. */
export class IdIndex<T> {
    private readonly byKey = new Map<string, T[]>();

    add(keys: readonly string[], item: T): void {
        for (const key of new Set(keys)) {
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
