/**
 * Management locks in every token form: whether they block deletion, and the scope they name. A
 * stack policy sees azure-native locks through their outputs, which carry the level but not the
 * target (`scope`, `resourceName`, `resourceGroupName`, ... are path parameters): until the lock
 * exists and its `id` (`<scope>/providers/Microsoft.Authorization/locks/<name>`) names the scope,
 * only the property dependencies of those inputs tell what it locks. A target its props do not
 * carry reads as unknown. Classic outputs carry every input.
 */
import { knownIdOf, resourceGroupOfScope, scopeOfExtensionId } from "./resource-ids";
import { readGiven, ResourceLike } from "./resource-like";
import { parseTypeToken, propertyFormOf, resourceKindOf } from "./tokens";
import { isKnown, read, Read, UNKNOWN } from "./unknown";
import { asString } from "./values";

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

const LOCKS = "Microsoft.Authorization/locks";

/** A value the props carry, else the one its known id tells, else unknown (not carried, not created yet). */
function carried(written: Read<string>, fromId: string | undefined): Read<string> {
    if (typeof written === "string") return written;
    return fromId ?? UNKNOWN;
}

/** `/subscriptions/s/resourceGroups/rg/providers/Microsoft.X/y/name` -> its parts, as written. */
function resourceIdParts(id: string | undefined): { group: string; type: string; name: string } | undefined {
    const match = id && /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)\/?$/i.exec(id.trim());
    return match ? { group: match[1], type: match[2], name: match[3] } : undefined;
}

export function managementLockOf<R extends ResourceLike>(resource: R): ManagementLock<R> | undefined {
    if (resourceKindOf(resource.type) !== "managementLock") return undefined;
    const props = resource.props;
    const classic = propertyFormOf(resource.type) === "classic";
    const level = read(() => asString(classic ? props.lockLevel : props.level));
    const blocksDelete: Read<boolean> = isKnown(level) ? level !== undefined && /^(cannotdelete|readonly)$/i.test(level) : UNKNOWN;
    const id = knownIdOf(resource);
    const ownScope = id ? scopeOfExtensionId(id, LOCKS) : undefined;
    let scope: LockScope;
    switch (classic ? "ManagementLockByScope" : parseTypeToken(resource.type)?.resource) {
        case "ManagementLockAtResourceLevel": {
            const target = resourceIdParts(ownScope);
            const namespace = read(() => asString(props.resourceProviderNamespace));
            const type = read(() => asString(props.resourceType));
            const writtenType = typeof namespace === "string" && typeof type === "string" ? `${namespace}/${type}` : isKnown(namespace) && isKnown(type) ? undefined : UNKNOWN;
            scope = {
                kind: "resource",
                resourceName: carried(readGiven(resource, "resourceName", asString), target?.name),
                resourceType: carried(writtenType, target?.type),
                resourceGroupName: carried(readGiven(resource, "resourceGroupName", asString), target?.group),
            };
            break;
        }
        case "ManagementLockAtResourceGroupLevel":
            scope = { kind: "resourceGroup", resourceGroupName: carried(readGiven(resource, "resourceGroupName", asString), ownScope && resourceGroupOfScope(ownScope)) };
            break;
        case "ManagementLockAtSubscriptionLevel":
            scope = { kind: "subscription" };
            break;
        default:
            scope = { kind: "scope", property: "scope", scope: carried(readGiven(resource, "scope", asString), ownScope) };
    }
    return { resource, blocksDelete, scope };
}
