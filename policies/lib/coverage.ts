/**
 * What a diagnostic setting or a management lock covers. Both name their target the same ways: by
 * property dependency (always, even during preview), by a known resource id, and for locks also by
 * resource group, subscription, or resource name. Everything is indexed once per stack, so a check
 * stays linear in the number of resources.
 *
 * Never a false violation: a coverer whose target is unknown (not known yet, or not carried by its
 * preview outputs) and linked to nothing may cover any target; one naming an id, name or group that
 * matches nothing may cover a target whose own id, name or group its props do not tell. A scope in
 * another subscription covers nothing whose subscription is known to differ.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isResourceGroup, linkedResourceGroups, resourceGroupNameOf } from "./resource-groups";
import { propertyDependenciesOf } from "./resource-like";
import { armNameOf, armTypeOfId, IdIndex, idKeysOf, isSubscriptionScope, knownIdOf, resourceGroupOfScope, subscriptionOfId } from "./resource-ids";
import { read, Read } from "./unknown";
import { asString } from "./values";

/** A resource that settings or locks may cover, with every way one can name it. */
export interface CoverageTarget {
    resource: PolicyResource;
    idKeys: string[];
    /** Lower-cased ARM name, when its props carry it. */
    name?: string;
    /** Lower-cased resource group name, when its props carry it. */
    group?: string;
    /** URNs of the stack's ResourceGroups its group is (its `resourceGroupName` was computed from them). */
    groupResources: string[];
    /** Lower-cased subscription id: from its known id, else its provider's `subscriptionId`. */
    subscription?: string;
}

function subscriptionOf(resource: PolicyResource): string | undefined {
    const id = knownIdOf(resource);
    if (id) return subscriptionOfId(id);
    const fromProvider = resource.provider && read(() => asString(resource.provider?.props.subscriptionId));
    return typeof fromProvider === "string" && fromProvider ? fromProvider.toLowerCase() : undefined;
}

export function coverageTarget(resource: PolicyResource): CoverageTarget {
    const { name, resourceGroupName } = armNameOf(resource);
    const group = knownName(resourceGroupName);
    // A group resource whose known name differs (`${group.name}-dr`) is not the target's group.
    const groupResources = linkedResourceGroups(resource).filter((groupResource) => {
        const groupName = knownName(resourceGroupNameOf(groupResource));
        return !group || groupName === undefined || groupName === group;
    });
    return {
        resource,
        idKeys: idKeysOf(resource),
        name: knownName(name),
        group,
        groupResources: groupResources.map((groupResource) => groupResource.urn),
        subscription: subscriptionOf(resource),
    };
}

function knownName(name: Read<string>): string | undefined {
    return typeof name === "string" && name ? name.toLowerCase() : undefined;
}

/**
 * `exact`: a coverer covers only the resource it names (diagnostic settings).
 * `hierarchical`: naming a resource group or subscription covers everything in it (locks).
 */
export type CoverageMode = "exact" | "hierarchical";

/** A subscription a scope names, or `undefined` for a scope that names none it can tell. */
type Subscription = string | undefined;

const compatible = (scope: Subscription, target: Subscription): boolean => !scope || !target || scope === target;

export class Coverage {
    private readonly byId = new IdIndex<CoverageTarget>();
    private readonly byName = new Map<string, CoverageTarget[]>();
    /** URNs of targets covered directly. */
    private readonly coveredResources = new Set<string>();
    /** URNs of ResourceGroup resources whose contents are covered (hierarchical mode). */
    private readonly coveredGroupResources = new Set<string>();
    /** Lower-cased group name -> the subscriptions its covering scopes name. */
    private readonly coveredGroups = new Map<string, Subscription[]>();
    private readonly coveredSubscriptions: Subscription[] = [];
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

    /**
     * Covers what `property` of `coverer` was computed from: a resource itself, or (hierarchical mode)
     * everything in a ResourceGroup. Returns whether it was computed from anything.
     */
    linked(coverer: PolicyResource, property: string): boolean {
        const dependencies = propertyDependenciesOf(coverer, property);
        for (const dependency of dependencies) {
            if (!isResourceGroup(dependency)) {
                this.coveredResources.add(dependency.urn);
                continue;
            }
            this.coveredGroupResources.add(dependency.urn);
            const groupName = knownName(resourceGroupNameOf(dependency));
            if (groupName) this.addCoveredGroup(groupName, subscriptionOf(dependency));
        }
        return dependencies.length > 0;
    }

    /** A coverer whose target is unknown and linked to nothing: it may cover any target. */
    unresolved(): void {
        this.coversAll = true;
    }

    /** A known id value (a setting's target, a lock's scope); `linked` when the coverer also has property dependencies. */
    id(id: string, linked: boolean): void {
        const subscription = subscriptionOfId(id);
        const matches = this.byId.find(id).filter((target) => compatible(subscription, target.subscription));
        for (const target of matches) this.coveredResources.add(target.resource.urn);
        if (this.mode === "hierarchical") {
            if (isSubscriptionScope(id)) {
                this.everything(subscription);
                return;
            }
            const group = resourceGroupOfScope(id);
            if (group) {
                this.resourceGroup(group, subscription);
                return;
            }
        }
        if (!linked && matches.length === 0) {
            const armType = armTypeOfId(id);
            this.coversUnidentified ||= armType === undefined || this.targetArmTypes.has(armType);
        }
    }

    /** A resource named in the coverer's props (resource-level locks), optionally within a resource group. */
    named(name: string, group: string | undefined, linked: boolean): void {
        const wantedGroup = group?.toLowerCase();
        const matches = (this.byName.get(name.toLowerCase()) ?? []).filter((target) => !wantedGroup || !target.group || target.group === wantedGroup);
        for (const target of matches) this.coveredResources.add(target.resource.urn);
        this.coversUnnamed ||= !linked && matches.length === 0;
    }

    /** Everything in a resource group, named by its name (hierarchical mode). */
    resourceGroup(name: string, subscription?: string): void {
        this.addCoveredGroup(name.toLowerCase(), subscription);
        this.coversUngrouped = true;
    }

    private addCoveredGroup(key: string, subscription: Subscription): void {
        const subscriptions = this.coveredGroups.get(key);
        if (subscriptions) subscriptions.push(subscription);
        else this.coveredGroups.set(key, [subscription]);
    }

    /** Everything (a subscription-level lock), in `subscription` when the scope names one. */
    everything(subscription?: string): void {
        this.coveredSubscriptions.push(subscription);
    }

    isCovered(target: CoverageTarget): boolean {
        if (this.coversAll || this.coveredResources.has(target.resource.urn)) return true;
        if (this.coversUnidentified && target.idKeys.length === 0) return true;
        if (this.coversUnnamed && !target.name) return true;
        if (this.mode === "exact") return false;
        if (this.coveredSubscriptions.some((subscription) => compatible(subscription, target.subscription))) return true;
        const groupSubscriptions = target.group === undefined ? undefined : this.coveredGroups.get(target.group);
        return (
            (groupSubscriptions?.some((subscription) => compatible(subscription, target.subscription)) ?? false) ||
            target.groupResources.some((urn) => this.coveredGroupResources.has(urn)) ||
            (this.coversUngrouped && !target.group && target.groupResources.length === 0)
        );
    }
}
