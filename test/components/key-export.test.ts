import { describe, expect, it } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import { API_VERSIONS } from "../../components/azure";
import { KEY_SECRETS, keyExportTemplate } from "../../components/key-export";
import { SECRET_NAMES } from "../../components/naming";
import { CustomVision, CustomVisionArgs } from "../../components";
import { fakeKey, ofType, register, SUBSCRIPTION_ID, useAzureMocks, valueOf } from "../helpers/mocks";

const runtime = useAzureMocks("dev");
const ACCOUNT = "azure-native:cognitiveservices:Account";
const VAULT = "azure-native:keyvault:Vault";
const DEPLOYMENT = "azure-native:resources:Deployment";

async function build(name: string, args: Partial<CustomVisionArgs> = {}) {
    let component!: CustomVision;
    const registrations = await register(() => {
        component = new CustomVision(name, { resourceGroupName: "rg-vision", location: "West Europe", ...args });
    });
    return { component, registrations };
}
const armAccountId = (accountName: string) =>
    `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vision/providers/Microsoft.CognitiveServices/accounts/${accountName}`;

/** `parameters('name')` references in an ARM template expression. */
const parameterReferences = (expression: string) => [...expression.matchAll(/parameters\('([^']+)'\)/g)].map((match) => match[1]);

/** An ARM template expression: `[ ... ]` with balanced parentheses and quotes. */
function isExpression(value: string): boolean {
    if (!value.startsWith("[") || !value.endsWith("]") || value.startsWith("[[")) return false;
    const inner = value.slice(1, -1);
    if ((inner.match(/'/g) ?? []).length % 2 !== 0) return false;
    let depth = 0;
    for (const character of inner.replace(/'[^']*'/g, "")) {
        depth += character === "(" ? 1 : character === ")" ? -1 : 0;
        if (depth < 0) return false;
    }
    return depth === 0;
}

describe("the key-export template", () => {
    for (const activeKey of [1, 2] as const) {
        const template = keyExportTemplate(activeKey);

        it(`is a deployment template whose resources each have type, apiVersion, name and properties.value (activeKey ${activeKey})`, () => {
            expect(template.$schema).toBe("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#");
            expect(template.contentVersion).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
            expect(template.resources).toHaveLength(6);
            for (const resource of template.resources) {
                expect(resource.type).toBe("Microsoft.KeyVault/vaults/secrets");
                expect(resource.apiVersion).toBe(API_VERSIONS.keyVault);
                expect(resource.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
                expect(isExpression(resource.name)).toBe(true);
                expect(isExpression(resource.properties.value)).toBe(true);
                expect(isExpression(resource.tags)).toBe(true);
                expect(resource.properties.contentType.length).toBeGreaterThan(10);
            }
        });

        it(`declares every parameter it uses, and uses every one it declares (activeKey ${activeKey})`, () => {
            const used = new Set(template.resources.flatMap((resource) => [resource.name, resource.tags, resource.properties.value].flatMap(parameterReferences)));
            expect([...used].sort()).toEqual(Object.keys(template.parameters).sort());
            for (const parameter of Object.values(template.parameters)) expect(["string", "object", "int", "bool", "array", "secureString"]).toContain(parameter.type);
        });

        it(`writes key 1, key 2 and the active key of each account under their 0.1.0 names, read with listKeys (activeKey ${activeKey})`, () => {
            const written = Object.fromEntries(template.resources.map((resource) => [/'([a-z0-9-]+)'\)\]$/.exec(resource.name)![1], resource.properties.value]));
            const listKeys = (account: string, key: number) => `[listKeys(parameters('${account}AccountId'), '${API_VERSIONS.cognitiveServices}').key${key}]`;
            expect(written).toEqual({
                [SECRET_NAMES.trainingKey1]: listKeys("training", 1),
                [SECRET_NAMES.trainingKey2]: listKeys("training", 2),
                [SECRET_NAMES.trainingKeyActive]: listKeys("training", activeKey),
                [SECRET_NAMES.predictionKey1]: listKeys("prediction", 1),
                [SECRET_NAMES.predictionKey2]: listKeys("prediction", 2),
                [SECRET_NAMES.predictionKeyActive]: listKeys("prediction", activeKey),
            });
            expect(KEY_SECRETS.map((secret) => SECRET_NAMES[secret.content]).sort()).toEqual(Object.keys(written).sort());
        });

        it(`has no outputs: nothing the deployment reads comes back from it (activeKey ${activeKey})`, () => {
            expect(template).not.toHaveProperty("outputs");
        });
    }

    it("gets exactly the parameters it declares from the component", async () => {
        const { registrations } = await build("exported");
        const { template, parameters } = ofType(registrations, DEPLOYMENT)[0].inputs.properties;
        expect(Object.keys(parameters).sort()).toEqual(Object.keys(template.parameters).sort());
        expect(Object.values(parameters).every((parameter) => Object.keys(parameter as object).join() === "value")).toBe(true);
    });
});

describe("account keys", async () => {
    const { component, registrations } = await build("keys", { activeKey: 2, keyRotation: "2026-05" });
    const accountNames = ofType(registrations, ACCOUNT).map((r) => r.inputs.accountName as string);
    const keys = accountNames.flatMap((accountName) => [fakeKey(accountName, 1), fakeKey(accountName, 2)]);

    it("reach no registration, no mocked state and no output, secret-wrapped or not", async () => {
        expect(keys).toHaveLength(4);
        const registered = JSON.stringify([runtime.monitor.registrations, runtime.mocks.resources.map((r) => [r.rawInputs, r.state])]);
        const outputs = JSON.stringify(
            await Promise.all(
                Object.entries(component)
                    .filter(([, value]) => pulumi.Output.isInstance(value))
                    .map(([, value]) => valueOf(value as pulumi.Output<unknown>)),
            ),
        );
        for (const key of keys) {
            expect(registered).not.toContain(key);
            expect(outputs).not.toContain(key);
        }
        expect(runtime.invokes.filter((invoke) => /listAccountKeys|listKeys/i.test(invoke.token))).toEqual([]);
    });

    it("are written by one Incremental ARM deployment in the component's resource group, reading the accounts by id", () => {
        const [deployment] = ofType(registrations, DEPLOYMENT);
        expect(deployment.name).toBe("keys-key-export");
        expect(deployment.inputs.resourceGroupName).toBe("rg-vision");
        expect(deployment.inputs.deploymentName).toMatch(/^dev-keys-key-export-[0-9a-f]{8}$/);
        expect(deployment.inputs.properties.mode).toBe("Incremental");
        expect(deployment.inputs.properties).not.toHaveProperty("debugSetting");
        const parameters = deployment.inputs.properties.parameters;
        expect(parameters.trainingAccountId.value).toBe(armAccountId(accountNames[0]));
        expect(parameters.predictionAccountId.value).toBe(armAccountId(accountNames[1]));
        expect(parameters.vaultName.value).toBe(ofType(registrations, VAULT)[0].inputs.vaultName);
        expect(deployment.propertyDependencies["properties"]).toEqual(expect.arrayContaining([...ofType(registrations, ACCOUNT), ...ofType(registrations, VAULT)].map((r) => r.urn)));
    });

    it("follow activeKey into the active secrets, and keyRotation into every key secret's tags", () => {
        const { template, parameters } = ofType(registrations, DEPLOYMENT)[0].inputs.properties;
        const valueOfSecret = (secretName: string) => template.resources.find((r: { name: string }) => r.name.includes(`'${secretName}'`)).properties.value;
        expect(valueOfSecret("training-key-active")).toMatch(/\.key2\]$/);
        expect(valueOfSecret("prediction-key-active")).toMatch(/^\[listKeys\(parameters\('predictionAccountId'\), '[0-9-]+'\)\.key2\]$/);
        expect(valueOfSecret("training-key-1")).toMatch(/\.key1\]$/);
        expect(parameters.tags.value).toEqual({ "managed-by": "pulumi", component: "azure-custom-vision", environment: "dev", "key-rotation": "2026-05" });
    });

    it("re-run the export when keyRotation changes: the deployment's inputs differ, nothing else does", async () => {
        const inputsOf = async (keyRotation?: string) => {
            const { registrations: built } = await build("rotating", keyRotation === undefined ? {} : { keyRotation });
            return built.map((r) => ({ name: r.name, inputs: JSON.stringify(r.inputs) }));
        };
        const [before, after] = [await inputsOf(), await inputsOf("1")];
        const changed = before.filter((registration, index) => registration.inputs !== after[index].inputs).map((registration) => registration.name);
        expect(changed).toEqual(["rotating-key-export"]);
    });
});
