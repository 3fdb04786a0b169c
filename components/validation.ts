import * as pulumi from "@pulumi/pulumi";
import { closestName } from "./spelling";

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

/**
 * The rule for a value of the wrong type. An Output or a Promise is named as such: its value is
 * known only during the deployment, too late for a check that must come before anything is registered.
 */
export function wrongType(expected: string, value: unknown): string {
    if (isEventual(value)) {
        return `must be ${expected} known when the program runs, not an Output or a Promise (resolved only during the deployment, after the checks)`;
    }
    return `must be ${expected} (got ${describeValue(value)})`;
}

/** A plain string, or undefined when absent or of another type (reported). */
export function readString(problems: ArgumentProblems, argument: string, value: unknown): string | undefined {
    if (isAbsent(value)) return undefined;
    if (typeof value === "string") return value;
    problems.add(argument, wrongType("a string", value));
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
    problems.add(argument, wrongType("a number", value));
    return undefined;
}

export function readBoolean(problems: ArgumentProblems, argument: string, value: unknown): boolean | undefined {
    if (isAbsent(value)) return undefined;
    if (typeof value === "boolean") return value;
    problems.add(argument, wrongType("true or false", value));
    return undefined;
}

/** One string item of a list, with its index in the list as given. */
export interface ListItem {
    index: number;
    value: string;
}

/**
 * The string items of a list, each with its index in the list as given (so a message about a later
 * item names the item the caller wrote, whatever came before it); each wrong item is reported.
 */
export function readStringList(problems: ArgumentProblems, argument: string, value: unknown): ListItem[] | undefined {
    const list = readList(problems, argument, value);
    if (list === undefined) return undefined;
    const items: ListItem[] = [];
    list.forEach((item, index) => {
        const text = readString(problems, `${argument}[${index}]`, item);
        if (text !== undefined) items.push({ index, value: text });
        else if (isAbsent(item)) problems.add(`${argument}[${index}]`, "must be a string (got nothing)");
    });
    return items;
}

/** A string input as given, checked by the caller; null (a YAML or Python caller's unset) becomes undefined. */
export function optionalInput(value: unknown): pulumi.Input<string> | undefined {
    return isAbsent(value) ? undefined : (value as pulumi.Input<string>);
}

/**
 * Every key of an argument type, once: typed as a record of all the type's keys, so the compiler
 * refuses a list that forgets one or names one the type lacks.
 */
export function keysOf<T>(known: Readonly<Record<keyof T, true>>): readonly (keyof T & string)[] {
    return Object.freeze(Object.keys(known) as (keyof T & string)[]);
}

/**
 * Reports every key of `record` that is not one of `known`: a misspelt setting would otherwise be
 * ignored silently (`publicNetworkacess: "Disabled"` leaving the resources open). `argument` is the
 * path of the record (`network`, `secretReaders[0]`), or "" for the component's own arguments.
 */
export function reportUnknownKeys(problems: ArgumentProblems, argument: string, record: Record<string, unknown>, known: readonly string[]): void {
    const what = argument === "" ? "an argument of CustomVision" : `a setting of ${argument}`;
    for (const key of Object.keys(record).filter((name) => !known.includes(name))) {
        const closest = closestName(key, known);
        const hint = closest === undefined ? `use ${known.join(", ")}` : `did you mean ${closest}?`;
        problems.add(argument === "" ? key : `${argument}.${key}`, `is not ${what}; ${hint}`);
    }
}

/** A list of anything (items checked by the caller). */
export function readList(problems: ArgumentProblems, argument: string, value: unknown): unknown[] | undefined {
    if (isAbsent(value)) return undefined;
    if (Array.isArray(value)) return value;
    problems.add(argument, wrongType("a list", value));
    return undefined;
}

/** A plain object (a map or a structured item). */
export function readRecord(problems: ArgumentProblems, argument: string, value: unknown): Record<string, unknown> | undefined {
    if (isAbsent(value)) return undefined;
    if (typeof value === "object" && !Array.isArray(value) && !isEventual(value)) return value as Record<string, unknown>;
    problems.add(argument, wrongType("a map", value));
    return undefined;
}
