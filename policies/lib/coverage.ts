/**
 * What a diagnostic setting or a management lock covers. Both name their target the same ways: by
 * property dependency (always, even during preview), by a known resource id, and for locks also by
 * resource group, subscription, or resource name. Everything is indexed once per stack, so a check
 * stays linear in the number of resources.
 *
 * Never a false violation: a coverer whose target is unknown and linked to nothing may cover any
 * target; one naming an id, name or group that matches nothing may cover a target whose own id,
 * name or group its inputs do not tell.
 */
import type { PolicyResource } from "@pulumi/policy";
import { propertyDependenciesOf } from "./resource-like";
import { armNameOf, armTypeOfId, IdIndex, idKeysOf, isSubscriptionScope, resourceGroupOfScope } from "./resource-ids";
import { isKnown } from "./unknown";

/** A resource that settings or locks may cover, with every way one can name it. */
export interface CoverageTarget {
    resource: PolicyResource;
    idKeys: string[];
    /** Lower-cased ARM name, when its inputs state it. */
    name?: string;
    /** Lower-cased resource group name, when its inputs state it. */
    group?: string;
    /** URNs its resource group name came from (a ResourceGroup of the same stack). */
    groupResources: string[];
}

export function coverageTarget(resource: PolicyResource): CoverageTarget {
    const { name, resourceGroupName } = armNameOf(resource);
    return {
        resource,
        idKeys: idKeysOf(resource),
        name: isKnown(name) && name ? name.toLowerCase() : undefined,
        group: isKnown(resourceGroupName) && resourceGroupName ? resourceGroupName.toLowerCase() : undefined,
        groupResources: propertyDependenciesOf(resource, "resourceGroupName").map((dependency) => dependency.urn),
    };
}

/**
 * `exact`: a coverer covers only the resource it names (diagnostic settings).
 * `hierarchical`: naming a resource group or subscription covers everything in it (locks).
 */
export type CoverageMode = "exact" | "hierarchical";

export class Coverage {
    private readonly byId = new IdIndex<CoverageTarget>();
    private readonly byName = new Map<string, CoverageTarget[]>();
    private readonly coveredUrns = new Set<string>();
    private readonly coveredGroups = new Set<string>();
    private coversAll = false;
    private coversUnidentified = false;
    private coversUnnamed = false;
    private coversUngrouped = false;

    /** @param targetArmTypes lower-cased ARM types of the targets, to tell which unmatched ids could still name one. */
    constructor(targets: readonly CoverageTarget[], private readonly mode: CoverageMode, private readonly targetArmTypes: ReadonlySet<string>) {
        for (const target of targets) {
            this.byId.add(target.idKeys, target);
            if (target.name) {
                const named = this.byName.get(target.name);
                if (named) named.push(target);
                else this.byName.set(target.name, [target]);
            }
        }
    }

    /** Covers what `property` of `coverer` was computed from; returns whether it was computed from anything. */
    linked(coverer: PolicyResource, property: string): boolean {
        const dependencies = propertyDependenciesOf(coverer, property);
        for (const dependency of dependencies) this.coveredUrns.add(dependency.urn);
        return dependencies.length > 0;
    }

    /** A coverer whose target is unknown and linked to nothing: it may cover any target. */
    unresolved(): void {
        this.coversAll = true;
    }

    /** A known id value (a setting's target, a lock's scope); `linked` when the coverer also has property dependencies. */
    id(id: string, linked: boolean): void {
        const matches = this.byId.find(id);
        for (const target of matches) this.coveredUrns.add(target.resource.urn);
        if (this.mode === "hierarchical") {
            if (isSubscriptionScope(id)) {
                this.coversAll = true;
                return;
            }
            const group = resourceGroupOfScope(id);
            if (group) {
                this.resourceGroup(group);
                return;
            }
        }
        if (!linked && matches.length === 0) {
            const armType = armTypeOfId(id);
            this.coversUnidentified ||= armType === undefined || this.targetArmTypes.has(armType);
        }
    }

    /** A resource named in the coverer's inputs (resource-level locks), optionally within a resource group. */
    named(name: string, group: string | undefined, linked: boolean): void {
        const wantedGroup = group?.toLowerCase();
        const matches = (this.byName.get(name.toLowerCase()) ?? []).filter((target) => !wantedGroup || !target.group || target.group === wantedGroup);
        for (const target of matches) this.coveredUrns.add(target.resource.urn);
        this.coversUnnamed ||= !linked && matches.length === 0;
    }

    /** Everything in a resource group, named by its name (hierarchical mode). */
    resourceGroup(name: string): void {
        this.coveredGroups.add(name.toLowerCase());
        this.coversUngrouped = true;
    }

    /** Everything (a subscription-level lock). */
    everything(): void {
        this.coversAll = true;
    }

    isCovered(target: CoverageTarget): boolean {
        if (this.coversAll || this.coveredUrns.has(target.resource.urn)) return true;
        if (this.coversUnidentified && target.idKeys.length === 0) return true;
        if (this.coversUnnamed && !target.name) return true;
        if (this.mode === "exact") return false;
        return (
            (target.group !== undefined && this.coveredGroups.has(target.group)) ||
            target.groupResources.some((urn) => this.coveredUrns.has(urn)) ||
            (this.coversUngrouped && !target.group && target.groupResources.length === 0)
        );
    }
}
