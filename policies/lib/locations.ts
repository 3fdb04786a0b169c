/**
 * Where a resource is. An account without `location` still lands somewhere: azure-native's `Check`
 * fills it from its provider's `location` (an explicit provider's, or the stack config
 * `azure-native:location` of the default one), else from its resource group's (docs/azure-facts.md,
 * "Pulumi engine and policy behaviour"). The pack follows the same order: its own `location`, its provider's
 * `location`, its resource group's when that group is a resource of the same stack. In a preview a
 * `location` the program gave none of is unknown in the outputs (or made unknown by `Check` while the
 * group's name is): it reads as not given (`readGiven`) and the group's location applies, which is
 * where `Check` puts the account once the group exists. Anything else is unknown and the resource
 * is left out.
 */
import type { PolicyResource } from "@pulumi/policy";
import { normalizeLocation } from "./facts";
import type { ResourceGroups } from "./resource-groups";
import { isUnknownProp, readGiven, ResourceLike } from "./resource-like";
import { providerPackageOf } from "./tokens";
import { isKnown, read, Read, UNKNOWN } from "./unknown";
import { asString } from "./values";

export interface Located {
    /** ARM's form of the region ("East US" -> "eastus"). */
    region: string;
    /** Where it came from when not the resource's own `location`, e.g. "its provider 'westeu'". */
    inheritedFrom?: string;
}

function ownLocation(resource: ResourceLike): Read<string> {
    return readGiven(resource, "location", asString);
}

/** An azure-native provider's `location` (classic @pulumi/azure's provider has none). */
function providerLocation(resource: ResourceLike): Read<string> {
    const provider = resource.provider;
    if (!provider || providerPackageOf(provider.type) !== "azure-native") return undefined;
    return read(() => asString(provider.props.location));
}

/** Own location, else the provider's: what a resource policy can see. */
function locatedWithoutGroup(resource: ResourceLike): Read<Located> {
    const own = ownLocation(resource);
    if (!isKnown(own)) return UNKNOWN;
    if (own) return { region: normalizeLocation(own) };
    const fromProvider = providerLocation(resource);
    if (!isKnown(fromProvider)) return UNKNOWN;
    if (fromProvider) {
        // Check fills an absent location from the provider's, so a location still unknown here was
        // given by the program (an invoke's result, say): not the provider's.
        if (isUnknownProp(resource, "location")) return UNKNOWN;
        return { region: normalizeLocation(fromProvider), inheritedFrom: `its provider '${resource.provider?.name}'` };
    }
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
