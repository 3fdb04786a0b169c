/**
 * Resource tags (`tags` in azure-native, classic and generic resources alike). Azure compares tag
 * names case-insensitively, so `Environment` and `environment` are one tag here too.
 */
import { readGiven, ResourceLike } from "./resource-like";
import { isKnown, read, Read, UNKNOWN } from "./unknown";
import { asString, isRecord } from "./values";

/**
 * The values of the tag named `key` (any case) on `resource`: empty when it has none, `UNKNOWN`
 * when its tags (or that tag's value) are not known yet. Other tags' values are never read. In a
 * stack policy's preview outputs, `tags` unknown and computed from nothing means the program gave
 * none (see `readGiven`).
 */
export function tagValues(resource: ResourceLike, key: string): Read<string[]> {
    const tags = readGiven(resource, "tags", (value) => value);
    if (!isKnown(tags)) return UNKNOWN;
    if (!isRecord(tags)) return [];
    const wanted = key.toLowerCase();
    const values: string[] = [];
    for (const name of Object.keys(tags)) {
        if (name.toLowerCase() !== wanted) continue;
        const value = read(() => asString(tags[name]));
        if (!isKnown(value)) return UNKNOWN;
        if (value !== undefined) values.push(value);
    }
    return values;
}

/** A stack tag by name, compared case-insensitively like resource tags. */
export function stackTagValues(stackTags: ReadonlyMap<string, string>, key: string): string[] {
    const wanted = key.toLowerCase();
    const values: string[] = [];
    for (const [name, value] of stackTags) {
        if (name.toLowerCase() === wanted) values.push(value);
    }
    return values;
}
