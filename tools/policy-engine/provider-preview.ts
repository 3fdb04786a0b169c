/**
 * What the providers make of a resource during a first `pulumi preview` of a new stack, where every
 * resource is created: the inputs their `Check` returns (which resource policies receive) and the
 * outputs their `Create(preview)` returns (which stack policies receive: the engine's `AnalyzeResources` sends each resource's outputs,
 * its `Analyze` the checked inputs). See docs/azure-facts.md, "Pulumi engine and policy behaviour".
 *
 * Modelled per provider, with each type's property lists read from the installed SDK (sdk-shapes.ts):
 * - azure-native `Check` fills an absent `location` from the provider's `location` (an explicit
 *   provider's input, or the stack config `azure-native:location` of the default one); else, when
 *   `resourceGroupName` is unknown, it makes `location` unknown; else it reads the group's location
 *   from ARM, which the emulation cannot (a group this stack creates does not exist yet): unset.
 * - azure-native `Create(preview)` maps the inputs to the output shape: each output property takes
 *   its input value, an output property the inputs lack is unknown, inputs that are no output
 *   property (path parameters: `resourceGroupName`, `accountName`, `scope`, `resourceUri`, ...) are
 *   dropped, `id` is unknown. Nested objects are kept as given (the provider also maps them).
 * - classic @pulumi/azure (the Terraform bridge) returns the planned state: the inputs, plus every
 *   computed attribute the inputs lack as unknown (an output the SDK types as always set is one);
 *   optional attributes left unset stay absent; `id` is unknown. Schema defaults are not applied.
 * - A provider whose configuration is not fully known returns no outputs at all (the engine's
 *   provider plugin, docs/azure-facts.md); any other package keeps its inputs, as the engine does for a
 *   provider without preview support.
 *
 * Not modelled: updates and unchanged resources of an existing stack (their outputs are known; give
 * them as `StackResource.outputs`), autonaming and other `Check` defaults.
 */
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { isUnknownSentinel } from "../../policies/lib/sentinels";
import { isProviderType, PROVIDER_TYPE_PREFIX, resourceKindOf } from "../../policies/lib/tokens";
import { deserialize } from "./resource-view";
import { modelledPackageOf, resourceShapeOf } from "./sdk-shapes";
import type { StackResource } from "./types";

/** The provider the engine registers a custom resource with: its type, URN, name and inputs. */
export interface ProviderOf {
    type: string;
    urn: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** `<package>:<key>` stack config -> the default provider's inputs for `packageName`, as the engine builds default providers (docs/azure-facts.md). */
function defaultProviderInputs(packageName: string, stackConfig: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const prefix = `${packageName}:`;
    const inputs: Record<string, unknown> = {};
    for (const key of Object.keys(stackConfig)) {
        if (key.startsWith(prefix)) inputs[key.slice(prefix.length)] = stackConfig[key];
    }
    return inputs;
}

/**
 * The program's explicit provider, or else the engine's default provider for the type's package,
 * whose inputs are that package's stack config. Component resources, providers and the Stack have none.
 */
export function providerOf(resource: StackResource, byUrn: ReadonlyMap<string, StackResource>, stackConfig: Readonly<Record<string, unknown>>): ProviderOf | undefined {
    if (resource.provider) {
        const providerUrn = resource.provider.replace(/::[^:]*$/, "");
        const provider = byUrn.get(providerUrn);
        return provider
            ? { type: provider.type, urn: provider.urn, name: provider.name, inputs: provider.inputs }
            : { type: typeFromUrn(providerUrn), urn: providerUrn, name: providerUrn.split("::").pop() ?? "", inputs: {} };
    }
    if (resource.custom && !isProviderType(resource.type)) {
        const packageName = resource.type.split(":")[0];
        const type = `${PROVIDER_TYPE_PREFIX}${packageName}`;
        const [stackPart, project] = resource.urn.split("::");
        return { type, urn: `${stackPart}::${project}::${type}::default`, name: "default", inputs: defaultProviderInputs(packageName, stackConfig) };
    }
    return undefined;
}

function typeFromUrn(urn: string): string {
    const chain = urn.split("::")[2] ?? "";
    return chain.split("$").pop() ?? chain;
}

function isGiven(value: unknown): boolean {
    return value !== undefined && value !== null;
}

/**
 * Where azure-native's `Check` finds a resource group's location when the group is a resource of
 * this stack: ARM answers with it once the group exists, i.e. at `pulumi up` before the resource is
 * created (in a first preview the group's name is still unknown, and so is the location).
 */
export class StackResourceGroups {
    private readonly byName = new Map<string, unknown>();
    private readonly byUrn = new Map<string, unknown>();

    constructor(resources: readonly StackResource[]) {
        for (const resource of resources) {
            if (resourceKindOf(resource.type) !== "resourceGroup") continue;
            this.byUrn.set(resource.urn, resource.inputs.location);
            const name = resource.inputs.resourceGroupName ?? resource.inputs.name;
            if (typeof name === "string" && !isUnknownSentinel(name)) this.byName.set(name.toLowerCase(), resource.inputs.location);
        }
    }

    /** The location of the group `resource` names or was computed from; undefined when it is not one of this stack's. */
    locationFor(resource: StackResource): unknown {
        const name = resource.inputs.resourceGroupName;
        if (typeof name === "string" && !isUnknownSentinel(name)) return this.byName.get(name.toLowerCase());
        const linked = (resource.propertyDependencies.resourceGroupName ?? []).filter((urn) => this.byUrn.has(urn));
        return linked.length === 1 ? this.byUrn.get(linked[0]) : undefined;
    }
}

/**
 * The inputs the provider's `Check` returns: azure-native fills an absent `location` from its
 * provider's, else from the resource group's (unknown while the group's name is); everything else as given.
 */
export function checkedInputs(resource: StackResource, provider: ProviderOf | undefined, groups: StackResourceGroups): Record<string, unknown> {
    const inputs = resource.inputs;
    if (modelledPackageOf(resource.type) !== "azure-native" || isGiven(inputs.location)) return inputs;
    if (!resourceShapeOf(resource.type)?.inputs.has("location")) return inputs;
    const providerLocation = provider?.inputs.location;
    if (isGiven(providerLocation)) return { ...inputs, location: providerLocation };
    if (isUnknownSentinel(inputs.resourceGroupName)) return { ...inputs, location: unknownValue };
    const groupLocation = groups.locationFor(resource);
    return isGiven(groupLocation) ? { ...inputs, location: groupLocation } : inputs;
}

function hasUnknownValue(inputs: Record<string, unknown>): boolean {
    return Object.values(inputs).some(isUnknownSentinel);
}

/**
 * The outputs the provider's `Create(preview)` returns for `checked` (the checked inputs),
 * deserialized as the analyzer receives them (built deserialized: copying them twice was a fifth of
 * the pack's time on 50,000 resources).
 */
export function previewCreateOutputs(resource: StackResource, checked: Record<string, unknown>, provider: ProviderOf | undefined): Record<string, unknown> {
    const sdk = resource.custom ? modelledPackageOf(resource.type) : undefined;
    const shape = sdk && resourceShapeOf(resource.type);
    if (!shape) return deserialize(checked) as Record<string, unknown>;
    if (provider && hasUnknownValue(provider.inputs)) return {};
    const outputs = (sdk === "azure" ? deserialize(checked) : {}) as Record<string, unknown>;
    for (const [name, optional] of shape.outputs) {
        if (isGiven(checked[name])) outputs[name] = deserialize(checked[name]);
        else if (sdk === "azure-native" || !optional) outputs[name] = unknownValue;
    }
    outputs.id = unknownValue;
    return outputs;
}
