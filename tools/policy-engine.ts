/**
 * The policy engine, offline: evaluates a CrossGuard pack over registered resources the way
 * `pulumi preview --policy-pack` does, so tests and `tools/plan.ts` see what the CLI would show.
 *
 * Two halves are emulated:
 * - the Pulumi CLI, which reconciles the pack config (schema defaults, then `all`, then per-policy
 *   entries), validates it against each policy's `configSchema`, and sends it with the stack tags;
 * - @pulumi/policy 1.21's analyzer server, which runs each enabled resource policy once per resource
 *   and each stack policy once over all resources, wrapping props in its own `unknownCheckingProxy`.
 *   An `UnknownValueError` escaping a policy becomes one advisory "can't run ... during preview"
 *   diagnostic; `notApplicable` is recorded; any other error aborts the run, as it fails a preview.
 *
 * The proxy, the error class and the policy-kind guards are @pulumi/policy's own, loaded at runtime.
 */
import type {
    EnforcementLevel,
    Policies,
    PolicyConfigSchema,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

/** One registered resource, as the engine's analyzer sees it. */
export interface StackResource {
    urn: string;
    type: string;
    name: string;
    /** Parent URN. */
    parent?: string;
    /** Unknown values are the unknown sentinel. */
    inputs: Record<string, unknown>;
    /** URNs. */
    dependencies: string[];
    /** Property -> URNs. */
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
    /** Provider reference, `<provider urn>::<provider id>`. */
    provider?: string;
}

/**
 * The pack config file format (`pulumi preview --policy-pack-config FILE`):
 * `{ "all": "advisory" | {enforcementLevel}, "<rule>": "disabled" | { "enforcementLevel": ..., ...props } }`
 */
export type PolicyPackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface EvaluationOptions {
    projectName: string;
    stackName: string;
    /** Only Pulumi Cloud backends send them. */
    stackTags?: Record<string, string>;
    config?: PolicyPackConfig;
    /** Informational: what preview changes is already in the inputs (unknown sentinels), which the proxy enforces. */
    preview?: boolean;
    /** The pack-wide level (`new PolicyPack(name, { enforcementLevel })`). Defaults to "advisory", as in @pulumi/policy. */
    packEnforcementLevel?: EnforcementLevel;
    /** Name and version shown in "can't run" diagnostics. Default `custom-vision-guard@v0.1.0`. */
    packName?: string;
    packVersion?: string;
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

export interface EvaluationResult {
    violations: Violation[];
    notApplicable: NotApplicable[];
    /** Each policy's reconciled config, as the CLI sends it to the analyzer. */
    config: Map<string, ReconciledPolicyConfig>;
}

export interface ReconciledPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

// -------------------------------------------------------------------------------------------------
// @pulumi/policy internals: exported at runtime but marked @internal, so their typings are stripped.
// -------------------------------------------------------------------------------------------------

interface PolicyRuntime {
    unknownCheckingProxy<T extends object>(value: T): T;
    UnknownValueError: new (...args: never[]) => Error;
}
interface PolicyKindGuards {
    isResourcePolicy(policy: unknown): boolean;
    isStackPolicy(policy: unknown): boolean;
    getPulumiType(value: unknown): string | undefined;
}
const policyRuntime = require("@pulumi/policy") as PolicyRuntime;
const policyKinds = require("@pulumi/policy/policy") as PolicyKindGuards;

/** @pulumi/policy's proxy: touching an unknown value throws its `UnknownValueError`. */
export const unknownCheckingProxy = policyRuntime.unknownCheckingProxy;
/** @pulumi/policy's error class for unknown values, the one its server and this engine catch. */
export const UnknownValueError = policyRuntime.UnknownValueError;

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const DEFAULT_PACK_LEVEL: EnforcementLevel = "advisory";

class NotApplicableSignal extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}
const throwNotApplicable = (reason?: string): never => {
    throw new NotApplicableSignal(reason);
};

// -------------------------------------------------------------------------------------------------
// The CLI half: config reconciliation and validation.
// -------------------------------------------------------------------------------------------------

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

interface ParsedEntry {
    enforcementLevel?: EnforcementLevel;
    properties: Record<string, unknown>;
}

function parseConfigEntry(policyName: string, value: unknown): ParsedEntry {
    if (typeof value === "string") {
        if (!isEnforcementLevel(value)) {
            throw new Error(`parsing enforcement level for "${policyName}": "${value}" is not a valid enforcement level`);
        }
        return { enforcementLevel: value, properties: {} };
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const { enforcementLevel, ...properties } = value as Record<string, unknown>;
        if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
            throw new Error(`parsing enforcement level for "${policyName}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
        }
        return { enforcementLevel, properties };
    }
    throw new Error(`parsing "${policyName}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
}

function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    const defaults: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema?.properties ?? {})) {
        if (property.default !== undefined) {
            defaults[key] = structuredClone(property.default);
        }
    }
    return defaults;
}

/**
 * The config each policy receives: schema defaults, the policy's (or pack's) level, then the `all`
 * level over every policy, then each named entry (level replaced, properties merged key by key).
 * Throws, as the CLI does, when an entry is malformed or the result breaks a policy's schema.
 */
export function reconcilePolicyConfig(
    policies: Policies,
    config: PolicyPackConfig | undefined,
    packEnforcementLevel: EnforcementLevel = DEFAULT_PACK_LEVEL,
): Map<string, ReconciledPolicyConfig> {
    const result = new Map<string, ReconciledPolicyConfig>();
    for (const policy of policies) {
        result.set(policy.name, {
            enforcementLevel: policy.enforcementLevel ?? packEnforcementLevel,
            properties: schemaDefaults(policy.configSchema),
        });
    }
    const entries = Object.entries(config ?? {}).map(([name, value]) => [name, parseConfigEntry(name, value)] as const);
    const all = entries.find(([name]) => name === "all")?.[1];
    if (all?.enforcementLevel) {
        for (const reconciled of result.values()) {
            reconciled.enforcementLevel = all.enforcementLevel;
        }
    }
    for (const [name, entry] of entries) {
        const reconciled = result.get(name);
        if (!reconciled) {
            continue; // The CLI keeps config for names the pack lacks ("all" included); no policy reads it.
        }
        if (entry.enforcementLevel) {
            reconciled.enforcementLevel = entry.enforcementLevel;
        }
        Object.assign(reconciled.properties, entry.properties);
    }
    const errors: string[] = [];
    for (const policy of policies) {
        if (policy.configSchema) {
            const properties = result.get(policy.name)?.properties ?? {};
            for (const error of validateConfig(policy.configSchema, properties)) {
                errors.push(`${policy.name}: ${error}`);
            }
        }
    }
    if (errors.length > 0) {
        throw new Error(`policy pack configuration is invalid:\n  ${errors.join("\n  ")}`);
    }
    return result;
}

function typeOfJson(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

function matchesType(value: unknown, wanted: string): boolean {
    const actual = typeOfJson(value);
    return actual === wanted || (wanted === "number" && actual === "integer");
}

/** The JSON-schema keywords pack schemas use in practice (the CLI runs a full validator). */
function validateValue(schema: PolicyConfigJSONSchema, value: unknown, path: string): string[] {
    const errors: string[] = [];
    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        if (!types.some((type) => matchesType(value, type))) {
            return [`${path}: Invalid type. Expected: ${types.join(", ")}, given: ${typeOfJson(value)}`];
        }
    }
    if (schema.enum && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
        errors.push(`${path} must be one of the following: ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(", ")}`);
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: String length must be greater than or equal to ${schema.minLength}`);
        if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: Does not match pattern '${schema.pattern}'`);
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: Must be greater than or equal to ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: Must be less than or equal to ${schema.maximum}`);
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: Array must have at least ${schema.minItems} items`);
        if (schema.items !== undefined && !Array.isArray(schema.items) && typeof schema.items === "object") {
            const itemSchema = schema.items;
            value.forEach((item, index) => errors.push(...validateValue(itemSchema, item, `${path}.${index}`)));
        }
    }
    return errors;
}

function validateConfig(schema: PolicyConfigSchema, properties: Record<string, unknown>): string[] {
    const errors: string[] = [];
    for (const required of schema.required ?? []) {
        if (!(required in properties)) errors.push(`${required} is required`);
    }
    for (const [key, propertySchema] of Object.entries(schema.properties)) {
        if (key in properties) errors.push(...validateValue(propertySchema, properties[key], key));
    }
    return errors;
}

// -------------------------------------------------------------------------------------------------
// The analyzer half: what @pulumi/policy's server builds for each policy call.
// -------------------------------------------------------------------------------------------------

/** Plain JSON as the analyzer deserializes it: undefined keys dropped, secrets unwrapped to their value. */
function deserialize(value: unknown): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(deserialize);
    }
    const record = value as Record<string, unknown>;
    if (record[specialSigKey] === specialSecretSig) {
        return deserialize(record.value);
    }
    const copy: Record<string, unknown> = {};
    // for...in rather than Object.entries: this runs once per policy per resource, so on a stack of
    // 50,000 resources the intermediate arrays were most of the garbage collector's work.
    for (const key in record) {
        const field = record[key];
        if (field !== undefined && Object.prototype.hasOwnProperty.call(record, key)) {
            copy[key] = deserialize(field);
        }
    }
    return copy;
}

function proxiedProps(inputs: Record<string, unknown>): Record<string, unknown> {
    return unknownCheckingProxy(deserialize(inputs) as Record<string, unknown>);
}

/** Resource classes carry their token as `__pulumiType`; otherwise @pulumi/policy falls back to `isInstance`. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = policyKinds.getPulumiType(resourceClass);
    if (pulumiType) {
        return type === pulumiType;
    }
    const isInstance = (resourceClass as { isInstance?: unknown } | undefined)?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/**
 * The options the analyzer reports for a resource. Built once per resource per evaluation and frozen,
 * then shared by every policy: on a stack of 50,000 resources, building them per policy made
 * millions of objects.
 */
function resourceOptions(resource: StackResource): PolicyResourceOptions {
    const options: PolicyResourceOptions = {
        protect: resource.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (resource.parent) {
        options.parent = resource.parent;
    }
    deepFreeze(options);
    return options;
}

function deepFreeze(value: object): void {
    for (const field of Object.values(value)) {
        if (typeof field === "object" && field !== null) deepFreeze(field);
    }
    Object.freeze(value);
}

function freezeTags(tags: Record<string, string> | undefined): ReadonlyMap<string, string> {
    const map = new Map(Object.entries(tags ?? {}));
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    }) as ReadonlyMap<string, string>;
}

function providerResource(resource: StackResource, byUrn: ReadonlyMap<string, StackResource>): PolicyProviderResource | undefined {
    if (!resource.provider) {
        return undefined;
    }
    const providerUrn = resource.provider.replace(/::[^:]*$/, "");
    const provider = byUrn.get(providerUrn);
    return provider ? { type: provider.type, props: proxiedProps(provider.inputs), urn: provider.urn, name: provider.name } : undefined;
}

/** The server passes any returned promise to `Promise.resolve`; this engine is synchronous and says so. */
function ensureSynchronous(result: unknown, policyName: string): void {
    if (result !== undefined && typeof (result as { then?: unknown } | null)?.then === "function") {
        throw new Error(`policy '${policyName}' returned a promise; evaluatePolicies runs policies synchronously`);
    }
}

interface Reporter {
    report: (message: string | { message?: string; urn?: string }, urn?: string) => void;
}

function makeReporter(policy: { name: string; description: string; severity?: Severity }, level: EnforcementLevel, out: Violation[], defaultUrn?: string): Reporter {
    return {
        report: (message, urn) => {
            // Like the server: a string is appended to the description; an object may carry its own message.
            const text = typeof message === "string"
                ? (message ? `${policy.description}\n${message}` : policy.description)
                : message.message ?? policy.description;
            const violationUrn = (typeof message === "string" ? urn : message.urn) ?? defaultUrn;
            const violation: Violation = { policy: policy.name, enforcementLevel: level, message: text };
            if (violationUrn) violation.urn = violationUrn;
            if (policy.severity) violation.severity = policy.severity;
            out.push(violation);
        },
    };
}

/** One evaluation of the pack: the stack as the analyzer sees it, and what the policies report. */
interface RunContext {
    packLabel: string;
    resources: readonly StackResource[];
    byUrn: ReadonlyMap<string, StackResource>;
    /** `options[i]` are the resource options of `resources[i]`. */
    options: readonly PolicyResourceOptions[];
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
    const { resources, byUrn, stackTags } = context;
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
        const { report } = makeReporter(policy, level, context.violations, resource.urn);
        for (const validation of validations) {
            try {
                const props = proxiedProps(resource.inputs);
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
                const provider = providerResource(resource, byUrn);
                if (provider) args.provider = provider;
                ensureSynchronous(validation(args, report), policy.name);
            } catch (error) {
                handlePolicyError(error, policy, context, resource.urn);
            }
        }
    });
}

/**
 * Builds the linked resource graph a stack policy receives: every resource, props proxied, links
 * resolved by URN. The fields repeat runResourcePolicy's args on purpose: building both from one
 * helper with object spreads made the pack 2.5 times slower on 50,000 resources.
 */
function linkStackResources({ resources, byUrn, options }: RunContext): PolicyResource[] {
    const linked = new Map<string, PolicyResource>();
    const policyResources = resources.map((resource, index) => {
        const props = proxiedProps(resource.inputs);
        const policyResource: PolicyResource = {
            type: resource.type,
            props,
            urn: resource.urn,
            name: resource.name,
            opts: options[index],
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
            asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as PolicyResource["asType"],
        };
        const provider = providerResource(resource, byUrn);
        if (provider) policyResource.provider = provider;
        linked.set(resource.urn, policyResource);
        return policyResource;
    });
    const lookup = (urns: readonly string[]): PolicyResource[] =>
        urns.map((urn) => linked.get(urn)).filter((found): found is PolicyResource => found !== undefined);
    resources.forEach((resource, index) => {
        const policyResource = policyResources[index];
        const parent = resource.parent ? linked.get(resource.parent) : undefined;
        if (parent) policyResource.parent = parent;
        policyResource.dependencies = lookup(resource.dependencies);
        for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
            policyResource.propertyDependencies[property] = lookup(urns);
        }
    });
    return policyResources;
}

function runStackPolicy(policy: StackValidationPolicy, level: EnforcementLevel, getConfig: () => Record<string, unknown>, context: RunContext): void {
    const { resources, stackTags } = context;
    const singleType = policyKinds.getPulumiType(policy.validateStack);
    if (singleType && !resources.some((resource) => resource.type === singleType)) {
        context.notApplicable.push({ policy: policy.name, reason: `Policy only applies to resources of type '${singleType}'` });
        return;
    }
    const { report } = makeReporter(policy, level, context.violations);
    try {
        const args: StackValidationArgs = {
            // The server deserializes a copy per stack policy; here they share one, so a stack of
            // 50,000 resources is linked once, not five times. Only a policy that mutated the
            // resources it is given (outside the contract; no rule here does) could tell.
            resources: (context.stackView ??= linkStackResources(context)),
            stackTags,
            getConfig: (<T extends object>() => getConfig() as T),
            notApplicable: throwNotApplicable,
        };
        ensureSynchronous(policy.validateStack(args, report), policy.name);
    } catch (error) {
        handlePolicyError(error, policy, context);
    }
}

/**
 * Runs the pack: every enabled resource policy over each resource (in registration order), then every
 * enabled stack policy over the whole stack, and returns violations, not-applicable notes and the config.
 */
export function evaluatePolicyPack(policies: Policies, resources: StackResource[], options: EvaluationOptions): EvaluationResult {
    const config = reconcilePolicyConfig(policies, options.config, options.packEnforcementLevel);
    const context: RunContext = {
        packLabel: `'${options.packName ?? "custom-vision-guard"}@v${options.packVersion ?? "0.1.0"}'`,
        resources,
        byUrn: new Map(resources.map((resource) => [resource.urn, resource])),
        options: resources.map(resourceOptions),
        stackTags: freezeTags(options.stackTags),
        violations: [],
        notApplicable: [],
    };
    const configFor = (name: string) => (): Record<string, unknown> => ({ ...(config.get(name)?.properties ?? {}) });
    const levelOf = (name: string): EnforcementLevel => config.get(name)?.enforcementLevel ?? options.packEnforcementLevel ?? DEFAULT_PACK_LEVEL;

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
    return { violations: context.violations, notApplicable: context.notApplicable, config };
}

/** The violations `pulumi preview --policy-pack` would report for these resources. */
export function evaluatePolicies(policies: Policies, resources: StackResource[], options: EvaluationOptions): Violation[] {
    return evaluatePolicyPack(policies, resources, options).violations;
}

/** True when a mandatory violation is present: the CLI fails the preview or update. */
export function hasMandatoryViolation(violations: readonly Violation[]): boolean {
    return violations.some((violation) => violation.enforcementLevel === "mandatory");
}
