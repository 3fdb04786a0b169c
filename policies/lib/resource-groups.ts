/**
 * The resource group a resource lives in, found among the stack's own ResourceGroup resources: by
 * property dependency of its `resourceGroupName` on one, or else by equal name (Azure compares
 * resource group names case-insensitively).
 */
import type { PolicyResource } from "@pulumi/policy";
import { propertyDependenciesOf, ResourceLike } from "./resource-like";
import { kindOf, propertyFormOf } from "./tokens";
import { forEachResource, isKnown, read, Read, UNKNOWN } from "./unknown";
import { asString } from "./values";

export interface ResourceGroupRef {
    /** Identifies the group: its lower-cased name, or the URN of a ResourceGroup whose name is not known yet. */
    key: string;
    /** The group's name as the stack writes it. */
    label: string;
    /** The stack's ResourceGroup resources it may be (several only when names repeat). */
    resources: PolicyResource[];
}

function nameOf(group: ResourceLike): Read<string> {
    return read(() => asString(propertyFormOf(group.type) === "classic" ? group.props.name : group.props.resourceGroupName));
}

export class ResourceGroups {
    private readonly byName = new Map<string, PolicyResource[]>();

    constructor(resources: readonly PolicyResource[]) {
        forEachResource(resources, (resource) => {
            if (kindOf(resource) !== "resourceGroup") return;
            const name = nameOf(resource);
            if (typeof name !== "string") return;
            const key = name.toLowerCase();
            const named = this.byName.get(key);
            if (named) named.push(resource);
            else this.byName.set(key, [resource]);
        });
    }

    /** `resource`'s group; `UNKNOWN` when its inputs cannot tell yet, `undefined` when they name none. */
    groupOf(resource: PolicyResource): Read<ResourceGroupRef> {
        const linked = propertyDependenciesOf(resource, "resourceGroupName").filter((dependency) => kindOf(dependency) === "resourceGroup");
        if (linked.length === 1) {
            const [group] = linked;
            const name = nameOf(group);
            return typeof name === "string"
                ? { key: name.toLowerCase(), label: name, resources: linked }
                : { key: group.urn, label: group.name, resources: linked };
        }
        const name = read(() => asString(resource.props.resourceGroupName));
        if (!isKnown(name)) return UNKNOWN;
        if (!name) return undefined;
        const key = name.toLowerCase();
        const named = this.byName.get(key) ?? [];
        return { key, label: named.length > 0 ? (nameOf(named[0]) as string) : name, resources: named };
    }
}
