/**
 * Finds known secret values (the account keys the mocks handed out) inside text, in time linear in
 * the text however many keys were issued: a stack of 500 components issues 2,000 keys, and testing
 * every string against every key would make the plan quadratic.
 */
export class SecretScanner {
    private readonly byLength = new Map<number, Set<string>>();
    private readonly alphabet = new Set<string>();
    private readonly lengths: number[];
    private readonly shortest: number;

    constructor(secrets: Iterable<string>) {
        for (const secret of secrets) {
            if (secret === "") continue;
            const sameLength = this.byLength.get(secret.length) ?? new Set<string>();
            this.byLength.set(secret.length, sameLength.add(secret));
            for (const char of secret) this.alphabet.add(char);
        }
        this.lengths = [...this.byLength.keys()];
        this.shortest = Math.min(...this.lengths);
    }

    /** True when no secret was issued (nothing to look for). */
    get empty(): boolean {
        return this.byLength.size === 0;
    }

    /** Every occurrence of a secret in `text` as [start, end) ranges, left to right, not overlapping. */
    private find(text: string): [number, number][] {
        const found: [number, number][] = [];
        if (this.empty) return found;
        // A secret can only sit inside a run of characters that secrets are made of (hex for keys).
        for (let start = 0; start < text.length; ) {
            if (!this.alphabet.has(text[start])) {
                start++;
                continue;
            }
            let end = start;
            while (end < text.length && this.alphabet.has(text[end])) end++;
            for (let at = start; end - at >= this.shortest; ) {
                const length = this.lengths.find((n) => at + n <= end && this.byLength.get(n)!.has(text.slice(at, at + n)));
                if (length === undefined) {
                    at++;
                } else {
                    found.push([at, at + length]);
                    at += length;
                }
            }
            start = end;
        }
        return found;
    }

    contains(text: string): boolean {
        return this.find(text).length > 0;
    }

    /** `text` with every secret replaced by `placeholder`. */
    redact(text: string, placeholder: string): string {
        const ranges = this.find(text);
        if (ranges.length === 0) return text;
        let result = "";
        let last = 0;
        for (const [start, end] of ranges) {
            result += text.slice(last, start) + placeholder;
            last = end;
        }
        return result + text.slice(last);
    }
}
