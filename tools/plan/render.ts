import { creationDependencies, isCreatedByProvider } from "./critical-path";
import type { Plan } from "./evaluate";
import type { PlannedResource } from "./capture";

/**
 * The three faces of a plan: readable text, one JSON document for machines, and a Mermaid
 * flowchart. All work on an already redacted {@link Plan}; none of them loads Pulumi.
 */

/** The unknown sentinel: a value known only once the resource exists. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Inputs that name the Azure resource itself when `<type>Name` (e.g. `secretName` of a Secret) is absent. */
const NAME_INPUTS = ["lockName", "ruleName", "savedSearchId", "roleAssignmentName", "name"];

/** The JSON document of `plan --json`. */
export interface PlanDocument {
    project: string;
    stack: string;
    resources: { urn: string; type: string; name: string; parent: string | null; inputs: Record<string, unknown>; dependencies: string[]; protect: boolean }[];
    criticalPath: string[];
    violations: { policy: string; enforcementLevel: string; message: string; urn: string | null }[];
}

export function toDocument(plan: Plan): PlanDocument {
    return {
        project: plan.project,
        stack: plan.stack,
        resources: plan.resources.map((resource) => ({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            parent: resource.parent ?? null,
            inputs: resource.inputs,
            dependencies: resource.dependencies,
            protect: resource.protect,
        })),
        criticalPath: plan.criticalPath,
        violations: plan.violations.map((violation) => ({
            policy: violation.policy,
            enforcementLevel: violation.enforcementLevel,
            message: violation.message,
            urn: violation.urn ?? null,
        })),
    };
}

export function renderJson(plan: Plan): string {
    return `${JSON.stringify(toDocument(plan), null, 2)}\n`;
}

/** True when a mandatory violation blocks the deployment. */
export function isBlocked(plan: Plan): boolean {
    return plan.violations.some((violation) => violation.enforcementLevel === "mandatory");
}

export function renderText(plan: Plan): string {
    const created = plan.resources.filter(isCreatedByProvider).length;
    const lines = [`Plan of ${plan.project} (stack ${plan.stack}): ${plan.resources.length} resources, ${created} created in Azure`, "", "Resources"];
    lines.push(...resourceTree(plan.resources).map((line) => `  ${line}`));

    const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));
    lines.push("", `Critical path: ${plan.criticalPath.length} resource${plan.criticalPath.length === 1 ? "" : "s"} created one after another`);
    plan.criticalPath.forEach((urn, index) => {
        const resource = byUrn.get(urn);
        lines.push(`  ${index + 1}. ${resource ? `${resource.type}  ${resource.name}` : urn}`);
    });
    lines.push("  (each waits for the one before: a dependency, a property dependency or a custom-resource parent; components cost nothing)");

    lines.push("", ...policySection(plan, byUrn));
    if (plan.warnings.length > 0) lines.push("", "Warnings", ...plan.warnings.map((warning) => `  ! ${warning}`));
    const mandatory = plan.violations.filter((violation) => violation.enforcementLevel === "mandatory").length;
    lines.push(
        "",
        mandatory > 0
            ? `Verdict: BLOCKED, ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"} (exit code 1)`
            : "Verdict: OK to deploy, no mandatory violation (exit code 0)",
    );
    return `${lines.join("\n")}\n`;
}

/** `type  name  (settings)` for each resource, indented under its parent. */
function resourceTree(resources: readonly PlannedResource[]): string[] {
    const known = new Set(resources.map((resource) => resource.urn));
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const resource of resources) {
        const parent = resource.parent && known.has(resource.parent) ? resource.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }
    const lines: string[] = [];
    const walk = (resource: PlannedResource, prefix: string, connector: string, childPrefix: string): void => {
        const settings = keySettings(resource);
        lines.push(`${prefix}${connector}${resource.type}  ${resource.name}${settings ? `  (${settings})` : ""}`);
        const kids = children.get(resource.urn) ?? [];
        kids.forEach((child, index) => {
            const last = index === kids.length - 1;
            walk(child, prefix + childPrefix, last ? "└─ " : "├─ ", last ? "   " : "│  ");
        });
    };
    for (const root of children.get(undefined) ?? []) walk(root, "", "", "");
    return lines;
}

/**
 * The settings worth seeing at a glance: kind, SKU, location, the Azure name, lock level, a secret's
 * content type (which key is active), an alert's criterion, purge protection, soft-delete restore, protect.
 */
export function keySettings(resource: PlannedResource): string {
    const inputs = resource.inputs;
    const properties = isRecord(inputs.properties) ? inputs.properties : {};
    const settings: string[] = [];
    const add = (label: string, value: unknown) => {
        if (value !== undefined && value !== null && value !== "") settings.push(`${label} ${display(value)}`);
    };
    add("kind", inputs.kind);
    add("sku", skuOf(inputs.sku) ?? inputs.skuName ?? skuOf(properties.sku));
    add("location", inputs.location);
    const typeName = resource.type.split(":").pop() ?? "";
    const ownName = `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}Name`;
    const nameInput = [ownName, ...NAME_INPUTS].find((key) => inputs[key] !== undefined);
    if (nameInput) add("name", inputs[nameInput]);
    if (properties.customSubDomainName !== undefined && properties.customSubDomainName !== inputs.accountName) {
        add("subdomain", properties.customSubDomainName);
    }
    add("level", inputs.level);
    add("content", properties.contentType);
    const criterion = isRecord(inputs.criteria) && Array.isArray(inputs.criteria.allOf) ? inputs.criteria.allOf[0] : undefined;
    if (isRecord(criterion)) settings.push(`alert ${display(criterion.metricName)} > ${display(criterion.threshold)} over ${display(inputs.windowSize)}`);
    if (properties.enablePurgeProtection === true) settings.push("purge protection");
    if (properties.restore === true || properties.createMode === "recover") settings.push("restores soft-deleted");
    if (resource.protect) settings.push("protected");
    return settings.join(", ");
}

function skuOf(sku: unknown): unknown {
    if (typeof sku === "string") return sku;
    return isRecord(sku) ? sku.name : undefined;
}

function display(value: unknown): string {
    if (value === UNKNOWN) return "(known after deploy)";
    return typeof value === "string" ? value : JSON.stringify(value);
}

function policySection(plan: Plan, byUrn: ReadonlyMap<string, PlannedResource>): string[] {
    const enabled = plan.policies.filter((policy) => policy.enforcementLevel !== "disabled");
    if (plan.violations.length === 0) return [`Policies: all ${enabled.length} enabled rules pass`];
    const remediation = new Map(plan.policies.map((policy) => [policy.name, policy.remediationSteps]));
    const lines = [`Policies: ${plan.violations.length} violation${plan.violations.length === 1 ? "" : "s"} of ${enabled.length} enabled rules`];
    for (const level of ["mandatory", "remediate", "advisory"]) {
        const atLevel = plan.violations.filter((violation) => violation.enforcementLevel === level);
        if (atLevel.length === 0) continue;
        lines.push(`  ${level} (${atLevel.length})`);
        for (const violation of atLevel) {
            const resource = violation.urn ? byUrn.get(violation.urn) : undefined;
            const target = resource ? `${resource.name} (${resource.type})` : violation.urn ?? "the stack";
            lines.push(`    ✗ ${violation.policy}  on ${target}`);
            lines.push(...violation.message.split("\n").map((line) => `      ${line}`));
            const fix = remediation.get(violation.policy);
            if (fix) lines.push(`      fix: ${fix}`);
        }
    }
    return lines;
}

/**
 * A Mermaid flowchart: components as subgraphs, created resources as nodes, an arrow from each
 * resource to the ones that wait for it (transitive reduction of the creation graph, so only the
 * waits that matter are drawn), critical path in red.
 */
export function renderMermaid(plan: Plan): string {
    const ids = new Map(plan.resources.map((resource, index) => [resource.urn, `r${index}`]));
    const onPath = new Set(plan.criticalPath);
    const children = new Map<string, PlannedResource[]>();
    for (const resource of plan.resources) {
        if (resource.parent) children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
    }
    const lines = ["flowchart TD", "    classDef critical stroke:#d62728,stroke-width:3px"];
    const emit = (resource: PlannedResource, indent: string): void => {
        const id = ids.get(resource.urn) as string;
        const kids = children.get(resource.urn) ?? [];
        if (isCreatedByProvider(resource)) {
            lines.push(`${indent}${id}["${label(resource.name)}<br/><small>${label(shortType(resource.type))}</small>"]`);
        } else if (resource.type !== "pulumi:pulumi:Stack") {
            lines.push(`${indent}subgraph ${id}["${label(resource.name)} (${label(shortType(resource.type))})"]`);
            kids.forEach((child) => emit(child, `${indent}    `));
            lines.push(`${indent}end`);
            return;
        }
        kids.forEach((child) => emit(child, indent));
    };
    const known = new Set(plan.resources.map((resource) => resource.urn));
    plan.resources.filter((resource) => !resource.parent || !known.has(resource.parent)).forEach((root) => emit(root, "    "));

    const edges = transitiveReduction(creationDependencies(plan.resources));
    const criticalEdges: number[] = [];
    edges.forEach(([from, to], index) => {
        lines.push(`    ${ids.get(from)} --> ${ids.get(to)}`);
        const position = plan.criticalPath.indexOf(to);
        if (position > 0 && plan.criticalPath[position - 1] === from) criticalEdges.push(index);
    });
    if (onPath.size > 0) lines.push(`    class ${plan.criticalPath.map((urn) => ids.get(urn)).join(",")} critical`);
    if (criticalEdges.length > 0) lines.push(`    linkStyle ${criticalEdges.join(",")} stroke:#d62728,stroke-width:3px`);
    return `${lines.join("\n")}\n`;
}

/** Edges [dependency, dependent] minus those implied by a longer chain. */
function transitiveReduction(waitsFor: ReadonlyMap<string, string[]>): [string, string][] {
    const reaches = (from: string, to: string, skipDirect: boolean): boolean => {
        const stack = (waitsFor.get(to) ?? []).filter((dependency) => !(skipDirect && dependency === from));
        const seen = new Set<string>();
        while (stack.length > 0) {
            const current = stack.pop() as string;
            if (current === from) return true;
            if (seen.has(current)) continue;
            seen.add(current);
            stack.push(...(waitsFor.get(current) ?? []));
        }
        return false;
    };
    const edges: [string, string][] = [];
    for (const [dependent, dependencies] of waitsFor) {
        for (const dependency of dependencies) {
            if (!reaches(dependency, dependent, true)) edges.push([dependency, dependent]);
        }
    }
    return edges;
}

/** `azure-native:cognitiveservices:Account` -> `cognitiveservices:Account`; `pkg:index:Thing` -> `Thing`. */
function shortType(type: string): string {
    const [, module, name] = type.split(":");
    if (name === undefined) return type;
    return module === "index" ? name : `${module}:${name}`;
}

/** Mermaid label text: quotes and angle brackets as entity codes. */
function label(text: string): string {
    return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
