import type { EnforcementLevel, Severity } from "@pulumi/policy";

/** One registered resource, as the engine's analyzer sees it. */
export interface StackResource {
    urn: string;
    type: string;
    name: string;
    /** Parent URN. */
    parent?: string;
    /** Unknown values are the unknown sentinel. */
    inputs: Record<string, unknown>;
    /**
     * Its outputs when the stack already holds it unchanged (a later preview hands stack policies the
     * recorded, known outputs). Absent: the preview creates it, and stack policies see the outputs its
     * provider's `Create(preview)` returns (modelled in provider-preview.ts).
     */
    outputs?: Record<string, unknown>;
    /** URNs. */
    dependencies: string[];
    /** Property -> URNs. */
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    /** Provider reference, `<provider urn>::<provider id>`, when the program chose one. */
    provider?: string;
    /**
     * A custom resource (one a provider creates). The engine gives every custom resource a provider,
     * its default one when the program chose none; the analyzer receives that provider, never this
     * flag. Only custom resources get a provider and modelled preview outputs here.
     */
    custom?: boolean;
}

/**
 * The pack config file format (`pulumi preview --policy-pack-config FILE`):
 * `{ "all": "advisory" | {enforcementLevel}, "<rule>": "disabled" | { "enforcementLevel": ..., ...props } }`
 */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface EvaluationOptions {
    /** Only Pulumi Cloud backends send them. */
    stackTags?: Record<string, string>;
    /**
     * The stack's config, `<package>:<key>` -> value (e.g. `azure-native:location`): the engine's
     * default provider for a package takes that package's keys as its inputs. Defaults to none.
     */
    stackConfig?: Readonly<Record<string, unknown>>;
    config?: PolicyPackConfig;
    /** The pack-wide level (`new PolicyPack(name, { enforcementLevel })`). Defaults to "advisory", as in @pulumi/policy. */
    packEnforcementLevel?: EnforcementLevel;
}

export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    urn?: string;
    severity?: Severity;
}

/** A policy that declared itself not applicable (`args.notApplicable(reason)`). */
export interface NotApplicable {
    policy: string;
    reason?: string;
    urn?: string;
}

export interface ReconciledPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export interface EvaluationResult {
    violations: Violation[];
    notApplicable: NotApplicable[];
    /** Each policy's reconciled config, as the CLI sends it to the analyzer. */
    config: Map<string, ReconciledPolicyConfig>;
}
