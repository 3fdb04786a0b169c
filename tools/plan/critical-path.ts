import type { AzureCall, PlannedResource } from "./monitor";
import { moduleAndType } from "./values";

/**
 * The deploy critical path: the longest chain of Azure calls that must happen one after another in
 * a first `pulumi up` with unlimited parallelism, every call taking the same time.
 *
 * Measured, not derived: the plan answers the program's Azure calls in rounds (capture.ts), so a
 * call answered in round N was waiting for something answered in round N - 1, and the number of
 * rounds is the length of the longest chain. Invokes count: `getClientConfig` before every name
 * that carries the subscription's stable suffix, or `listAccountKeys` between an account and the
 * secret holding its key, is one more sequential Azure call.
 *
 * Naming the chain means finding, for each call, the call of the previous round it waited for:
 * - a resource waited for the resources in its dependencies, its property dependencies and its
 *   custom-resource parent (waiting for a component is waiting for every resource inside it;
 *   waiting for a provider is waiting for what the provider waits for), see
 *   {@link creationDependencies};
 * - an invoke waited for the resource whose id or Azure name is among its arguments;
 * - a resource waited for an invoke of the previous round that reads one of the resources it
 *   depends on; failing that, for any invoke of the previous round (an invoke result that feeds an
 *   input, like `getClientConfig`, leaves no other trace).
 * Ties go to the chain through more of the slowest kinds of resource (Cognitive Services accounts
 * and key vaults), then to the one registered first, so the same program always names the same chain.
 */

/** One step of the critical path. */
export interface CriticalStep {
    /** The round the call was answered in: its position in the chain, from 1. */
    round: number;
    kind: AzureCall["kind"];
    /** Resource type or invoke token. */
    type: string;
    /** The resource's logical name; for an invoke, the logical name of the resource it reads (or empty). */
    name: string;
    urn?: string;
}

/** The kinds of resource Azure takes longest to create: a tie between chains goes to the one through more of them. */
const SLOW_KINDS = ["cognitiveservices:Account", "keyvault:Vault"];

/** True for resources a provider creates (one Azure call). */
export function isCreatedByProvider(resource: PlannedResource): boolean {
    return resource.custom && !resource.type.startsWith("pulumi:providers:");
}

/**
 * For every created resource, the created resources it must wait for (direct edges after
 * expanding components and providers), in registration order.
 */
export function creationDependencies(resources: readonly PlannedResource[]): Map<string, string[]> {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const order = new Map(resources.map((resource, index) => [resource.urn, index]));
    const children = new Map<string, PlannedResource[]>();
    for (const resource of resources) {
        if (!resource.parent) continue;
        const siblings = children.get(resource.parent);
        if (siblings) siblings.push(resource);
        else children.set(resource.parent, [resource]);
    }
    const createdDescendants = (urn: string, into: Set<string>): void => {
        for (const child of children.get(urn) ?? []) {
            if (isCreatedByProvider(child)) into.add(child.urn);
            createdDescendants(child.urn, into);
        }
    };
    const isAncestor = (candidate: string, resource: PlannedResource): boolean => {
        for (let parent = resource.parent; parent; parent = byUrn.get(parent)?.parent) {
            if (parent === candidate) return true;
        }
        return false;
    };
    const directWaits = (resource: PlannedResource): string[] => {
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

/** The critical path, first call first. Empty when the program makes no Azure call. */
export function criticalPath(resources: readonly PlannedResource[], calls: readonly AzureCall[]): CriticalStep[] {
    const waitsFor = creationDependencies(resources);
    const callOfUrn = new Map(calls.filter((call) => call.urn).map((call) => [call.urn as string, call]));
    // Indexes, so a stack of thousands of calls per round stays linear.
    const invokesOfRound = new Map<number, AzureCall[]>();
    const byReference = { create: new Map<string, AzureCall[]>(), invoke: new Map<string, AzureCall[]>() };
    const add = <K>(index: Map<K, AzureCall[]>, key: K, call: AzureCall) => {
        const list = index.get(key);
        if (list) list.push(call);
        else index.set(key, [call]);
    };
    for (const call of calls) {
        if (call.kind === "invoke") add(invokesOfRound, call.round, call);
        for (const reference of call.references) add(call.kind === "invoke" ? byReference.invoke : byReference.create, reference, call);
    }
    /** The calls of `index` answered in `round` that share a reference (an id, an Azure name) with `call`. */
    const sharing = (call: AzureCall, index: Map<string, AzureCall[]>, round: number): AzureCall[] => [
        ...new Set(call.references.flatMap((reference) => index.get(reference) ?? []).filter((other) => other.round === round)),
    ];
    const waitedFor = (call: AzureCall): AzureCall[] => {
        const round = call.round - 1;
        if (call.kind === "invoke") return sharing(call, byReference.create, round);
        const dependencies = (call.urn ? waitsFor.get(call.urn) ?? [] : []).flatMap((urn) => callOfUrn.get(urn) ?? []);
        const found = [
            ...dependencies.filter((dependency) => dependency.round === round),
            ...new Set(dependencies.flatMap((dependency) => sharing(dependency, byReference.invoke, round))),
        ];
        return found.length > 0 ? found : invokesOfRound.get(round) ?? [];
    };

    // The best chain ending at each call: longest, then through the most slow kinds, then first made.
    interface Chain {
        length: number;
        slow: number;
        previous?: AzureCall;
    }
    const chains = new Map<AzureCall, Chain>();
    const order = new Map(calls.map((call, index) => [call, index]));
    const better = (a: Chain, b: Chain | undefined, aEnd: AzureCall, bEnd: AzureCall | undefined): boolean =>
        !b || !bEnd || a.length > b.length || (a.length === b.length && (a.slow > b.slow || (a.slow === b.slow && (order.get(aEnd) ?? 0) < (order.get(bEnd) ?? 0))));
    const isSlow = (call: AzureCall) => (call.kind === "create" && SLOW_KINDS.includes(moduleAndType(call.type)) ? 1 : 0);
    for (const call of [...calls].sort((a, b) => a.round - b.round)) {
        let best: Chain = { length: 1, slow: isSlow(call) };
        let bestEnd: AzureCall | undefined;
        for (const previous of waitedFor(call)) {
            const before = chains.get(previous) as Chain;
            const candidate = { length: before.length + 1, slow: before.slow + isSlow(call), previous };
            if (!bestEnd || better(candidate, best, previous, bestEnd)) {
                best = candidate;
                bestEnd = previous;
            }
        }
        chains.set(call, best);
    }

    let end: AzureCall | undefined;
    for (const call of calls) {
        if (better(chains.get(call) as Chain, end && chains.get(end), call, end)) end = call;
    }
    const steps: CriticalStep[] = [];
    for (let call = end; call; call = chains.get(call)?.previous) {
        const read = call.kind === "invoke" ? chains.get(call)?.previous : undefined;
        steps.unshift({ round: call.round, kind: call.kind, type: call.type, name: call.kind === "invoke" ? read?.name ?? "" : call.name, ...(call.urn ? { urn: call.urn } : {}) });
    }
    return steps;
}
