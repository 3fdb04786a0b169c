/** ARM resource ids: matching a known id value to the resource of the stack it names. */
import type { ResourceLike } from "./resource-like";
import { kindOf, propertyFormOf, ResourceKind } from "./tokens";
import { isKnown, read, Read } from "./unknown";
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

export function isSubscriptionScope(scope: string): boolean {
    return /^\/subscriptions\/[^/]+\/?$/i.test(scope.trim());
}

/** The ARM name and resource group of an account or vault, where its inputs state them. */
export function armNameOf(resource: ResourceLike): { name: Read<string>; resourceGroupName: Read<string> } {
    const props = resource.props;
    const form = propertyFormOf(resource.type);
    const nameProperty = form === "classic" ? "name" : form === "generic" ? "resourceName" : kindOf(resource) === "keyVault" ? "vaultName" : "accountName";
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
    const kind = kindOf(resource);
    const armType = kind && ARM_TYPES[kind];
    const { name, resourceGroupName } = armNameOf(resource);
    if (armType && isKnown(name) && name && isKnown(resourceGroupName) && resourceGroupName) {
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
