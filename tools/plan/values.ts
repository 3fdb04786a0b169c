/**
 * Plain values of a plan, shared by the worker that builds it and the parent that prints it (which
 * must not load Pulumi, so nothing here imports it).
 */

/** How a plan prints any secret value: a `secure:` config value, a secret input, a mocked account key. */
export const SECRET_PLACEHOLDER = "[secret]";

/**
 * How a plan prints a value known only once a resource exists (an output Azure computes that the
 * mocks do not return). The program sees Pulumi's unknown value; the policies see it as
 * `pulumi preview` shows it to them; only the printed plan carries this text.
 */
export const UNKNOWN_PLACEHOLDER = "[known after deploy]";

/** A plain object: not null, not an array. The one copy for the plan, its mocks and its tests. */
export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `azure-native:cognitiveservices/v20230501:Account` and `azure-native:cognitiveservices:Account` both give `cognitiveservices:Account`. */
export function moduleAndType(token: string): string {
    const [, module = "", type = ""] = token.split(":");
    return `${module.split("/")[0]}:${type}`;
}
