import { specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { isRecord, SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "./values";

/**
 * Secrets inside a plan: the RPC envelope that marks a value secret, turning a captured value into
 * its printable form, and finding the account keys the mocks handed out wherever they ended up
 * (an unmarked input, an error message, a name) so no output prints one.
 */

/** `{ <sig>: <secret sig>, value }`: how a secret travels between the program and the engine. */
export function isSecretEnvelope(value: unknown): value is Record<string, unknown> & { value: unknown } {
    return isRecord(value) && value[specialSigKey] === specialSecretSig;
}

/** `value` in a secret envelope. */
export function secretEnvelope(value: unknown): Record<string, unknown> & { value: unknown } {
    return { [specialSigKey]: specialSecretSig, value };
}

/**
 * The form of a captured value that may be printed: every secret envelope becomes
 * {@link SECRET_PLACEHOLDER}, every unknown value {@link UNKNOWN_PLACEHOLDER}.
 */
export function printable(value: unknown): unknown {
    if (value === unknownValue) return UNKNOWN_PLACEHOLDER;
    if (Array.isArray(value)) return value.map(printable);
    if (!isRecord(value)) return value;
    if (isSecretEnvelope(value)) return SECRET_PLACEHOLDER;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, printable(inner)]));
}

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
        for (const given of secrets) {
            // Keys are hex: a program may print them upper-cased too. (Other encodings, base64 say,
            // are beyond a text search: docs/plan.md, "Secrets and unknown values".)
            for (const secret of new Set([given, given.toUpperCase()])) {
                if (secret === "") continue;
                const sameLength = this.byLength.get(secret.length) ?? new Set<string>();
                this.byLength.set(secret.length, sameLength.add(secret));
                for (const char of secret) this.alphabet.add(char);
            }
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

    /** `text` with every secret replaced by {@link SECRET_PLACEHOLDER}. */
    redact(text: string): string {
        const ranges = this.find(text);
        if (ranges.length === 0) return text;
        let result = "";
        let last = 0;
        for (const [start, end] of ranges) {
            result += text.slice(last, start) + SECRET_PLACEHOLDER;
            last = end;
        }
        return result + text.slice(last);
    }

    /** `value` with every secret inside any of its strings (keys included) replaced. */
    scrub<T>(value: T): T {
        if (this.empty) return value;
        const visit = (inner: unknown): unknown => {
            if (typeof inner === "string") return this.redact(inner);
            if (Array.isArray(inner)) return inner.map(visit);
            if (isRecord(inner)) return Object.fromEntries(Object.entries(inner).map(([key, field]) => [this.redact(key), visit(field)]));
            return inner;
        };
        return visit(value) as T;
    }

    /**
     * `value` with every plain string that holds a secret put in a secret envelope, and the paths
     * (`properties.value`, `tags.key`) where that happened: a key that reached an input or an output
     * without being marked secret would sit in the state in plain text. A map key cannot be marked
     * secret at all: the paths of map keys that hold a secret are listed apart (`keyPaths`).
     */
    wrapLeaks(value: unknown, path = ""): { value: unknown; paths: string[]; keyPaths: string[] } {
        if (typeof value === "string") {
            return this.contains(value) ? { value: secretEnvelope(value), paths: [path || "(value)"], keyPaths: [] } : { value, paths: [], keyPaths: [] };
        }
        if (Array.isArray(value)) {
            const items = value.map((item, index) => this.wrapLeaks(item, `${path}[${index}]`));
            return { value: items.map((item) => item.value), paths: items.flatMap((item) => item.paths), keyPaths: items.flatMap((item) => item.keyPaths) };
        }
        if (!isRecord(value) || isSecretEnvelope(value)) return { value, paths: [], keyPaths: [] };
        const entries = Object.entries(value).map(([key, inner]) => [key, this.wrapLeaks(inner, path ? `${path}.${key}` : key)] as const);
        return {
            value: Object.fromEntries(entries.map(([key, inner]) => [key, inner.value])),
            paths: entries.flatMap(([, inner]) => inner.paths),
            keyPaths: [...entries.filter(([key]) => this.contains(key)).map(([key]) => this.redact(path ? `${path}.${key}` : key)), ...entries.flatMap(([, inner]) => inner.keyPaths)],
        };
    }
}
