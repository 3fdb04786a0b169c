/**
 * Where a resource is. An account without `location` still lands somewhere: azure-native fills it
 * from its provider's `location`, else from its resource group's (pulumi-azure-native
 * `getDefaultLocation`). The pack follows the same order: its own `location`, its explicit
 * provider's `location` (azure-native or classic), its resource group's when that group is a
 * resource of the same stack. Anything else is unknown and the resource is left out.
 */
import type { PolicyResource } from "@pulumi/policy";
import { normalizeLocation } from "./facts";
import type { ResourceGroups } from "./resource-groups";
import type { ResourceLike } from "./resource-like";
import { isKnown, read, Read, UNKNOWN } from "./unknown";
import { asString } from "./values";

const LOCATION_PROVIDERS: ReadonlySet<string> = new Set(["pulumi:providers:azure-native", "pulumi:providers:azure"]);

export interface Located {
    /** ARM's form of the region ("East US" -> "eastus"). */
    region: string;
    /** Where it came from when not the resource's own `location`, e.g. "its provider 'westeu'". */
    inheritedFrom?: string;
}

function ownLocation(resource: ResourceLike): Read<string> {
    return read(() => asString(resource.props.location));
}

function providerLocation(resource: ResourceLike): Read<string> {
    const provider = resource.provider;
    if (!provider || !LOCATION_PROVIDERS.has(provider.type)) return undefined;
    return read(() => asString(provider.props.location));
}

/** Own location, else the provider's: what a resource policy can see. */
function locatedWithoutGroup(resource: ResourceLike): Read<Located> {
    const own = ownLocation(resource);
    if (!isKnown(own)) return UNKNOWN;
    if (own) return { region: normalizeLocation(own) };
    const fromProvider = providerLocation(resource);
    if (!isKnown(fromProvider)) return UNKNOWN;
    if (fromProvider) return { region: normalizeLocation(fromProvider), inheritedFrom: `its provider '${resource.provider?.name}'` };
    return undefined;
}

/** Own location, else the provider's, else its resource group's in this stack. */
export function locationOf(resource: PolicyResource, groups: ResourceGroups): Read<Located> {
    const located = locatedWithoutGroup(resource);
    if (located !== undefined) return located;
    const group = groups.groupOf(resource);
    if (!isKnown(group)) return UNKNOWN;
    if (!group || group.resources.length === 0) return undefined;
    const regions = new Set<string>();
    for (const groupResource of group.resources) {
        const groupLocated = locatedWithoutGroup(groupResource);
        if (!groupLocated || !isKnown(groupLocated)) return UNKNOWN;
        regions.add(groupLocated.region);
    }
    // Two groups of one name (in different subscriptions) in different regions: no telling which.
    if (regions.size !== 1) return UNKNOWN;
    return { region: [...regions][0], inheritedFrom: `its resource group '${group.label}'` };
}

/** How a message states a location: "eastus", or "eastus (from its provider 'p')". */
export function describeLocation(located: Located): string {
    return located.inheritedFrom ? `${located.region} (from ${located.inheritedFrom})` : located.region;
}
