import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * Validates a policy's reconciled config against its `configSchema`, with the JSON-schema keywords
 * pack schemas use in practice (the CLI runs a full validator, gojsonschema). Messages follow its wording.
 */
export function validateConfig(schema: PolicyConfigSchema, properties: Record<string, unknown>): string[] {
    const errors: string[] = [];
    for (const required of schema.required ?? []) {
        if (!(required in properties)) errors.push(`${required} is required`);
    }
    for (const [key, propertySchema] of Object.entries(schema.properties)) {
        if (key in properties) errors.push(...validateValue(propertySchema, properties[key], key));
    }
    return errors;
}

function typeOfJson(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "array";
    if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
    return typeof value;
}

function matchesType(value: unknown, wanted: string): boolean {
    const actual = typeOfJson(value);
    return actual === wanted || (wanted === "number" && actual === "integer");
}

function validateValue(schema: PolicyConfigJSONSchema, value: unknown, path: string): string[] {
    const errors: string[] = [];
    if (schema.type !== undefined) {
        const types = Array.isArray(schema.type) ? schema.type : [schema.type];
        if (!types.some((type) => matchesType(value, type))) {
            return [`${path}: Invalid type. Expected: ${types.join(", ")}, given: ${typeOfJson(value)}`];
        }
    }
    if (schema.enum && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
        errors.push(`${path} must be one of the following: ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(", ")}`);
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: String length must be greater than or equal to ${schema.minLength}`);
        if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: Does not match pattern '${schema.pattern}'`);
    }
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: Must be greater than or equal to ${schema.minimum}`);
        if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: Must be less than or equal to ${schema.maximum}`);
    }
    if (Array.isArray(value)) {
        if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: Array must have at least ${schema.minItems} items`);
        if (schema.items !== undefined && !Array.isArray(schema.items) && typeof schema.items === "object") {
            const itemSchema = schema.items;
            value.forEach((item, index) => errors.push(...validateValue(itemSchema, item, `${path}.${index}`)));
        }
    }
    return errors;
}
