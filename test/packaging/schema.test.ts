import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as components from "../../components";

// What `pulumi package add <this repo>` does, minus the engine: the Node.js plugin host loads the
// package, collects its exported ComponentResource classes and serves them with a ComponentProvider
// named after package.json's `name` (see @pulumi/pulumi cmd/run-plugin). The schema drives every
// generated SDK (Python, Go, .NET, Java, YAML).

const REPO = resolve(__dirname, "../..");
const TYPE = "azure-custom-vision:index:CustomVision";
const OUTPUTS = [
    "trainingEndpoint", "predictionEndpoint", "trainingAccountId", "trainingAccountName", "predictionAccountId",
    "predictionAccountName", "keyVaultId", "keyVaultName", "keyVaultUri", "secretNames", "workspaceId", "location",
    "trainingKey", "predictionKey",
];

interface PropertySpec {
    type?: string;
    $ref?: string;
    plain?: boolean;
    optional?: boolean;
    secret?: boolean;
    description?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
}
interface ResourceSpec {
    isComponent: boolean;
    description?: string;
    inputProperties: Record<string, PropertySpec>;
    requiredInputs: string[];
    properties: Record<string, PropertySpec>;
    required: string[];
}
interface PackageSchema {
    name: string;
    version: string;
    resources: Record<string, ResourceSpec>;
    types: Record<string, unknown>;
}

function providerName(): string {
    // The plugin host's rule: the package name without scope, other characters replaced by "-".
    const { name } = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { name: string };
    return name.replace(/^@[^/]+\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");
}

const provider = new ComponentProvider({ dirname: REPO, name: providerName(), components: getPulumiComponents(components) });
let schema: PackageSchema;
let component: ResourceSpec;

beforeAll(async () => {
    pulumi.runtime.setMocks(
        {
            newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, name: args.inputs.accountName ?? args.inputs.vaultName ?? args.name } }),
            call: (args) => {
                if (args.token === "azure-native:authorization:getClientConfig") {
                    return { subscriptionId: "00000000-0000-0000-0000-000000000000", tenantId: "33333333-3333-3333-3333-333333333333", clientId: "c", objectId: "o" };
                }
                if (args.token === "azure-native:cognitiveservices:listAccountKeys") return { key1: "mock-key-1", key2: "mock-key-2" };
                throw new Error(`unmocked invoke ${args.token}`);
            },
        },
        "azure-custom-vision",
        "prod",
        false,
    );
    schema = JSON.parse(await provider.getSchema()) as PackageSchema;
    component = schema.resources[TYPE];
}, 60_000);

describe("the component package schema", () => {
    it("is named after package.json and exposes exactly the CustomVision component", () => {
        expect(schema.name).toBe("azure-custom-vision");
        expect(Object.keys(schema.resources)).toEqual([TYPE]);
        expect(component.isComponent).toBe(true);
        expect(component.description).toMatch(/Training and Prediction/);
    });

    it("requires resourceGroupName and location, and nothing else", () => {
        expect(component.requiredInputs).toEqual(["location", "resourceGroupName"]);
    });

    it("takes resourceGroupName as an input and location as a plain value", () => {
        expect(component.inputProperties.resourceGroupName).toMatchObject({ type: "string" });
        expect(component.inputProperties.resourceGroupName.plain).toBeUndefined();
        expect(component.inputProperties.location).toMatchObject({ type: "string", plain: true });
    });

    it("maps every argument of the brief to a schema type", () => {
        const inputs = component.inputProperties;
        expect(inputs.tags).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
        expect(inputs.secretReaderPrincipalIds).toMatchObject({ type: "array", items: { type: "string" } });
        expect(inputs.allowedRegions).toMatchObject({ type: "array", items: { type: "string" } });
        expect(inputs.logRetentionInDays).toMatchObject({ type: "number", optional: true });
        expect(inputs.enablePurgeProtection).toMatchObject({ type: "boolean", optional: true });
        expect(inputs.lockTrainingAccount).toMatchObject({ type: "boolean", optional: true });
        for (const name of ["environment", "trainingSku", "predictionSku", "logAnalyticsWorkspaceId", "keyVaultName", "trainingSubdomain", "predictionSubdomain"]) {
            expect(inputs[name], name).toMatchObject({ type: "string", optional: true });
        }
    });

    it("gives every input and every output a description", () => {
        const undocumented = [
            ...Object.entries(component.inputProperties).filter(([, spec]) => !spec.description).map(([name]) => `input ${name}`),
            ...Object.entries(component.properties).filter(([, spec]) => !spec.description).map(([name]) => `output ${name}`),
        ];
        expect(undocumented).toEqual([]);
    });

    it("publishes every output of the component, all always set", () => {
        expect(Object.keys(component.properties).sort()).toEqual([...OUTPUTS].sort());
        expect(component.required).toEqual([...OUTPUTS].sort());
        expect(component.properties.secretNames).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
    });

    it("documents trainingKey and predictionKey as secrets", () => {
        // The 3.248 analyzer never writes `secret: true` (it has no syntax for it); the secrecy
        // travels with the values instead, proven through construct below.
        expect(component.properties.trainingKey.description).toMatch(/secret/i);
        expect(component.properties.predictionKey.description).toMatch(/secret/i);
    });
});

describe("the component provider (what other languages call)", () => {
    it("constructs CustomVision and returns trainingKey and predictionKey as secrets", async () => {
        const result = await provider.construct("shared", TYPE, { resourceGroupName: "rg-shared", location: "eastus" }, {});
        const state = result.state as Record<string, pulumi.Output<unknown>>;
        expect(Object.keys(state).sort()).toEqual([...OUTPUTS].sort());
        expect(await pulumi.isSecret(state.trainingKey)).toBe(true);
        expect(await pulumi.isSecret(state.predictionKey)).toBe(true);
        expect(await pulumi.isSecret(state.trainingEndpoint)).toBe(false);
        expect(await new Promise((done) => pulumi.output(result.urn).apply(done))).toMatch(new RegExp(`::${TYPE.replace(/\$/g, "\\$")}::shared$`));
    });

    it("refuses a type token of another package", async () => {
        await expect(provider.construct("x", "other:index:CustomVision", {}, {})).rejects.toThrow(/Invalid package name other/);
    });
});

describe("the analyzer's limits (why the args stay plain types)", () => {
    let fixtureDir: string;

    afterAll(() => {
        if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
    });

    it("rejects an argument typed as an anonymous union of string literals", async () => {
        fixtureDir = mkdtempSync(join(tmpdir(), "acv-schema-"));
        symlinkSync(join(REPO, "node_modules"), join(fixtureDir, "node_modules"), "dir");
        writeFileSync(join(fixtureDir, "package.json"), JSON.stringify({ name: "fixture", version: "1.0.0" }));
        writeFileSync(join(fixtureDir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "commonjs", target: "ES2022" }, files: ["index.ts"] }));
        writeFileSync(
            join(fixtureDir, "index.ts"),
            `import * as pulumi from "@pulumi/pulumi";
export interface SkuFixtureArgs { sku?: "F0" | "S0"; }
export class SkuFixture extends pulumi.ComponentResource {
    constructor(name: string, args: SkuFixtureArgs) { super("fixture:index:SkuFixture", name, {}); }
}
`,
        );
        class SkuFixture extends pulumi.ComponentResource {}
        const fixtureProvider = new ComponentProvider({ dirname: fixtureDir, name: "fixture", components: [SkuFixture] });
        await expect(fixtureProvider.getSchema()).rejects.toThrow(/Union types are not supported for component 'SkuFixture' .*'SkuFixtureArgs\.sku'/);
    });
});
