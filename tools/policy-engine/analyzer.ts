/**
 * The analyzer half of a policy run, as @pulumi/policy 1.21's server does it: each enabled resource
 * policy once per resource (over its checked inputs), each stack policy once over all resources
 * (over their outputs: provider-preview.ts). An `UnknownValueError` escaping a policy becomes one
 * advisory "can't run ... during preview" diagnostic; `notApplicable` is recorded; any other error
 * aborts the run, as it fails a preview.
 */
import type {
    EnforcementLevel,
    Policies,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { policyKinds, UnknownValueError } from "./policy-runtime";
import { checkedInputs, previewCreateOutputs, ProviderOf, providerOf, StackResourceGroups } from "./provider-preview";
import { deserialize, freezeTags, isTypeOf, linkStackResources, policyProvider, proxiedProps, resourceOptions } from "./resource-view";
import type { NotApplicable, ReconciledPolicyConfig, StackResource, Violation } from "./types";

class NotApplicableSignal extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}
const throwNotApplicable = (reason?: string): never => {
    throw new NotApplicableSignal(reason);
};

/** The server passes any returned promise to `Promise.resolve`; this engine is synchronous and says so. */
function ensureSynchronous(result: unknown, policyName: string): void {
    if (result !== undefined && typeof (result as { then?: unknown } | null)?.then === "function") {
        throw new Error(`policy '${policyName}' returned a promise; evaluatePolicies runs policies synchronously`);
    }
}

type Report = (message: string | { message?: string; urn?: string }, urn?: string) => void;

function makeReporter(policy: { name: string; description: string; severity?: Severity }, level: EnforcementLevel, out: Violation[], defaultUrn?: string): Report {
    return (message, urn) => {
        // Like the server: a string is appended to the description; an object may carry its own message.
        const text = typeof message === "string"
            ? (message ? `${policy.description}\n${message}` : policy.description)
            : message.message ?? policy.description;
        const violationUrn = (typeof message === "string" ? urn : message.urn) ?? defaultUrn;
        const violation: Violation = { policy: policy.name, enforcementLevel: level, message: text };
        if (violationUrn) violation.urn = violationUrn;
        if (policy.severity) violation.severity = policy.severity;
        out.push(violation);
    };
}

/** One evaluation of the pack: the stack as the analyzer sees it, and what the policies report. */
interface RunContext {
    packLabel: string;
    resources: readonly StackResource[];
    /** `options[i]`, `providers[i]` and `checked[i]` are the options, provider and checked inputs of `resources[i]`. */
    options: readonly PolicyResourceOptions[];
    providers: readonly (ProviderOf | undefined)[];
    checked: readonly Record<string, unknown>[];
    stackTags: ReadonlyMap<string, string>;
    /** The linked graph stack policies receive, built by the first one that runs. */
    stackView?: PolicyResource[];
    violations: Violation[];
    notApplicable: NotApplicable[];
}

function handlePolicyError(error: unknown, policy: ResourceValidationPolicy | StackValidationPolicy, context: RunContext, urn?: string): void {
    const policyFrom = `policy '${policy.name}' from policy pack ${context.packLabel}`;
    if (error instanceof UnknownValueError) {
        const violation: Violation = {
            policy: policy.name,
            enforcementLevel: "advisory",
            message: `can't run ${policyFrom} during preview: ${error.message}`,
        };
        if (urn) violation.urn = urn;
        if (policy.severity) violation.severity = policy.severity;
        context.violations.push(violation);
    } else if (error instanceof NotApplicableSignal) {
        context.notApplicable.push({ policy: policy.name, reason: error.reason, ...(urn ? { urn } : {}) });
    } else {
        const detail = error instanceof Error ? error.message : String(error);
        throw new Error(`Error validating resource with ${policyFrom}: ${detail}`, { cause: error });
    }
}

function effectiveLevel(level: EnforcementLevel): EnforcementLevel {
    // A violation still reported after remediation is downgraded to mandatory; stack policies cannot remediate.
    return level === "remediate" ? "mandatory" : level;
}

function runResourcePolicy(policy: ResourceValidationPolicy, level: EnforcementLevel, getConfig: () => Record<string, unknown>, context: RunContext): void {
    const { resources, stackTags } = context;
    if (!policy.validateResource) {
        for (const resource of resources) {
            context.notApplicable.push({ policy: policy.name, reason: "Policy does not implement validateResource", urn: resource.urn });
        }
        return;
    }
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    const singleType = validations.length === 1 && !Array.isArray(policy.validateResource)
        ? policyKinds.getPulumiType(policy.validateResource)
        : undefined;
    resources.forEach((resource, index) => {
        if (singleType && resource.type !== singleType) {
            context.notApplicable.push({ policy: policy.name, reason: `Policy only applies to resources of type '${singleType}'`, urn: resource.urn });
            return;
        }
        const report = makeReporter(policy, level, context.violations, resource.urn);
        for (const validation of validations) {
            try {
                const props = proxiedProps(context.checked[index]);
                const args: ResourceValidationArgs = {
                    type: resource.type,
                    props,
                    urn: resource.urn,
                    name: resource.name,
                    opts: context.options[index],
                    stackTags,
                    isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
                    asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
                    getConfig: (<T extends object>() => getConfig() as T),
                    notApplicable: throwNotApplicable,
                };
                const provider = policyProvider(context.providers[index]);
                if (provider) args.provider = provider;
                ensureSynchronous(validation(args, report), policy.name);
            } catch (error) {
                handlePolicyError(error, policy, context, resource.urn);
            }
        }
    });
}

function runStackPolicy(policy: StackValidationPolicy, level: EnforcementLevel, getConfig: () => Record<string, unknown>, context: RunContext): void {
    const { resources, stackTags } = context;
    const singleType = policyKinds.getPulumiType(policy.validateStack);
    if (singleType && !resources.some((resource) => resource.type === singleType)) {
        context.notApplicable.push({ policy: policy.name, reason: `Policy only applies to resources of type '${singleType}'` });
        return;
    }
    const report = makeReporter(policy, level, context.violations);
    try {
        const args: StackValidationArgs = {
            // The server deserializes a copy per stack policy; here they share one, so a stack of
            // 50,000 resources is linked once, not five times. Only a policy that mutated the
            // resources it is given (outside the contract; no rule here does) could tell.
            resources: (context.stackView ??= linkStackResources(context.resources, stackPropsOf(context), context.providers, context.options)),
            stackTags,
            getConfig: (<T extends object>() => getConfig() as T),
            notApplicable: throwNotApplicable,
        };
        ensureSynchronous(policy.validateStack(args, report), policy.name);
    } catch (error) {
        handlePolicyError(error, policy, context);
    }
}

/** What each resource shows stack policies, deserialized: its outputs when given, else its create-preview outputs. */
function stackPropsOf(context: RunContext): Record<string, unknown>[] {
    return context.resources.map((resource, index) =>
        resource.outputs ? (deserialize(resource.outputs) as Record<string, unknown>) : previewCreateOutputs(resource, context.checked[index], context.providers[index]),
    );
}

/** What one analyzer run needs besides the policies and resources. */
export interface AnalyzerRun {
    /** `'name@vversion'`, as the "can't run" diagnostics name the pack. */
    packLabel: string;
    config: ReadonlyMap<string, ReconciledPolicyConfig>;
    stackTags?: Record<string, string>;
    /** The stack's config (`<package>:<key>` -> value): default providers' inputs. */
    stackConfig?: Readonly<Record<string, unknown>>;
}

/**
 * Runs every enabled resource policy over each resource (in registration order), then every enabled
 * stack policy over the whole stack, and returns the violations and not-applicable notes.
 */
export function analyze(policies: Policies, resources: readonly StackResource[], run: AnalyzerRun): { violations: Violation[]; notApplicable: NotApplicable[] } {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const providers = resources.map((resource) => providerOf(resource, byUrn, run.stackConfig ?? {}));
    const groups = new StackResourceGroups(resources);
    const context: RunContext = {
        packLabel: run.packLabel,
        resources,
        options: resources.map(resourceOptions),
        providers,
        checked: resources.map((resource, index) => checkedInputs(resource, providers[index], groups)),
        stackTags: freezeTags(run.stackTags),
        violations: [],
        notApplicable: [],
    };
    const configFor = (name: string) => (): Record<string, unknown> => ({ ...(run.config.get(name)?.properties ?? {}) });
    const levelOf = (name: string): EnforcementLevel => run.config.get(name)?.enforcementLevel ?? "disabled";

    for (const policy of policies) {
        const level = levelOf(policy.name);
        if (level === "disabled" || !policyKinds.isResourcePolicy(policy)) continue;
        runResourcePolicy(policy as ResourceValidationPolicy, effectiveLevel(level), configFor(policy.name), context);
    }
    // The engine analyzes each resource as it registers: order violations by resource, then by policy.
    const resourceOrder = new Map(resources.map((resource, index) => [resource.urn, index]));
    context.violations.sort((a, b) => (resourceOrder.get(a.urn ?? "") ?? 0) - (resourceOrder.get(b.urn ?? "") ?? 0));

    for (const policy of policies) {
        const level = levelOf(policy.name);
        if (level === "disabled" || !policyKinds.isStackPolicy(policy)) continue;
        runStackPolicy(policy as StackValidationPolicy, effectiveLevel(level), configFor(policy.name), context);
    }
    return { violations: context.violations, notApplicable: context.notApplicable };
}
