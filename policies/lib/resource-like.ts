import type { PolicyResource } from "@pulumi/policy";

/** A resource as the pack sees it, alike for resource policies (their args) and stack policies. */
export interface ResourceLike {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    /** The provider the engine reports with it (explicit or default); absent for components. */
    provider?: { type: string; name: string; props: Record<string, unknown> };
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
