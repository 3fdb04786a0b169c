/**
 * The policy engine, offline: evaluates a CrossGuard pack over registered resources the way
 * `pulumi preview --policy-pack` does, so tests and the plan see what the CLI would show.
 *
 * Two halves are emulated: the Pulumi CLI, which reconciles and validates the pack config
 * (config.ts, config-schema.ts), and @pulumi/policy 1.21's analyzer server, which runs the policies
 * (analyzer.ts over resource-view.ts). What the engine hands the analyzer in a first preview of a new
 * stack (checked inputs for resource policies, preview outputs for stack policies) is modelled per
 * provider in provider-preview.ts. The proxy, the error class and the policy-kind guards are
 * @pulumi/policy's own (policy-runtime.ts).
 */
import type { Policies } from "@pulumi/policy";
import packManifest from "../../policies/package.json";
import { analyze } from "./analyzer";
import { reconcilePolicyConfig } from "./config";
import type { EvaluationOptions, EvaluationResult, StackResource, Violation } from "./types";

export { PolicyConfigError, reconcilePolicyConfig } from "./config";
export { unknownCheckingProxy, UnknownValueError } from "./policy-runtime";
export type { EvaluationOptions, EvaluationResult, NotApplicable, PolicyPackConfig, ReconciledPolicyConfig, StackResource, Violation } from "./types";

/** How the "can't run" diagnostics name the pack: its name and version from `policies/package.json`. */
const PACK_LABEL = `'${packManifest.name}@v${packManifest.version}'`;

/**
 * Runs the pack: every enabled resource policy over each resource (in registration order), then every
 * enabled stack policy over the whole stack, and returns violations, not-applicable notes and the config.
 * Throws a {@link PolicyConfigError} where the CLI refuses the config.
 */
export function evaluatePolicyPack(policies: Policies, resources: StackResource[], options: EvaluationOptions = {}): EvaluationResult {
    const config = reconcilePolicyConfig(policies, options.config, options.packEnforcementLevel);
    const { violations, notApplicable } = analyze(policies, resources, { packLabel: PACK_LABEL, config, stackTags: options.stackTags, stackConfig: options.stackConfig });
    return { violations, notApplicable, config };
}

/** The violations `pulumi preview --policy-pack` would report for these resources. */
export function evaluatePolicies(policies: Policies, resources: StackResource[], options: EvaluationOptions = {}): Violation[] {
    return evaluatePolicyPack(policies, resources, options).violations;
}

/** The one "is this blocked" check: a mandatory violation fails the CLI's preview or update. */
export function hasMandatoryViolation(violations: readonly Violation[]): boolean {
    return violations.some((violation) => violation.enforcementLevel === "mandatory");
}
