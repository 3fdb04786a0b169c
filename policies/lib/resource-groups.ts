/**
 * The resource group a resource lives in. A name its props carry (classic outputs carry
 * `resourceGroupName`; a created resource's known `id` names its group) is the group, compared
 * case-insensitively, and the stack's ResourceGroup of that name is its resource. Where the props
 * carry no name (azure-native preview outputs have no `resourceGroupName`), the stack's
 * ResourceGroup its `resourceGroupName` was computed from (a property dependency) is the group.
 *
 * What a preview cannot tell: a name derived from a group's name (`${group.name}-dr`) depends on that
 * group just as `group.name` does, and azure-native outputs do not carry the name to compare; a
 * literal name on an azure-native resource leaves no trace in its outputs at all (group unknown).
 */
import type { PolicyResource } from "@pulumi/policy";
import { carriedResourceGroupOf } from "./resource-ids";
import { propertyDependenciesOf, readGiven, ResourceLike } from "./resource-like";
import { kindOf, propertyFormOf } from "./tokens";
import { forEachResource, isKnown, Read, UNKNOWN } from "./unknown";
import { asString } from "./values";

export interface ResourceGroupRef {
    /** Identifies the group: its lower-cased name, or the URN of a ResourceGroup whose name is not known yet. */
    key: string;
    /** The group's name as the stack writes it, or the ResourceGroup's logical name while its name is unknown. */
    label: string;
    /** The stack's ResourceGroup resources it may be (several only when names repeat). */
    resources: PolicyResource[];
}

/** A ResourceGroup's name: classic `name`; azure-native `resourceGroupName` input, `name` output (unknown until created). */
export function resourceGroupNameOf(group: ResourceLike): Read<string> {
    if (propertyFormOf(group.type) === "classic") return readGiven(group, "name", asString);
    const written = readGiven(group, "resourceGroupName", asString);
    return written === undefined ? readGiven(group, "name", asString) : written;
}

export function isResourceGroup(resource: ResourceLike): boolean {
    return kindOf(resource) === "resourceGroup";
}

/** The stack's ResourceGroups that `resource`'s `resourceGroupName` was computed from. */
export function linkedResourceGroups(resource: PolicyResource): PolicyResource[] {
    return propertyDependenciesOf(resource, "resourceGroupName").filter(isResourceGroup);
}

function refOf(group: PolicyResource): ResourceGroupRef {
    const name = resourceGroupNameOf(group);
    return typeof name === "string" && name
        ? { key: name.toLowerCase(), label: name, resources: [group] }
        : { key: group.urn, label: group.name, resources: [group] };
}

export class ResourceGroups {
    private readonly byName = new Map<string, PolicyResource[]>();

    constructor(resources: readonly PolicyResource[]) {
        forEachResource(resources, (resource) => {
            if (!isResourceGroup(resource)) return;
            const name = resourceGroupNameOf(resource);
            if (typeof name !== "string" || !name) return;
            const key = name.toLowerCase();
            const named = this.byName.get(key);
            if (named) named.push(resource);
            else this.byName.set(key, [resource]);
        });
    }

    /** `resource`'s group; `UNKNOWN` when its props cannot tell yet, `undefined` when they name none. */
    groupOf(resource: PolicyResource): Read<ResourceGroupRef> {
        const linked = linkedResourceGroups(resource);
        const carried = carriedResourceGroupOf(resource);
        if (typeof carried === "string") {
            // A known name wins over the group it was computed from: `${group.name}-dr` is another group.
            const key = carried.toLowerCase();
            const sameName = linked.filter((group) => {
                const name = resourceGroupNameOf(group);
                return typeof name === "string" && name.toLowerCase() === key;
            });
            const resources = sameName.length > 0 ? sameName : this.byName.get(key) ?? [];
            const label = resources.length > 0 ? (resourceGroupNameOf(resources[0]) as string) : carried;
            return { key, label, resources };
        }
        if (linked.length === 1) return refOf(linked[0]);
        return isKnown(carried) && linked.length === 0 ? undefined : UNKNOWN;
    }
}
