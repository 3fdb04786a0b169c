/**
 * Whether an account or a vault is reachable from public networks. Azure's defaults when a stack
 * says nothing: public network access is enabled (Key Vault REST spec `VaultProperties.publicNetworkAccess`
 * default "enabled"; Cognitive Services accounts accept every network until rules are set; classic
 * `publicNetworkAccessEnabled` defaults to true) and, without `networkAcls`, no firewall filters it.
 */
import type { ResourceLike } from "./resource-like";
import { propertyFormOf } from "./tokens";
import { isKnown, read, Read, UNKNOWN } from "./unknown";
import { asBoolean, asString, nested } from "./values";

/**
 * True when public networks reach the resource without a network ACL denying by default, false
 * when public access is disabled or the ACLs deny by default, `UNKNOWN` when that is not known yet.
 */
export function isOpenToPublicNetworks(resource: ResourceLike): Read<boolean> {
    const props = resource.props;
    const classic = propertyFormOf(resource.type) === "classic";
    const publicAccess = read(() => {
        if (classic) return asBoolean(props.publicNetworkAccessEnabled) ?? true;
        const setting = asString(nested(props, "properties")?.publicNetworkAccess);
        return setting === undefined || setting.toLowerCase() !== "disabled";
    });
    if (publicAccess === false) return false;
    const deniesByDefault = read(() => {
        const acls = classic ? nested(props, "networkAcls") : nested(nested(props, "properties"), "networkAcls");
        return asString(acls?.defaultAction)?.toLowerCase() === "deny";
    });
    if (deniesByDefault === true) return false;
    return isKnown(publicAccess) && isKnown(deniesByDefault) ? true : UNKNOWN;
}
