/** Management locks in every token form: whether they block deletion, and the scope they name. */
import type { ResourceLike } from "./resource-like";
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

export function managementLockOf<R extends ResourceLike>(resource: R): ManagementLock<R> | undefined {
    if (resourceKindOf(resource.type) !== "managementLock") return undefined;
    const props = resource.props;
    const classic = propertyFormOf(resource.type) === "classic";
    const level = read(() => asString(classic ? props.lockLevel : props.level));
    const blocksDelete: Read<boolean> = isKnown(level) ? level !== undefined && /^(cannotdelete|readonly)$/i.test(level) : UNKNOWN;
    let scope: LockScope;
    switch (classic ? "ManagementLockByScope" : parseTypeToken(resource.type)?.resource) {
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
