import { describe, expect, it } from "vitest";
import { API_VERSIONS } from "../../components/azure";
import { KEY_SECRETS, keyExportTemplate } from "../../components/key-export";
import { SECRET_NAMES } from "../../components/naming";
import { CustomVision } from "../../components";
import { ofType, register, useAzureMocks } from "../helpers/mocks";

useAzureMocks("dev");

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
        const registrations = await register(() => new CustomVision("exported", { resourceGroupName: "rg-vision", location: "eastus" }));
        const { template, parameters } = ofType(registrations, "azure-native:resources:Deployment")[0].inputs.properties;
        expect(Object.keys(parameters).sort()).toEqual(Object.keys(template.parameters).sort());
        expect(Object.values(parameters).every((parameter) => Object.keys(parameter as object).join() === "value")).toBe(true);
    });
});
