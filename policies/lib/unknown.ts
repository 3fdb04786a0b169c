/**
 * Preview-safe reading. A value the engine cannot know yet reads as `UNKNOWN` instead of throwing,
 * so a rule skips that one resource and keeps checking the others: an `UnknownValueError` escaping
 * a policy would turn the whole policy into one advisory "can't run during preview".
 */
import { isUnknownSentinel } from "./sentinels";

/** A value the engine does not know yet (computed during the update). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;
/** A property read: its value, `undefined` when absent, or `UNKNOWN`. */
export type Read<T> = T | undefined | Unknown;

// @pulumi/policy exports its error class at runtime only (the typing is marked internal).
const { UnknownValueError } = require("@pulumi/policy") as { UnknownValueError: new (...args: never[]) => Error };

function isUnknownValueError(error: unknown): boolean {
    return error instanceof UnknownValueError;
}

/** Runs `reader`; an unknown value anywhere on its path yields `UNKNOWN`. Any other error is a bug and propagates. */
export function read<T>(reader: () => T | undefined): Read<T> {
    try {
        const value = reader();
        // @pulumi/policy's proxy throws on sentinels; raw props handed in by other callers may still carry them.
        return isUnknownSentinel(value) ? UNKNOWN : value;
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
}

export function isKnown<T>(value: Read<T>): value is T | undefined {
    return value !== UNKNOWN;
}

/**
 * Visits each resource, catching an unknown value per resource: whatever one resource's unknowns
 * hide, the others are still checked.
 */
export function forEachResource<T>(resources: readonly T[], visit: (resource: T) => void): void {
    for (const resource of resources) {
        try {
            visit(resource);
        } catch (error) {
            if (!isUnknownValueError(error)) throw error;
        }
    }
}
