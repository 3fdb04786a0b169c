/**
 * What @pulumi/policy 1.21's analyzer server (`sdk/nodejs/policy/server.ts`, `deserialize.ts`)
 * builds from the engine's request for each policy call: deserialized props behind its
 * unknown-checking proxy, resource options, frozen stack tags, the resource's provider, and for
 * stack policies the linked resource graph.
 */
import type { PolicyProviderResource, PolicyResource, PolicyResourceOptions } from "@pulumi/policy";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { policyKinds, unknownCheckingProxy } from "./policy-runtime";
import type { ProviderOf } from "./provider-preview";
import type { StackResource } from "./types";

/**
 * Plain JSON as the analyzer deserializes it: undefined keys and the engine's internal `__` keys
 * (`__inputs`, `__createBeforeDelete`: the engine marshals with `SkipInternalKeys`,
 * docs/azure-facts.md) dropped, secrets unwrapped to their value.
 */
export function deserialize(value: unknown): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(deserialize);
    }
    const record = value as Record<string, unknown>;
    if (record[specialSigKey] === specialSecretSig) {
        return deserialize(record.value);
    }
    const copy: Record<string, unknown> = {};
    // for...in rather than Object.entries: this runs once per policy per resource, so on a stack of
    // 50,000 resources the intermediate arrays were most of the garbage collector's work.
    for (const key in record) {
        const field = record[key];
        if (field !== undefined && !isInternalKey(key) && Object.prototype.hasOwnProperty.call(record, key)) {
            copy[key] = deserialize(field);
        }
    }
    return copy;
}

function isInternalKey(key: string): boolean {
    return key.charCodeAt(0) === 95 && key.charCodeAt(1) === 95;
}

export function proxiedProps(inputs: Record<string, unknown>): Record<string, unknown> {
    return unknownCheckingProxy(deserialize(inputs) as Record<string, unknown>);
}

/** Resource classes carry their token as `__pulumiType`; otherwise @pulumi/policy falls back to `isInstance`. */
export function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = policyKinds.getPulumiType(resourceClass);
    if (pulumiType) {
        return type === pulumiType;
    }
    const isInstance = (resourceClass as { isInstance?: unknown } | undefined)?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/**
 * The options the analyzer reports for a resource. Built once per resource per evaluation and frozen,
 * then shared by every policy: on a stack of 50,000 resources, building them per policy made
 * millions of objects.
 */
export function resourceOptions(resource: StackResource): PolicyResourceOptions {
    const options: PolicyResourceOptions = {
        protect: resource.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (resource.parent) {
        options.parent = resource.parent;
    }
    deepFreeze(options);
    return options;
}

function deepFreeze(value: object): void {
    for (const field of Object.values(value)) {
        if (typeof field === "object" && field !== null) deepFreeze(field);
    }
    Object.freeze(value);
}

export function freezeTags(tags: Record<string, string> | undefined): ReadonlyMap<string, string> {
    const map = new Map(Object.entries(tags ?? {}));
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    }) as ReadonlyMap<string, string>;
}

/** The provider as the analyzer hands it to a policy: type, URN, name and its inputs as props. */
export function policyProvider(provider: ProviderOf | undefined): PolicyProviderResource | undefined {
    return provider && { type: provider.type, props: proxiedProps(provider.inputs), urn: provider.urn, name: provider.name };
}

/**
 * Builds the linked resource graph a stack policy receives: every resource with `stackProps[i]` (its
 * outputs, deserialized) as props, proxied, links resolved by URN. The fields repeat the resource policy args on
 * purpose: building both from one helper with object spreads made the pack 2.5 times slower on
 * 50,000 resources.
 */
export function linkStackResources(
    resources: readonly StackResource[],
    stackProps: readonly Record<string, unknown>[],
    providers: readonly (ProviderOf | undefined)[],
    options: readonly PolicyResourceOptions[],
): PolicyResource[] {
    const linked = new Map<string, PolicyResource>();
    const policyResources = resources.map((resource, index) => {
        const props = unknownCheckingProxy(stackProps[index]);
        const policyResource: PolicyResource = {
            type: resource.type,
            props,
            urn: resource.urn,
            name: resource.name,
            opts: options[index],
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
            asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as PolicyResource["asType"],
        };
        const provider = policyProvider(providers[index]);
        if (provider) policyResource.provider = provider;
        linked.set(resource.urn, policyResource);
        return policyResource;
    });
    const lookup = (urns: readonly string[]): PolicyResource[] =>
        urns.map((urn) => linked.get(urn)).filter((found): found is PolicyResource => found !== undefined);
    resources.forEach((resource, index) => {
        const policyResource = policyResources[index];
        const parent = resource.parent ? linked.get(resource.parent) : undefined;
        if (parent) policyResource.parent = parent;
        policyResource.dependencies = lookup(resource.dependencies);
        for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
            policyResource.propertyDependencies[property] = lookup(urns);
        }
    });
    return policyResources;
}
