/**
 * "Did you mean ...?" for a misspelt name: one copy, shared by the component's argument checks and
 * the plan's check of undeclared config keys. Dependency-free, so the plan's parent process can load
 * it without Pulumi.
 */

/**
 * The name in `known` that `name` most likely misspells: the same but for case, else the nearest by
 * edit distance when it is within a third of the name's length (1 to 3 edits): "locaton" ->
 * "location", but not "sku" -> "tags".
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
    const lower = name.toLowerCase();
    const sameButCase = known.find((candidate) => candidate.toLowerCase() === lower);
    if (sameButCase !== undefined) return sameButCase;
    let best: { name: string; distance: number } | undefined;
    for (const candidate of known) {
        const distance = editDistance(lower, candidate.toLowerCase());
        if (!best || distance < best.distance) best = { name: candidate, distance };
    }
    const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
    return best && best.distance <= allowed ? best.name : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
