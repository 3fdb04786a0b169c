import type { EnforcementLevel } from "@pulumi/policy";
import { policies } from "../../policies/rules";
import { evaluatePolicyPack, PolicyPackConfig, Violation } from "../policy-engine";
import { captureStack, CaptureOptions, PlannedResource, redactSecrets } from "./capture";
import { criticalPath } from "./critical-path";
import { LoadedProject, SECRET_PLACEHOLDER } from "./load-project";
import { SecretScanner } from "./secret-scan";

/**
 * One whole plan, in this process: run the program under the capturing mocks, evaluate the
 * policy pack on what it registered, find the critical path, and return it all with every secret
 * replaced by "[secret]". Nothing secret leaves this function.
 */

export interface PlanRequest {
    project: LoadedProject;
    /** Stack tags as a Pulumi Cloud backend would send them (`--tag`). */
    stackTags?: Record<string, string>;
    /** Pack config in `--policy-pack-config` format. */
    policyConfig?: PolicyPackConfig;
}

/** A rule of the pack as the plan reports it. */
export interface PolicySummary {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    remediationSteps?: string;
}

export interface Plan {
    project: string;
    stack: string;
    /** Registration order; secret inputs are "[secret]". */
    resources: PlannedResource[];
    /** URNs, first created first (see critical-path.ts). */
    criticalPath: string[];
    violations: Violation[];
    policies: PolicySummary[];
    /** Things the plan could not reproduce or found suspicious, one sentence each. */
    warnings: string[];
}

export async function planInProcess(request: PlanRequest, options: CaptureOptions = {}): Promise<Plan> {
    const { project } = request;
    const capture = await captureStack(project, options);
    const evaluation = evaluatePolicyPack(policies, capture.resources, { stackTags: request.stackTags, config: request.policyConfig, stackConfig: project.config });
    // One scanner for the whole plan: building it costs a pass over every issued key.
    const scanner = new SecretScanner(capture.secretValues);
    const scrub = <T>(value: T): T => scrubStrings(value, scanner);
    return {
        project: project.projectName,
        stack: project.stackName,
        resources: capture.resources.map((resource) => ({ ...resource, inputs: scrub(redactSecrets(resource.inputs) as Record<string, unknown>) })),
        criticalPath: criticalPath(capture.resources),
        violations: scrub(evaluation.violations),
        policies: policies.map((policy) => ({
            name: policy.name,
            description: policy.description,
            enforcementLevel: evaluation.config.get(policy.name)?.enforcementLevel ?? "advisory",
            ...(policy.remediationSteps ? { remediationSteps: policy.remediationSteps } : {}),
        })),
        warnings: scrub(capture.warnings),
    };
}

/** Replaces every occurrence of a secret `scanner` knows in any string inside `value` by "[secret]". */
export function scrubStrings<T>(value: T, scanner: SecretScanner): T {
    const visit = (inner: unknown): unknown => {
        if (typeof inner === "string") return scanner.redact(inner, SECRET_PLACEHOLDER);
        if (Array.isArray(inner)) return inner.map(visit);
        if (typeof inner === "object" && inner !== null) return Object.fromEntries(Object.entries(inner).map(([key, field]) => [key, visit(field)]));
        return inner;
    };
    return scanner.empty ? value : (visit(value) as T);
}
