import * as pulumi from "@pulumi/pulumi";

/**
 * The error every bad argument ends in, and the typed reads the settings make of each argument.
 * A YAML, Python or .NET caller reaches the component through the schema with plain JSON values, so
 * every argument is checked for its type as well as its value: the caller gets the same message in
 * every language. None of this ever sees a key: keys stay inside Azure.
 */

/** One bad argument: which one (`alertEmails[1]`, `tags.environment`) and the rule it breaks. */
export interface ArgumentProblem {
    argument: string;
    rule: string;
}

/** How a caller names an argument it filled from elsewhere, e.g. `Pulumi.dev.yaml: azure-custom-vision:location`. */
export type ArgumentLabel = (argument: string) => string | undefined;

/**
 * Every bad argument of one component, reported before anything is registered. The message names
 * the component, each argument and its rule, on one line.
 */
export class CustomVisionArgumentError extends Error {
    /** The first problem's argument and rule, for callers that handle one at a time. */
    readonly argument: string;
    readonly rule: string;

    constructor(
        readonly component: string,
        readonly problems: readonly ArgumentProblem[],
        label: ArgumentLabel = () => undefined,
    ) {
        super(describeProblems(component, problems, label));
        this.name = "CustomVisionArgumentError";
        this.argument = problems[0]?.argument ?? "";
        this.rule = problems[0]?.rule ?? "";
    }

    /** The same problems, with the arguments `label` knows named the way the caller gave them. */
    relabel(label: ArgumentLabel): CustomVisionArgumentError {
        return new CustomVisionArgumentError(this.component, this.problems, label);
    }
}

function describeProblems(component: string, problems: readonly ArgumentProblem[], label: ArgumentLabel): string {
    const parts = problems.map((problem) => {
        const given = label(problem.argument);
        return { labelled: given !== undefined, text: `${given ?? problem.argument} ${problem.rule}` };
    });
    const text = parts.map((part) => part.text).join("; ");
    return parts.every((part) => part.labelled) ? text : `CustomVision "${component}": ${text}`;
}

/** Collects the problems of one component's arguments, so all of them are reported at once. */
export class ArgumentProblems {
    readonly list: ArgumentProblem[] = [];

    add(argument: string, rule: string): void {
        this.list.push({ argument, rule });
    }

    /** Throws one {@link CustomVisionArgumentError} holding every problem, if there is any. */
    throwIfAny(component: string): void {
        if (this.list.length > 0) throw new CustomVisionArgumentError(component, this.list);
    }
}

/** A value a caller may pass that is only known later (an Output or a Promise): not checkable now. */
function isEventual(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** `the string "30"`, `a list`, `the number 3`: how a wrong value is named in a message. */
export function describeValue(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    switch (typeof value) {
        case "string":
            return `the string ${JSON.stringify(value)}`;
        case "number":
        case "boolean":
            return `the ${typeof value} ${String(value)}`;
        case "object":
            return "an object";
        default:
            return `a ${typeof value}`;
    }
}

/** Absent: undefined or null (YAML and Python callers send null for an unset value). */
function isAbsent(value: unknown): value is undefined | null {
    return value === undefined || value === null;
}

/** A plain string, or undefined when absent or of another type (reported). */
export function readString(problems: ArgumentProblems, argument: string, value: unknown): string | undefined {
    if (isAbsent(value)) return undefined;
    if (typeof value === "string") return value;
    problems.add(argument, `must be a string (got ${describeValue(value)})`);
    return undefined;
}

/** A string input: returns the plain string to check, undefined when absent or known only later. */
export function readInputString(problems: ArgumentProblems, argument: string, value: unknown): string | undefined {
    return isEventual(value) ? undefined : readString(problems, argument, value);
}

/** A plain number; `"30"` is reported as a string, not as an out-of-range number. */
export function readNumber(problems: ArgumentProblems, argument: string, value: unknown): number | undefined {
    if (isAbsent(value)) return undefined;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    problems.add(argument, `must be a number (got ${describeValue(value)})`);
    return undefined;
}

export function readBoolean(problems: ArgumentProblems, argument: string, value: unknown): boolean | undefined {
    if (isAbsent(value)) return undefined;
    if (typeof value === "boolean") return value;
    problems.add(argument, `must be true or false (got ${describeValue(value)})`);
    return undefined;
}

/** A list whose items are plain strings; each wrong item is reported by its index. */
export function readStringList(problems: ArgumentProblems, argument: string, value: unknown): string[] | undefined {
    const list = readList(problems, argument, value);
    if (list === undefined) return undefined;
    const strings: string[] = [];
    list.forEach((item, index) => {
        const text = readString(problems, `${argument}[${index}]`, item);
        if (text !== undefined) strings.push(text);
        else if (isAbsent(item)) problems.add(`${argument}[${index}]`, "must be a string (got nothing)");
    });
    return strings;
}

/** A string input as given, checked by the caller; null (a YAML or Python caller's unset) becomes undefined. */
export function optionalInput(value: unknown): pulumi.Input<string> | undefined {
    return isAbsent(value) ? undefined : (value as pulumi.Input<string>);
}

/**
 * Reports every key of `record` that is not one of `known`. For settings whose misspelling would
 * silently leave a resource more open than asked (`publicNetworkacess: "Disabled"`).
 */
export function reportUnknownKeys(problems: ArgumentProblems, argument: string, record: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(record).filter((name) => !known.includes(name))) {
        problems.add(`${argument}.${key}`, `is not a setting of ${argument}; use ${known.join(", ")}`);
    }
}

/** A list of anything (items checked by the caller). */
export function readList(problems: ArgumentProblems, argument: string, value: unknown): unknown[] | undefined {
    if (isAbsent(value)) return undefined;
    if (Array.isArray(value)) return value;
    problems.add(argument, `must be a list (got ${describeValue(value)})`);
    return undefined;
}

/** A plain object (a map or a structured item). */
export function readRecord(problems: ArgumentProblems, argument: string, value: unknown): Record<string, unknown> | undefined {
    if (isAbsent(value)) return undefined;
    if (typeof value === "object" && !Array.isArray(value) && !isEventual(value)) return value as Record<string, unknown>;
    problems.add(argument, `must be a map (got ${describeValue(value)})`);
    return undefined;
}
