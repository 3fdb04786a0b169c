/**
 * The engine's markers for values not known until the update (what a preview sends for outputs),
 * one per value type, as @pulumi/pulumi's `runtime/rpc` and @pulumi/policy's proxy spell them.
 * Dependency-free on purpose: the plan and the benchmark read raw inputs with it without loading
 * any @pulumi package.
 */
export const UNKNOWN_SENTINELS = Object.freeze({
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    boolean: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    asset: "030794c1-ac77-496b-92df-f27374a8bd58",
    archive: "e48ece36-62e2-4504-bad9-02848725956a",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
});

const SENTINEL_VALUES: ReadonlySet<string> = new Set(Object.values(UNKNOWN_SENTINELS));

/** True when `value` is one of the engine's unknown sentinels. */
export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && SENTINEL_VALUES.has(value);
}
