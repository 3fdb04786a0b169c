import type { EnforcementLevel } from "@pulumi/policy";
import { policies } from "../../policies/rules";
import { evaluatePolicyPack, hasMandatoryViolation, PolicyPackConfig, Violation } from "../policy-engine";
import { captureStack, CaptureOptions } from "./capture";
import { criticalPath, CriticalStep } from "./critical-path";
import { LoadedProject } from "./load-project";
import type { PlannedResource } from "./monitor";
import { printable, SecretScanner } from "./secrets";

/**
 * One whole plan, in this process: run the program under the capturing mocks, evaluate the
 * policy pack on what it registered, find the critical path, and return it all in printable form:
 * every secret is "[secret]" and every value unknown before deploy "[known after deploy]"
 * (values.ts). Nothing secret leaves this function.
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
    /** Registration order, inputs printable. */
    resources: PlannedResource[];
    /** The root Stack's outputs, printable. */
    outputs: Record<string, unknown>;
    /** The longest chain of Azure calls, first call first (see critical-path.ts). */
    criticalPath: CriticalStep[];
    violations: Violation[];
    /** A mandatory violation blocks the deployment (exit code 1). */
    blocked: boolean;
    policies: PolicySummary[];
    /** Things the plan could not reproduce or found suspicious, one sentence each. */
    warnings: string[];
}

export async function planInProcess(request: PlanRequest, options: CaptureOptions = {}): Promise<Plan> {
    const { project } = request;
    const capture = await captureStack(project, options);
    const evaluation = evaluatePolicyPack(policies, capture.resources, { stackTags: request.stackTags, config: request.policyConfig, stackConfig: project.config });
    const plan: Plan = {
        project: project.projectName,
        stack: project.stackName,
        resources: capture.resources.map((resource) => ({ ...resource, inputs: printable(resource.inputs) as Record<string, unknown> })),
        outputs: printable(capture.outputs) as Record<string, unknown>,
        criticalPath: criticalPath(capture.resources, capture.calls),
        violations: evaluation.violations,
        blocked: hasMandatoryViolation(evaluation.violations),
        policies: policies.map((policy) => ({
            name: policy.name,
            description: policy.description,
            enforcementLevel: evaluation.config.get(policy.name)?.enforcementLevel ?? "advisory",
            ...(policy.remediationSteps ? { remediationSteps: policy.remediationSteps } : {}),
        })),
        warnings: capture.warnings,
    };
    // A key can sit anywhere a program put it: in a name (so in URNs), a message, an output.
    return new SecretScanner(capture.secretValues).scrub(plan);
}
