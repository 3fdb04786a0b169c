import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { beforeAll, describe, expect, it } from "vitest";
import * as components from "../../components";
import { useAzureMocks } from "../helpers/mocks";

// What `pulumi package add <this repo>` does, minus the engine: the Node.js plugin host loads the
// package, collects its exported ComponentResource classes and serves them with a ComponentProvider
// named after package.json's `name`, as @pulumi/pulumi's plugin host does. The schema drives every
// generated SDK (Python, Go, .NET, Java, YAML).

const REPO = resolve(__dirname, "../..");
const TYPE = "azure-custom-vision:index:CustomVision";
const OUTPUTS = [
    "trainingEndpoint", "predictionEndpoint", "trainingAccountId", "trainingAccountName", "predictionAccountId",
    "predictionAccountName", "keyVaultId", "keyVaultName", "keyVaultUri", "secretNames", "secretUris", "workspaceId",
    "location", "trainingAccount", "predictionAccount", "keyVault",
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
    types: Record<string, { type: string; properties?: Record<string, PropertySpec>; required?: string[]; enum?: { value: string }[] }>;
    dependencies: { name: string; version: string }[];
}

function providerName(): string {
    // The plugin host's rule: the package name without scope, other characters replaced by "-".
    const { name } = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { name: string };
    return name.replace(/^@[^/]+\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");
}

const provider = new ComponentProvider({ dirname: REPO, name: providerName(), components: getPulumiComponents(components) });
let schema: PackageSchema;
let component: ResourceSpec;

// The one mock runtime of the repository: the plan's Azure mocks behind its capturing monitor.
useAzureMocks("prod");

beforeAll(async () => {
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

    it("maps every argument to a schema type", () => {
        const inputs = component.inputProperties;
        expect(inputs.tags).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
        expect(inputs.secretReaderPrincipalIds).toMatchObject({ type: "array", items: { type: "string" } });
        expect(inputs.allowedRegions).toMatchObject({ type: "array", items: { type: "string" } });
        expect(inputs.logRetentionInDays).toMatchObject({ type: "number", optional: true });
        expect(inputs.enablePurgeProtection).toMatchObject({ type: "boolean", optional: true });
        expect(inputs.lockTrainingAccount).toMatchObject({ type: "boolean", optional: true });
        for (const name of ["environment", "trainingSku", "predictionSku", "logAnalyticsWorkspaceId", "keyVaultName", "trainingSubdomain", "predictionSubdomain", "keyRotation"]) {
            expect(inputs[name], name).toMatchObject({ type: "string", optional: true });
        }
    });

    it("types secretReaders as a list of principals whose type is an enum", () => {
        expect(component.inputProperties.secretReaders).toMatchObject({ type: "array", items: { $ref: "#/types/azure-custom-vision:index:SecretReader" } });
        expect(schema.types["azure-custom-vision:index:SecretReader"]).toMatchObject({
            properties: { principalId: { type: "string" }, principalType: { $ref: "#/types/azure-custom-vision:index:PrincipalType" } },
            required: ["principalId", "principalType"],
        });
        expect(schema.types["azure-custom-vision:index:PrincipalType"].enum?.map((member) => member.value)).toEqual(["ServicePrincipal", "User", "Group"]);
    });

    it("gives every input and every output a description", () => {
        const undocumented = [
            ...Object.entries(component.inputProperties).filter(([, spec]) => !spec.description).map(([name]) => `input ${name}`),
            ...Object.entries(component.properties).filter(([, spec]) => !spec.description).map(([name]) => `output ${name}`),
        ];
        expect(undocumented).toEqual([]);
    });

    it("publishes every output of the component, all always set, and no key", () => {
        expect(Object.keys(component.properties).sort()).toEqual([...OUTPUTS].sort());
        expect(component.required).toEqual([...OUTPUTS].sort());
        expect(component.properties.secretNames).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
        expect(component.properties.secretUris).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
    });

    it("hands out the accounts and the vault as azure-native resources, so other languages get typed references", () => {
        const azureNative = schema.dependencies.find((dependency) => dependency.name === "azure-native")!;
        expect(azureNative.version).toBe("3.28.0");
        const ref = (token: string) => `/azure-native/v${azureNative.version}/schema.json#/resources/${token}`;
        expect(component.properties.trainingAccount.$ref).toBe(ref("azure-native:cognitiveservices:Account"));
        expect(component.properties.predictionAccount.$ref).toBe(ref("azure-native:cognitiveservices:Account"));
        expect(component.properties.keyVault.$ref).toBe(ref("azure-native:keyvault:Vault"));
    });
});

describe("the component provider (what other languages call)", () => {
    it("constructs CustomVision and returns every output, none of them secret", async () => {
        const result = await provider.construct("shared", TYPE, { resourceGroupName: "rg-shared", location: "eastus" }, {});
        const state = result.state as Record<string, pulumi.Output<unknown> | pulumi.Resource>;
        expect(Object.keys(state).sort()).toEqual([...OUTPUTS].sort());
        for (const name of OUTPUTS.filter((output) => pulumi.Output.isInstance(state[output]))) {
            expect(await pulumi.isSecret(state[name] as pulumi.Output<unknown>), name).toBe(false);
        }
        expect(pulumi.Resource.isInstance(state.trainingAccount)).toBe(true);
        expect(await new Promise((done) => pulumi.output(result.urn).apply(done))).toMatch(new RegExp(`::${TYPE.replace(/\$/g, "\\$")}::shared$`));
    });

    it("refuses a type token of another package", async () => {
        await expect(provider.construct("x", "other:index:CustomVision", {}, {})).rejects.toThrow(/Invalid package name other/);
    });
});
