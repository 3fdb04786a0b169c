import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { closestName } from "../../components/spelling";
import { isRecord, SECRET_PLACEHOLDER } from "./values";

/**
 * Reads a Pulumi project and one of its stacks the way the `pulumi` CLI does before it starts the
 * program: `Pulumi.yaml` (name, main, declared config with types and defaults) and
 * `Pulumi.<stack>.yaml` (the stack's values), merged into the flat `<namespace>:<key>` -> string
 * map the language host hands the program. `secure:` values are never decrypted: they reach the
 * program as the placeholder "[secret]" (values.ts), marked secret.
 */

/** A project and stack ready to run. */
export interface LoadedProject {
    projectName: string;
    stackName: string;
    /** Absolute directory holding Pulumi.yaml; the program runs with this as its working directory. */
    projectDir: string;
    /** Absolute path of the program entry (file or directory) to `require`. */
    mainPath: string;
    /** Config as the program receives it: `<namespace>:<key>` -> string (objects and arrays as JSON). */
    config: Record<string, string>;
    /** Keys of `config` whose values are secret. */
    secretKeys: string[];
    /** Things the plan cannot reproduce (e.g. ESC environments), said once. */
    warnings: string[];
}

/** The project or stack files are missing or invalid: the plan stops with this message (exit 2). */
export class PlanInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanInputError";
    }
}

type ConfigType = "string" | "integer" | "boolean" | "array" | "object";
const CONFIG_TYPES: readonly string[] = ["string", "integer", "boolean", "array", "object"];
/** Keys that make a Pulumi.yaml `config:` entry a declaration rather than a plain value. */
const DECLARATION_KEYS: readonly string[] = ["type", "default", "value", "description", "secret", "items"];

interface Declaration {
    type?: ConfigType;
    /** The project-wide value: `value:`, `default:` or the shorthand scalar. */
    value?: unknown;
}

/** Loads `Pulumi.yaml` in `projectDir` and the config of stack `stackName` (default "dev"). */
export function loadProject(projectDir: string, stackName = "dev"): LoadedProject {
    const dir = path.resolve(projectDir);
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].map((file) => path.join(dir, file)).find((file) => fs.existsSync(file));
    if (!projectFile) throw new PlanInputError(`no Pulumi.yaml in ${dir}: pass --cwd with the directory of a Pulumi project`);
    const project = readYamlMapping(projectFile);

    const projectName = project.name;
    if (typeof projectName !== "string" || projectName === "") {
        throw new PlanInputError(`${path.basename(projectFile)}: "name" is required`);
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(stackName)) throw new PlanInputError(`stack name "${stackName}" may hold only letters, digits, "-", "_" and "."`);

    const mainPath = path.resolve(dir, typeof project.main === "string" ? project.main : ".");
    if (!fs.existsSync(mainPath)) throw new PlanInputError(`${path.basename(projectFile)}: main "${String(project.main)}" does not exist`);

    const stackDir = typeof project.stackConfigDir === "string" ? path.resolve(dir, project.stackConfigDir) : dir;
    const stackFile = [`Pulumi.${stackName}.yaml`, `Pulumi.${stackName}.yml`].map((file) => path.join(stackDir, file)).find((file) => fs.existsSync(file));
    if (!stackFile) {
        throw new PlanInputError(`stack "${stackName}" has no Pulumi.${stackName}.yaml in ${stackDir}`);
    }
    const stack = readYamlMapping(stackFile);
    const warnings: string[] = [];
    if (stack.environment !== undefined) {
        warnings.push(`${path.basename(stackFile)} imports ESC environments; their values are not available offline and are left unset`);
    }

    const declarations = readDeclarations(projectName, project.config, path.basename(projectFile));
    const stackValues = readStackValues(projectName, stack.config, path.basename(stackFile));
    warnings.push(...undeclaredKeys(projectName, declarations, stackValues, path.basename(stackFile), path.basename(projectFile)));

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, declaration] of declarations) {
        if (stackValues.has(key)) continue;
        if (declaration.value === undefined) {
            if (declaration.type !== undefined) throw new PlanInputError(`stack "${stackName}" is missing configuration value "${key}"`);
            continue;
        }
        config[key] = toConfigString(declaration.value);
    }
    for (const [key, { value, secret }] of stackValues) {
        const type = declarations.get(key)?.type;
        if (type !== undefined && !secret && !hasType(value, type)) {
            throw new PlanInputError(
                `${path.basename(stackFile)}: configuration "${key}" must be ${article(type)} ${type} (got ${JSON.stringify(value)})`,
            );
        }
        config[key] = toConfigString(value);
        if (secret) secretKeys.push(key);
    }
    return { projectName, stackName, projectDir: dir, mainPath, config, secretKeys, warnings };
}

function readYamlMapping(file: string): Record<string, unknown> {
    let document: unknown;
    try {
        document = parseYaml(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new PlanInputError(`${path.basename(file)} is not valid YAML: ${firstLine(error)}`);
    }
    if (document === null || document === undefined) return {};
    if (!isRecord(document)) throw new PlanInputError(`${path.basename(file)} must be a YAML mapping`);
    return document;
}

/** `config:` of Pulumi.yaml: plain keys belong to the project namespace. */
function readDeclarations(projectName: string, section: unknown, fileName: string): Map<string, Declaration> {
    const declarations = new Map<string, Declaration>();
    if (section === undefined || section === null) return declarations;
    if (!isRecord(section)) throw new PlanInputError(`${fileName}: "config" must be a mapping`);
    for (const [rawKey, entry] of Object.entries(section)) {
        const key = qualify(projectName, rawKey);
        if (!isRecord(entry) || !Object.keys(entry).some((field) => DECLARATION_KEYS.includes(field))) {
            declarations.set(key, { value: entry });
            continue;
        }
        const type = entry.type;
        if (type !== undefined && (typeof type !== "string" || !CONFIG_TYPES.includes(type))) {
            throw new PlanInputError(`${fileName}: configuration "${key}" has unknown type ${JSON.stringify(type)} (use ${CONFIG_TYPES.join(", ")})`);
        }
        const value = entry.value !== undefined ? entry.value : entry.default;
        if (type !== undefined && value !== undefined && !hasType(value, type as ConfigType)) {
            throw new PlanInputError(`${fileName}: the default of "${key}" must be ${article(type)} ${type} (got ${JSON.stringify(value)})`);
        }
        declarations.set(key, { type: type as ConfigType | undefined, value });
    }
    return declarations;
}

/** `config:` of Pulumi.<stack>.yaml, with `secure:` leaves replaced by the placeholder. */
function readStackValues(projectName: string, section: unknown, fileName: string): Map<string, { value: unknown; secret: boolean }> {
    const values = new Map<string, { value: unknown; secret: boolean }>();
    if (section === undefined || section === null) return values;
    if (!isRecord(section)) throw new PlanInputError(`${fileName}: "config" must be a mapping`);
    for (const [rawKey, raw] of Object.entries(section)) {
        const found = { secret: false };
        const value = redactSecure(raw, found);
        values.set(qualify(projectName, rawKey), { value, secret: found.secret });
    }
    return values;
}

function redactSecure(value: unknown, found: { secret: boolean }): unknown {
    if (Array.isArray(value)) return value.map((item) => redactSecure(item, found));
    if (isRecord(value)) {
        if (Object.keys(value).length === 1 && typeof value.secure === "string") {
            found.secret = true;
            return SECRET_PLACEHOLDER;
        }
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactSecure(inner, found)]));
    }
    return value;
}

/**
 * Stack keys in the project's namespace that the project does not declare. The CLI accepts them
 * (docs/azure-facts.md, "Pulumi engine and policy behaviour"), so this is a warning, but a key
 * nobody reads is usually a typo: the closest declared key is suggested. Only a project that
 * declares config is checked (without declarations any key may be read).
 */
function undeclaredKeys(
    projectName: string,
    declarations: ReadonlyMap<string, Declaration>,
    stackValues: ReadonlyMap<string, unknown>,
    stackFileName: string,
    projectFileName: string,
): string[] {
    if (declarations.size === 0) return [];
    const prefix = `${projectName}:`;
    const declared = [...declarations.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
    return [...stackValues.keys()]
        .filter((key) => key.startsWith(prefix) && !declarations.has(key))
        .map((key) => {
            const closest = closestName(key.slice(prefix.length), declared);
            const advice = closest ? `did you mean ${closest}?` : "declare it there, or remove it if nothing reads it";
            return `${stackFileName}: "${key}" is not declared in ${projectFileName}; ${advice}`;
        });
}

/** `location` -> `<project>:location`; `azure-native:location` stays as is. */
function qualify(projectName: string, key: string): string {
    return key.includes(":") ? key : `${projectName}:${key}`;
}

/** The string the language host passes: scalars as text, arrays and objects as JSON. */
function toConfigString(value: unknown): string {
    if (typeof value === "string") return value;
    if (value === null) return "null";
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
}

function hasType(value: unknown, type: ConfigType): boolean {
    switch (type) {
        case "string":
            return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
        case "integer":
            return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^-?\d+$/.test(value));
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "array":
            return Array.isArray(value);
        case "object":
            return isRecord(value);
    }
}

function article(word: string): string {
    return /^[aeiou]/.test(word) ? "an" : "a";
}

function firstLine(error: unknown): string {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
