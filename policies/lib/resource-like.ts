import type { PolicyResource } from "@pulumi/policy";
import { isUnknownSentinel } from "./sentinels";
import { read, Read, UNKNOWN } from "./unknown";

/**
 * A resource as the pack sees it, alike for resource policies (their args: the checked inputs) and
 * stack policies (the resource's outputs, with its links).
 */
export interface ResourceLike {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    /** The provider the engine reports with it (explicit or default); absent for components. */
    provider?: { type: string; name: string; props: Record<string, unknown> };
    /** Stack policies only: input property -> the resources its value was computed from. */
    propertyDependencies?: Record<string, readonly { urn: string }[]>;
}

/**
 * A top-level property as the program gave it, read through `reader`. A stack policy sees a resource
 * the preview creates through its provider's preview outputs, where every output property the inputs
 * lack is unknown: an unknown value that no resource computed (no property dependency) is one the
 * program did not give, and reads as absent: a program's own unknowns come from resource outputs
 * (stack references included), which the engine records as that property's dependencies. Resource
 * policies see the inputs, where an unknown stays unknown.
 */
export function readGiven<T>(resource: ResourceLike, property: string, reader: (value: unknown) => T | undefined): Read<T> {
    if (isUnknownSentinel(peek(resource.props, property))) {
        const computedFrom = resource.propertyDependencies?.[property]?.length ?? 0;
        return resource.propertyDependencies && computedFrom === 0 ? undefined : UNKNOWN;
    }
    return read(() => reader(resource.props[property]));
}

/** True when a top-level prop is an unknown value (whatever it was computed from). */
export function isUnknownProp(resource: ResourceLike, property: string): boolean {
    return isUnknownSentinel(peek(resource.props, property));
}

/**
 * A top-level prop's raw value, without the unknown-checking proxy's `get` (it traps nothing else):
 * an unknown is the sentinel instead of a thrown error. Preview outputs hold many unknowns, and
 * building an error (with its stack) for each made the pack five times slower on 50,000 resources.
 */
function peek(props: Record<string, unknown>, property: string): unknown {
    return Object.getOwnPropertyDescriptor(props, property)?.value;
}

/** How a violation names a resource: its logical name and type token, never its property values. */
export function describe(resource: { name: string; type: string }): string {
    return `'${resource.name}' (${resource.type})`;
}

const LISTED = 5;

/** A readable list, bounded: a group can hold thousands of accounts. */
export function listed(items: readonly string[]): string {
    const shown = items.slice(0, LISTED).join(", ");
    return items.length > LISTED ? `${shown} and ${items.length - LISTED} more` : shown;
}

/** Resources a property of `resource` was computed from (the engine's property dependencies). */
export function propertyDependenciesOf(resource: PolicyResource, property: string): PolicyResource[] {
    return resource.propertyDependencies[property] ?? [];
}
