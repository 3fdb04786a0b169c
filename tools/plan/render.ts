import { creationDependencies, isCreatedByProvider } from "./critical-path";
import type { Plan } from "./evaluate";
import type { PlannedResource } from "./monitor";
import { isRecord } from "./values";

/**
 * The three faces of a plan: readable text, one JSON document for machines, and a Mermaid
 * flowchart. All work on an already printable {@link Plan} (secrets and unknown values replaced
 * by their placeholders in the worker); none of them loads Pulumi.
 */

/** Inputs that name the Azure resource itself when `<type>Name` (e.g. `secretName` of a Secret) is absent. */
const NAME_INPUTS = ["lockName", "ruleName", "savedSearchId", "roleAssignmentName", "name"];

/** The JSON document of `plan --json`. */
export interface PlanDocument {
    project: string;
    stack: string;
    resources: { urn: string; type: string; name: string; parent: string | null; inputs: Record<string, unknown>; dependencies: string[]; protect: boolean }[];
    /** URNs of the resources on the critical path, first created first. */
    criticalPath: string[];
    violations: { policy: string; enforcementLevel: string; message: string; urn: string | null }[];
    /** Every step of the critical path, invokes included. */
    criticalPathCalls: { round: number; kind: string; type: string; name: string; urn: string | null }[];
    outputs: Record<string, unknown>;
    warnings: string[];
    blocked: boolean;
}

export function renderJson(plan: Plan): string {
    const document: PlanDocument = {
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
        criticalPath: criticalPathUrns(plan),
        violations: plan.violations.map((violation) => ({
            policy: violation.policy,
            enforcementLevel: violation.enforcementLevel,
            message: violation.message,
            urn: violation.urn ?? null,
        })),
        criticalPathCalls: plan.criticalPath.map((step) => ({ round: step.round, kind: step.kind, type: step.type, name: step.name, urn: step.urn ?? null })),
        outputs: plan.outputs,
        warnings: plan.warnings,
        blocked: plan.blocked,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
}

export function renderText(plan: Plan): string {
    const created = plan.resources.filter(isCreatedByProvider).length;
    const lines = [`Plan of ${plan.project} (stack ${plan.stack}): ${plan.resources.length} resources, ${created} created in Azure`, "", "Resources"];
    lines.push(...resourceTree(plan.resources).map((line) => `  ${line}`));

    const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));
    const steps = plan.criticalPath.length;
    lines.push("", `Critical path: ${steps} Azure call${steps === 1 ? "" : "s"} one after another`);
    plan.criticalPath.forEach((step, index) => {
        const what = step.kind === "invoke" ? `invoke ${step.type}${step.name ? `  (reads ${step.name})` : ""}` : `${step.kind} ${step.type}  ${step.name}`;
        lines.push(`  ${index + 1}. ${what}`);
    });
    lines.push("  (each waits for the one before; every call to Azure, invokes included, is one step; components and providers cost nothing)");

    const outputs = Object.entries(plan.outputs);
    if (outputs.length > 0) lines.push("", "Outputs", ...outputs.map(([name, value]) => `  ${name}  ${display(value)}`));
    lines.push("", ...policySection(plan, byUrn));
    if (plan.warnings.length > 0) lines.push("", "Warnings", ...plan.warnings.map((warning) => `  ! ${warning}`));
    const mandatory = plan.violations.filter((violation) => violation.enforcementLevel === "mandatory").length;
    lines.push(
        "",
        plan.blocked
            ? `Verdict: BLOCKED, ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"} (exit code 1)`
            : "Verdict: OK to deploy, no mandatory violation (exit code 0)",
    );
    return `${lines.join("\n")}\n`;
}

function criticalPathUrns(plan: Plan): string[] {
    return plan.criticalPath.flatMap((step) => (step.urn ? [step.urn] : []));
}

/** `parent` -> children in registration order; resources whose parent is not in the plan are roots (key `undefined`). */
function childrenByParent(resources: readonly PlannedResource[]): Map<string | undefined, PlannedResource[]> {
    const known = new Set(resources.map((resource) => resource.urn));
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const resource of resources) {
        const parent = resource.parent && known.has(resource.parent) ? resource.parent : undefined;
        const siblings = children.get(parent);
        if (siblings) siblings.push(resource);
        else children.set(parent, [resource]);
    }
    return children;
}

/** `type  name  (settings)` for each resource, indented under its parent. */
function resourceTree(resources: readonly PlannedResource[]): string[] {
    const children = childrenByParent(resources);
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
function keySettings(resource: PlannedResource): string {
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
    const pathUrns = criticalPathUrns(plan);
    const children = childrenByParent(plan.resources);
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
    (children.get(undefined) ?? []).forEach((root) => emit(root, "    "));

    const edges = transitiveReduction(creationDependencies(plan.resources));
    const criticalEdges: number[] = [];
    edges.forEach(([from, to], index) => {
        lines.push(`    ${ids.get(from)} --> ${ids.get(to)}`);
        const position = pathUrns.indexOf(to);
        if (position > 0 && pathUrns[position - 1] === from) criticalEdges.push(index);
    });
    if (pathUrns.length > 0) lines.push(`    class ${pathUrns.map((urn) => ids.get(urn)).join(",")} critical`);
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
