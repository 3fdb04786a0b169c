/** Key Vaults in every token form. */
import type { ResourceLike } from "./resource-like";
import { kindOf, propertyFormOf } from "./tokens";
import { read, Read } from "./unknown";
import { asBoolean, nested } from "./values";

export interface KeyVault<R extends ResourceLike = ResourceLike> {
    resource: R;
    purgeProtection: Read<boolean>;
}

export function keyVaultOf<R extends ResourceLike>(resource: R): KeyVault<R> | undefined {
    if (kindOf(resource) !== "keyVault") return undefined;
    const props = resource.props;
    const classic = propertyFormOf(resource.type) === "classic";
    return {
        resource,
        purgeProtection: read(() => asBoolean(classic ? props.purgeProtectionEnabled : nested(props, "properties")?.enablePurgeProtection)),
    };
}
