import { cell, GENERATED_NOTICE, paragraph } from "./markdown";

/**
 * docs/component.md, written from the multi-language schema (which Pulumi builds from the
 * component's TypeScript types and TSDoc), the defaults in `components/defaults.ts`, and the
 * resources the component registers under the plan's mocks. The same schema generates the SDKs of
 * other languages, so this page describes exactly what every language sees.
 */

export interface SchemaProperty {
    type?: string;
    $ref?: string;
    plain?: boolean;
    optional?: boolean;
    description?: string;
    items?: SchemaProperty;
    additionalProperties?: SchemaProperty;
}

interface SchemaType {
    type: string;
    description?: string;
    properties?: Record<string, SchemaProperty>;
    required?: string[];
    enum?: { name?: string; value: string; description?: string }[];
}

export interface PackageSchema {
    name: string;
    resources: Record<string, { description?: string; inputProperties: Record<string, SchemaProperty>; requiredInputs?: string[]; properties: Record<string, SchemaProperty> }>;
    types?: Record<string, SchemaType>;
}

/** One resource the component creates, and when. */
export interface CreatedResource {
    type: string;
    /** Logical name, with `<name>` for the component's name. */
    name: string;
    when: string;
}

/** One secret in the component's vault. */
export interface VaultSecret {
    secretName: string;
    contentType: string;
    writtenBy: string;
    when: string;
}

export interface ComponentReferenceInput {
    schema: PackageSchema;
    /** The component's type token. */
    type: string;
    /** `components/defaults.ts`: the default of an argument in words. */
    describeDefault: (argument: string) => string | undefined;
    created: CreatedResource[];
    secrets: VaultSecret[];
}

export function componentReference({ schema, type, describeDefault, created, secrets }: ComponentReferenceInput): string {
    const resource = schema.resources[type];
    if (!resource) throw new Error(`the schema has no resource ${type}`);
    const required = new Set(resource.requiredInputs ?? []);
    const lines = [
        "# `CustomVision` reference",
        "",
        GENERATED_NOTICE,
        "",
        paragraph(resource.description ?? ""),
        "",
        `Type token \`${type}\`. TypeScript: \`new CustomVision(name, args, opts)\` from \`${schema.name}\`; other languages: the SDK`,
        "`pulumi package add` generates from the same schema.",
        "",
        "## Arguments",
        "",
        "*Input* arguments also take an output of another resource; the others must be known when the program runs, because",
        "they are checked before anything is registered.",
        "",
        "| argument | type | default | description |",
        "|---|---|---|---|",
    ];
    for (const [name, property] of Object.entries(resource.inputProperties)) {
        const defaultText = required.has(name) ? "**required**" : (describeDefault(name) ?? "none");
        lines.push(`| \`${name}\` | ${typeOf(property, schema.name)} | ${cell(defaultText)} | ${cell(property.description ?? "")} |`);
    }
    for (const [token, definition] of Object.entries(schema.types ?? {})) {
        lines.push("", ...typeSection(token, definition, schema.name));
    }
    lines.push("", "## Outputs", "", "| output | type | description |", "|---|---|---|");
    for (const [name, property] of Object.entries(resource.properties)) {
        lines.push(`| \`${name}\` | ${typeOf({ ...property, plain: true }, schema.name)} | ${cell(property.description ?? "")} |`);
    }
    lines.push(
        "",
        "## What it creates",
        "",
        "Every child is parented to the component and named `<name>-<part>`; names in Azure carry a stable suffix hashed from",
        "the subscription, resource group, project, stack and component name. Listed from what the component registers under",
        "the plan's mocks.",
        "",
        "| resource | logical name | when |",
        "|---|---|---|",
        ...created.map((entry) => `| \`${entry.type}\` | \`${entry.name}\` | ${cell(entry.when)} |`),
        "",
        "## Secrets in the vault",
        "",
        "Applications read the `*-key-active` secrets (see key rotation in [operations.md](operations.md)). The key secrets are",
        "written inside Azure by an ARM deployment that calls `listKeys()`: no key is ever an input, an output or a state value.",
        "",
        "| secret | content type | written by | when |",
        "|---|---|---|---|",
        ...secrets.map((secret) => `| \`${secret.secretName}\` | ${cell(secret.contentType)} | ${cell(secret.writtenBy)} | ${cell(secret.when)} |`),
    );
    return `${lines.join("\n")}\n`;
}

function typeSection(token: string, definition: SchemaType, packageName: string): string[] {
    const name = shortName(token, packageName);
    const lines = [`### \`${name}\``, ""];
    if (definition.description) lines.push(paragraph(definition.description), "");
    if (definition.enum) {
        lines.push("| value | meaning |", "|---|---|", ...definition.enum.map((entry) => `| \`${entry.value}\` | ${cell(entry.description ?? "")} |`));
        return lines;
    }
    const required = new Set(definition.required ?? []);
    lines.push("| field | type | description |", "|---|---|---|");
    for (const [field, property] of Object.entries(definition.properties ?? {})) {
        lines.push(`| \`${field}\`${required.has(field) ? "" : " (optional)"} | ${typeOf(property, packageName)} | ${cell(property.description ?? "")} |`);
    }
    return lines;
}

/** `string`, `Input<string>`, `string[]`, `map of string`, a package type's short name, or an azure-native resource. */
function typeOf(property: SchemaProperty, packageName: string): string {
    let text: string;
    if (property.$ref) {
        text = refName(property.$ref, packageName);
    } else if (property.type === "array" && property.items) {
        text = `${typeOf({ ...property.items, plain: true }, packageName)}[]`;
    } else if (property.type === "object" && property.additionalProperties) {
        text = `map of ${typeOf({ ...property.additionalProperties, plain: true }, packageName)}`;
    } else {
        text = property.type ?? "any";
    }
    return property.plain ? text : `Input<${text}>`;
}

/** `#/types/azure-custom-vision:index:SecretReader` -> `SecretReader`; `/azure-native/v3.28.0/schema.json#/resources/azure-native:keyvault:Vault` -> `azure-native:keyvault:Vault`. */
function refName(ref: string, packageName: string): string {
    const token = ref.slice(ref.lastIndexOf("/") + 1);
    return shortName(token, packageName);
}

function shortName(token: string, packageName: string): string {
    return token.startsWith(`${packageName}:`) ? token.split(":").pop() ?? token : token;
}
