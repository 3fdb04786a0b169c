import type { StackResource } from "../policy-engine";

/**
 * The deploy critical path: the longest chain of resources the engine must create one after
 * another, i.e. a lower bound on the number of sequential provider operations of a first `up`
 * with unlimited parallelism.
 *
 * The graph:
 * - Nodes that cost one step are the resources a provider creates: custom resources, except
 *   provider resources (`pulumi:providers:*`, configured locally). The Stack and components are
 *   bookkeeping: they cost nothing and never appear in the path.
 * - R waits for D when D is in R's `dependencies` or `propertyDependencies`, or D is R's parent and
 *   D is a custom resource (a child registers only once its parent exists).
 * - Waiting for a component means waiting for every resource it contains (as `dependsOn` does);
 *   waiting for a provider means waiting for whatever that provider waits for. A component parent
 *   adds no edge: components are not created by Azure.
 *
 * The path's length is its number of resources. Ties go to the chain found first in registration
 * order, so the same program always gives the same path.
 */

/** What the critical path needs of a resource: the engine's view plus whether a provider creates it. */
export interface GraphResource extends StackResource {
    custom: boolean;
}

/** True for resources a provider creates (one step of the path). */
export function isCreatedByProvider(resource: GraphResource): boolean {
    return resource.custom && !resource.type.startsWith("pulumi:providers:");
}

/**
 * For every created resource, the created resources it must wait for (direct edges after
 * expanding components and providers), in registration order.
 */
export function creationDependencies(resources: readonly GraphResource[]): Map<string, string[]> {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const order = new Map(resources.map((resource, index) => [resource.urn, index]));
    const children = new Map<string, GraphResource[]>();
    for (const resource of resources) {
        if (resource.parent) children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
    }
    const createdDescendants = (urn: string, into: Set<string>): void => {
        for (const child of children.get(urn) ?? []) {
            if (isCreatedByProvider(child)) into.add(child.urn);
            createdDescendants(child.urn, into);
        }
    };
    const isAncestor = (candidate: string, resource: GraphResource): boolean => {
        for (let parent = resource.parent; parent; parent = byUrn.get(parent)?.parent) {
            if (parent === candidate) return true;
        }
        return false;
    };
    const directWaits = (resource: GraphResource): string[] => {
        const waits = new Set([...resource.dependencies, ...Object.values(resource.propertyDependencies).flat()]);
        const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
        if (parent?.custom) waits.add(parent.urn);
        return [...waits];
    };

    const edges = new Map<string, string[]>();
    for (const resource of resources) {
        if (!isCreatedByProvider(resource)) continue;
        const found = new Set<string>();
        const visited = new Set<string>();
        const expand = (urn: string): void => {
            if (visited.has(urn)) return;
            visited.add(urn);
            const target = byUrn.get(urn);
            if (!target || target.urn === resource.urn) return;
            if (isCreatedByProvider(target)) {
                found.add(urn);
            } else if (target.custom) {
                directWaits(target).forEach(expand);
            } else if (!isAncestor(urn, resource)) {
                // A component (never one's own ancestor, which would be waiting for oneself).
                const contained = new Set<string>();
                createdDescendants(urn, contained);
                contained.forEach((inner) => inner !== resource.urn && found.add(inner));
            }
        };
        directWaits(resource).forEach(expand);
        edges.set(resource.urn, [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
    }
    return edges;
}

/** The critical path as URNs, first created first. Empty when nothing is created. */
export function criticalPath(resources: readonly GraphResource[]): string[] {
    const edges = creationDependencies(resources);
    const longest = new Map<string, { length: number; previous?: string }>();
    const inProgress = new Set<string>();
    const measure = (urn: string): number => {
        const known = longest.get(urn);
        if (known) return known.length;
        if (inProgress.has(urn)) throw new Error(`dependency cycle through ${urn}`);
        inProgress.add(urn);
        let best: { length: number; previous?: string } = { length: 1 };
        for (const dependency of edges.get(urn) ?? []) {
            const length = measure(dependency) + 1;
            if (length > best.length) best = { length, previous: dependency };
        }
        inProgress.delete(urn);
        longest.set(urn, best);
        return best.length;
    };

    let end: string | undefined;
    let endLength = 0;
    for (const urn of edges.keys()) {
        const length = measure(urn);
        if (length > endLength) {
            end = urn;
            endLength = length;
        }
    }
    const path: string[] = [];
    for (let urn = end; urn !== undefined; urn = longest.get(urn)?.previous) path.unshift(urn);
    return path;
}
