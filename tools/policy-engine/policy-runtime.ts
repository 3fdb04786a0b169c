/**
 * @pulumi/policy's own internals, loaded at runtime: they are exported but marked @internal, so
 * their typings are stripped. Using them (not copies) keeps the emulation's unknown handling and
 * policy-kind checks exactly the analyzer server's.
 */

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

/** @pulumi/policy's proxy: touching an unknown value throws its `UnknownValueError`. */
export const unknownCheckingProxy = policyRuntime.unknownCheckingProxy;
/** @pulumi/policy's error class for unknown values, the one its server and this engine catch. */
export const UnknownValueError = policyRuntime.UnknownValueError;

export const policyKinds = require("@pulumi/policy/policy") as PolicyKindGuards;
