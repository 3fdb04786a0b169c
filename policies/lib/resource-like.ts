import type { PolicyResource } from "@pulumi/policy";
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
    const value = read(() => reader(resource.props[property]));
    if (value !== UNKNOWN || !resource.propertyDependencies) return value;
    const computedFrom = resource.propertyDependencies[property]?.length ?? 0;
    return computedFrom === 0 && read(() => resource.props[property]) === UNKNOWN ? undefined : UNKNOWN;
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
