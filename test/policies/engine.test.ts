import * as policy from "@pulumi/policy";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Account } from "@pulumi/azure-native/cognitiveservices";
import { Vault } from "@pulumi/azure-native/keyvault";
import { describe, expect, it } from "vitest";
import { evaluatePolicies, hasMandatoryViolation, PolicyConfigError, reconcilePolicyConfig, UnknownValueError } from "../../tools/policy-engine";
import packManifest from "../../policies/package.json";
import { COMPONENT_TYPE, run, StackBuilder, UNKNOWN } from "./harness";

/** How the analyzer names the pack in "can't run" diagnostics: name and version from policies/package.json. */
const PACK = `'${packManifest.name}@v${packManifest.version}'`;

const ACCOUNT = "azure-native:cognitiveservices:Account";

function stackWithAccount(inputs: Record<string, unknown> = { kind: "CustomVision.Training", sku: { name: "S0" } }) {
    const builder = new StackBuilder("dev");
    const account = builder.add(ACCOUNT, "acct", inputs);
    return { builder, account };
}

function resourcePolicy(overrides: Partial<ResourceValidationPolicy>): ResourceValidationPolicy {
    return { name: "probe", description: "Probe policy.", enforcementLevel: "mandatory", validateResource: () => undefined, ...overrides };
}

function stackPolicy(overrides: Partial<StackValidationPolicy>): StackValidationPolicy {
    return { name: "probe-stack", description: "Probe stack policy.", enforcementLevel: "advisory", validateStack: () => undefined, ...overrides };
}

describe("policy engine emulation: resource policies", () => {
    it("implements isType and asType by comparing type tokens of resource classes", () => {
        const seen: Record<string, unknown>[] = [];
        const probe = resourcePolicy({
            validateResource: (args) => {
                seen.push({ isAccount: args.isType(Account), isVault: args.isType(Vault), asAccount: args.asType(Account)?.kind, asVault: args.asType(Vault) });
            },
        });
        const { builder } = stackWithAccount();
        evaluatePolicies([probe], builder.resources);
        expect(seen[1]).toEqual({ isAccount: true, isVault: false, asAccount: "CustomVision.Training", asVault: undefined });
        expect(seen[0]).toMatchObject({ isAccount: false, isVault: false });
    });

    it("skips other types for a validateResourceOfType policy and records it as not applicable", () => {
        const calls: string[] = [];
        const probe = resourcePolicy({ validateResource: policy.validateResourceOfType(Account, (_props, args) => { calls.push(args.urn); }) });
        const { builder, account } = stackWithAccount();
        builder.add("azure-native:cognitiveservices/v20230501:Account", "versioned", { kind: "CustomVision.Training" });
        const result = run(builder.resources, { policies: [probe] });
        expect(calls).toEqual([account.urn]);
        expect(result.notApplicable.map((n) => n.reason)).toContain(`Policy only applies to resources of type '${ACCOUNT}'`);
    });

    it("wraps props in the unknown-checking proxy and turns an escaping UnknownValueError into one advisory diagnostic", () => {
        const probe = resourcePolicy({
            validateResource: (args, reportViolation) => {
                if (args.type !== ACCOUNT) return;
                reportViolation("reported before the throw");
                void args.props.sku.name;
            },
        });
        const { builder, account } = stackWithAccount({ kind: "CustomVision.Training", sku: { name: UNKNOWN } });
        const violations = run(builder.resources, { policies: [probe] }).violations;
        expect(violations).toEqual([
            { policy: "probe", enforcementLevel: "mandatory", message: "Probe policy.\nreported before the throw", urn: account.urn },
            {
                policy: "probe",
                enforcementLevel: "advisory",
                message: `can't run policy 'probe' from policy pack ${PACK} during preview: string value at .sku.name can't be known during preview`,
                urn: account.urn,
            },
        ]);
    });

    it("gives each policy the resource name, URN, options, provider and frozen stack tags", () => {
        const builder = new StackBuilder("dev");
        const provider = builder.add("pulumi:providers:azure-native", "westeu", { location: "westeurope" });
        const account = builder.add(ACCOUNT, "acct", { kind: "x" }, { protect: true });
        account.provider = `${provider.urn}::0000-id`;
        const seen: unknown[] = [];
        const probe = resourcePolicy({
            validateResource: (args) => {
                if (args.type === ACCOUNT) seen.push([args.name, args.urn, args.opts.protect, args.opts.parent, args.provider?.type, args.provider?.props.location, args.stackTags.get("team"), Object.isFrozen(args.stackTags)]);
            },
        });
        run(builder.resources, { policies: [probe], stackTags: { team: "vision" } });
        expect(seen).toEqual([["acct", account.urn, true, builder.stack.urn, "pulumi:providers:azure-native", "westeurope", "vision", true]]);
    });

    it("reports the engine's default provider with a custom resource the program gave none, and none with a component", () => {
        const builder = new StackBuilder("dev");
        const component = builder.add(COMPONENT_TYPE, "cv", {});
        builder.add(ACCOUNT, "acct", { kind: "x" }, { parent: component });
        builder.add("pulumi:providers:azure-native", "explicit", { location: "westeurope" });
        const seen: Record<string, unknown> = {};
        const probe = resourcePolicy({ validateResource: (args) => { seen[args.name] = args.provider && [args.provider.type, args.provider.urn, args.provider.name, Object.keys(args.provider.props)]; } });
        run(builder.resources, { policies: [probe] });
        expect(seen).toEqual({
            "vision-dev": undefined,
            cv: undefined,
            acct: ["pulumi:providers:azure-native", "urn:pulumi:dev::vision::pulumi:providers:azure-native::default", "default", []],
            explicit: undefined,
        });
    });

    it("unwraps secrets and drops undefined inputs as the analyzer deserializes them", () => {
        const seen: unknown[] = [];
        const probe = resourcePolicy({ validateResource: (args) => { if (args.type === ACCOUNT) seen.push(Object.keys(args.props), args.props.apiKey); } });
        const { builder } = stackWithAccount({ kind: "k", gone: undefined, apiKey: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "v" } });
        run(builder.resources, { policies: [probe] });
        expect(seen).toEqual([["kind", "apiKey"], "v"]);
    });

    it("fails the run, as a preview fails, when a policy throws anything else", () => {
        const probe = resourcePolicy({ validateResource: () => { throw new TypeError("boom"); } });
        expect(() => run(stackWithAccount().builder.resources, { policies: [probe] })).toThrow(`Error validating resource with policy 'probe' from policy pack ${PACK}: boom`);
    });

    it("downgrades remediate to mandatory for reported violations", () => {
        const probe = resourcePolicy({ enforcementLevel: "remediate", validateResource: (args, report) => { if (args.type === ACCOUNT) report("x"); } });
        const violations = run(stackWithAccount().builder.resources, { policies: [probe] }).violations;
        expect(violations.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
        expect(hasMandatoryViolation(violations)).toBe(true);
    });
});

describe("policy engine emulation: config", () => {
    const configurable = resourcePolicy({
        name: "configurable",
        enforcementLevel: "advisory",
        configSchema: { properties: { regions: { type: "array", items: { type: "string" }, default: ["eastus"] }, strict: { type: "boolean", default: false }, note: { type: "string" } } },
    });
    const plain = stackPolicy({ name: "plain", enforcementLevel: undefined });

    it("starts from schema defaults and each policy's level (the pack's advisory when unset)", () => {
        const config = reconcilePolicyConfig([configurable, plain], undefined);
        expect(config.get("configurable")).toEqual({ enforcementLevel: "advisory", properties: { regions: ["eastus"], strict: false } });
        expect(config.get("plain")).toEqual({ enforcementLevel: "advisory", properties: {} });
        expect(reconcilePolicyConfig([plain], undefined, "mandatory").get("plain")?.enforcementLevel).toBe("mandatory");
    });

    it("applies `all`, then each policy's entry: level replaced, properties merged over the defaults", () => {
        const config = reconcilePolicyConfig([configurable, plain], { all: "mandatory", configurable: { strict: true, note: "n" }, plain: "disabled" });
        expect(config.get("configurable")).toEqual({ enforcementLevel: "mandatory", properties: { regions: ["eastus"], strict: true, note: "n" } });
        expect(config.get("plain")?.enforcementLevel).toBe("disabled");
        expect(reconcilePolicyConfig([configurable], { all: { enforcementLevel: "disabled" } }).get("configurable")?.enforcementLevel).toBe("disabled");
    });

    it("hands getConfig the merged properties without enforcementLevel", () => {
        const seen: unknown[] = [];
        const probe = { ...configurable, validateResource: (args: policy.ResourceValidationArgs) => { seen.push(args.getConfig()); } };
        run(new StackBuilder("dev").resources, { policies: [probe], config: { configurable: { enforcementLevel: "mandatory", regions: ["westus2"] } } });
        expect(seen).toEqual([{ regions: ["westus2"], strict: false }]);
    });

    it("rejects malformed entries and values that break the schema", () => {
        expect(() => reconcilePolicyConfig([configurable], { configurable: "sometimes" as never })).toThrow(/not a valid enforcement level/);
        expect(() => reconcilePolicyConfig([configurable], { configurable: { strict: "yes" } })).toThrow(/configurable: strict: Invalid type/);
        expect(() => reconcilePolicyConfig([configurable], { configurable: { regions: [1] } })).toThrow(/regions\.0: Invalid type/);
    });

    it("refuses an entry for a name the pack lacks that sets no level, naming it and the pack's policies, on one line", () => {
        const attempt = () => reconcilePolicyConfig([configurable, plain], { "no-such-rule": { strict: true }, "other-typo": {} });
        expect(attempt).toThrow(PolicyConfigError);
        expect(attempt).toThrow(/^"no-such-rule", "other-typo" in the policy pack config are not a policy of this pack .*Use one of the pack's policy names: configurable, plain\.$/);
        expect(() => reconcilePolicyConfig([configurable], { all: { strict: true } })).toThrow(/"all" .*invalid enforcement level ""/);
    });

    it("keeps an entry for a name the pack lacks when it sets a level, as the CLI does, and nothing reads it", () => {
        const config = reconcilePolicyConfig([configurable], { "no-such-rule": "mandatory", other: { enforcementLevel: "advisory", strict: true } });
        expect([...config.keys()]).toEqual(["configurable"]);
        expect(config.get("configurable")).toEqual({ enforcementLevel: "advisory", properties: { regions: ["eastus"], strict: false } });
    });

    it("reports every schema error of the reconciled config in one one-line message", () => {
        const attempt = () => reconcilePolicyConfig([configurable], { configurable: { strict: "yes", regions: [1] } });
        expect(attempt).toThrow(/^policy pack configuration is invalid: [^\n]*configurable: strict: Invalid type/);
        expect(attempt).toThrow(/^policy pack configuration is invalid: [^\n]*configurable: regions\.0: Invalid type/);
    });

    it("does not run a disabled policy", () => {
        let calls = 0;
        const probe = resourcePolicy({ validateResource: () => { calls++; } });
        run(stackWithAccount().builder.resources, { policies: [probe], config: { probe: "disabled" } });
        expect(calls).toBe(0);
    });
});

describe("policy engine emulation: stack policies", () => {
    it("links parent, dependencies and property dependencies to the resource objects", () => {
        const builder = new StackBuilder("dev");
        const component = builder.add(COMPONENT_TYPE, "cv", {});
        const account = builder.add(ACCOUNT, "acct", { kind: "k" }, { parent: component });
        builder.add("azure-native:monitor:DiagnosticSetting", "diag", { resourceUri: UNKNOWN }, { parent: component, propertyDependencies: { resourceUri: [account] }, dependsOn: [component] });
        let diag: PolicyResource | undefined;
        let all: PolicyResource[] = [];
        const probe = stackPolicy({ validateStack: (args) => { all = args.resources; diag = args.resources.find((r) => r.name === "diag"); } });
        run(builder.resources, { policies: [probe] });
        const accountResource = all.find((r) => r.name === "acct");
        expect(all.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack", COMPONENT_TYPE, ACCOUNT, "azure-native:monitor:DiagnosticSetting"]);
        expect(diag?.parent?.urn).toBe(component.urn);
        expect(diag?.propertyDependencies.resourceUri[0]).toBe(accountResource);
        expect(diag?.dependencies.map((d) => d.name).sort()).toEqual(["acct", "cv"]);
        expect(accountResource?.parent?.parent?.type).toBe("pulumi:pulumi:Stack");
        expect(accountResource?.isType(Account)).toBe(true);
        // Stack policies see outputs: azure-native's `resourceUri` is a path parameter, absent; an output the inputs lack is unknown.
        expect(diag?.props.resourceUri).toBeUndefined();
        expect(() => diag?.props.workspaceId).toThrow(UnknownValueError);
    });

    it("turns an UnknownValueError escaping a stack policy into one advisory diagnostic, keeping earlier reports", () => {
        const probe = stackPolicy({
            enforcementLevel: "mandatory",
            validateStack: (args, report) => {
                report("first");
                for (const r of args.resources) void r.props.sku?.name;
            },
        });
        const violations = run(stackWithAccount({ kind: "k", sku: UNKNOWN }).builder.resources, { policies: [probe] }).violations;
        expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([
            ["mandatory", "Probe stack policy.\nfirst"],
            ["advisory", `can't run policy 'probe-stack' from policy pack ${PACK} during preview: string value at .sku can't be known during preview`],
        ]);
    });

    it("records notApplicable and reports nothing for it", () => {
        const probe = stackPolicy({ validateStack: (args) => args.notApplicable("nothing here") });
        const result = run(stackWithAccount().builder.resources, { policies: [probe] });
        expect(result.violations).toEqual([]);
        expect(result.notApplicable).toEqual([{ policy: "probe-stack", reason: "nothing here" }]);
    });

    it("refuses a policy returning a promise, since it evaluates synchronously", () => {
        const probe = stackPolicy({ validateStack: async () => undefined });
        expect(() => run(stackWithAccount().builder.resources, { policies: [probe] })).toThrow(/returned a promise/);
    });
});
