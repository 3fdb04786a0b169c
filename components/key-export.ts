import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import type { Accounts, AccountPurpose } from "./accounts";
import { API_VERSIONS } from "./azure";
import type { BuildContext } from "./context";
import { SECRET_NAMES, SecretContent } from "./naming";

/**
 * The account keys never pass through Pulumi: an ARM deployment inside Azure reads them with
 * `listKeys()` and writes them into the vault, the way Azure Verified Modules'
 * `secretsExportConfiguration` does (docs/azure-facts.md, "ARM-side key export"). No key is an
 * input, an output, a state value or a plan line, and a preview needs no right to list keys.
 */

/** The six key secrets: each account's key 1, key 2 and the active one. */
export const KEY_SECRETS: readonly { content: SecretContent; account: AccountPurpose; key: 1 | 2 | "active" }[] = Object.freeze([
    { content: "trainingKey1", account: "training", key: 1 },
    { content: "trainingKey2", account: "training", key: 2 },
    { content: "trainingKeyActive", account: "training", key: "active" },
    { content: "predictionKey1", account: "prediction", key: 1 },
    { content: "predictionKey2", account: "prediction", key: 2 },
    { content: "predictionKeyActive", account: "prediction", key: "active" },
]);

/** The parts of an ARM deployment template this export uses. */
export interface ArmTemplate {
    $schema: string;
    contentVersion: string;
    parameters: Record<string, { type: string; metadata?: { description: string } }>;
    resources: ArmTemplateResource[];
}

export interface ArmTemplateResource {
    type: string;
    apiVersion: string;
    name: string;
    tags: string;
    properties: { value: string; contentType: string; attributes: { enabled: boolean } };
}

const ACCOUNT_ID_PARAMETER: Readonly<Record<AccountPurpose, string>> = Object.freeze({ training: "trainingAccountId", prediction: "predictionAccountId" });
const HEADER: Readonly<Record<AccountPurpose, string>> = Object.freeze({ training: "Training-Key", prediction: "Prediction-Key" });

/**
 * The template that writes the key secrets. The active key is chosen here, so changing `activeKey`
 * changes the template and re-runs the export; so does a new `tags` value (it carries keyRotation).
 */
export function keyExportTemplate(activeKey: 1 | 2): ArmTemplate {
    const describe = (text: string) => ({ metadata: { description: text } });
    return {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        contentVersion: "1.0.0.0",
        parameters: {
            vaultName: { type: "string", ...describe("The component's Key Vault, in the deployment's resource group.") },
            trainingAccountId: { type: "string", ...describe("Resource id of the Training account.") },
            predictionAccountId: { type: "string", ...describe("Resource id of the Prediction account.") },
            tags: { type: "object", ...describe("Tags of every secret, with key-rotation when keyRotation is set.") },
        },
        resources: KEY_SECRETS.map(({ content, account, key }) => {
            const number = key === "active" ? activeKey : key;
            const which = key === "active" ? `active: key ${activeKey}` : `key ${key}`;
            return {
                type: "Microsoft.KeyVault/vaults/secrets",
                apiVersion: API_VERSIONS.keyVault,
                name: `[format('{0}/{1}', parameters('vaultName'), '${SECRET_NAMES[content]}')]`,
                tags: "[parameters('tags')]",
                properties: {
                    value: `[listKeys(parameters('${ACCOUNT_ID_PARAMETER[account]}'), '${API_VERSIONS.cognitiveServices}').key${number}]`,
                    contentType: `Custom Vision ${HEADER[account]} header value (${which})`,
                    attributes: { enabled: true },
                },
            };
        }),
    };
}

/** The deployment that runs the template in the component's resource group. */
export function buildKeyExport(context: BuildContext, accounts: Accounts, vaultName: pulumi.Input<string>): resources.Deployment {
    const { name, component, settings, names } = context;
    // The secrets' tags: the component's own (a secret takes 15 tags at most), and the rotation that wrote them.
    const tags = settings.keyRotation === "" ? settings.secretTags : { ...settings.secretTags, "key-rotation": settings.keyRotation };
    return new resources.Deployment(
        `${name}-key-export`,
        {
            deploymentName: names.keyExport,
            resourceGroupName: settings.resourceGroupName,
            properties: {
                // Incremental: the template adds secrets and never deletes anything else in the group.
                // No debugSetting: logging request or response content would put the keys in the deployment history.
                mode: "Incremental",
                template: keyExportTemplate(settings.activeKey),
                parameters: {
                    vaultName: { value: vaultName },
                    trainingAccountId: { value: accounts.training.id },
                    predictionAccountId: { value: accounts.prediction.id },
                    tags: { value: tags },
                },
            },
            tags: settings.tags,
        },
        { parent: component },
    );
}
