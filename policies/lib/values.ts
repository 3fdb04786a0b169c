/** Narrowing plain values read from resource props. */

export type Props = Record<string, unknown>;

export function isRecord(value: unknown): value is Props {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
    return typeof value === "boolean" ? value : undefined;
}

/** `props[key]` when it is an object, e.g. azure-native's `properties` bag. */
export function nested(props: Props | undefined, key: string): Props | undefined {
    const value = props?.[key];
    return isRecord(value) ? value : undefined;
}
