import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import type { Accounts } from "./accounts";
import { ROLE_IDS } from "./azure";
import type { BuildContext } from "./context";
import { SECRET_NAMES, SecretContent, stableGuid } from "./naming";
import { vaultNetworkProperties } from "./network";

/** The vault, and the secrets Pulumi writes into it (everything but the keys, see key-export.ts). */
export interface VaultParts {
    vault: keyvault.Vault;
    /** The secrets written here, by what they hold. */
    secrets: Map<SecretContent, keyvault.Secret>;
}

/** The RBAC vault, the non-credential secrets and the Key Vault Secrets User assignments. */
export function buildVault(context: BuildContext, accounts: Accounts): VaultParts {
    const { name, component, settings, names, client } = context;
    const vault = new keyvault.Vault(
        `${name}-vault`,
        {
            vaultName: names.vault,
            resourceGroupName: settings.resourceGroupName,
            location: settings.location,
            properties: {
                tenantId: client.tenantId,
                sku: { family: "A", name: "standard" },
                // Older API versions default to access policies; say RBAC explicitly.
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: settings.softDeleteRetentionInDays,
                // ARM rejects `false` once set and purge protection is irreversible: send it only to turn it on.
                ...(settings.enablePurgeProtection ? { enablePurgeProtection: true } : {}),
                ...(settings.restoreSoftDeleted ? { createMode: "recover" as const } : {}),
                ...vaultNetworkProperties(settings.network),
            },
            tags: settings.tags,
        },
        { parent: component },
    );

    const secrets = new Map<SecretContent, keyvault.Secret>();
    for (const [content, secret] of configurationSecrets(context, accounts)) {
        const secretName = SECRET_NAMES[content];
        // Written through ARM (vaults/secrets PUT): Contributor suffices, no data-plane role, no RBAC propagation wait.
        secrets.set(
            content,
            new keyvault.Secret(
                `${name}-${secretName}`,
                {
                    vaultName: vault.name,
                    resourceGroupName: settings.resourceGroupName,
                    secretName,
                    properties: { value: pulumi.secret(secret.value), contentType: secret.contentType },
                    tags: settings.secretTags,
                },
                { parent: component },
            ),
        );
    }

    for (const reader of settings.secretReaders) {
        new authorization.RoleAssignment(
            `${name}-secrets-user-${reader.principalId}`,
            {
                roleAssignmentName: context.suffix.apply((suffix) => stableGuid([suffix, "vault", reader.principalId, ROLE_IDS.keyVaultSecretsUser])),
                scope: vault.id,
                principalId: reader.principalId,
                principalType: reader.principalType,
                roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.keyVaultSecretsUser}`,
            },
            // The name is a deterministic GUID and ARM allows one assignment per principal, role and
            // scope: a replacement (e.g. a corrected principalType) must delete the old one first,
            // or the create fails with RoleAssignmentExists / RoleAssignmentUpdateNotPermitted.
            { parent: component, deleteBeforeReplace: true },
        );
    }
    return { vault, secrets };
}

interface SecretValue {
    value: pulumi.Input<string>;
    contentType: string;
}

/** What applications need besides the keys: endpoints, the prediction resource id, the region, project settings. */
function configurationSecrets({ settings }: BuildContext, { training, prediction }: Accounts): [SecretContent, SecretValue][] {
    const endpointOf = (account: typeof training) => account.properties.apply((properties) => properties.endpoint ?? "");
    const entries: [SecretContent, SecretValue][] = [
        ["trainingEndpoint", { value: endpointOf(training), contentType: "Custom Vision training endpoint URL" }],
        ["predictionEndpoint", { value: endpointOf(prediction), contentType: "Custom Vision prediction endpoint URL" }],
        ["predictionResourceId", { value: prediction.id, contentType: "ARM resource id of the Prediction account (publish an iteration with it)" }],
        ["region", { value: settings.location, contentType: "Azure region of both accounts" }],
    ];
    if (settings.projectId !== undefined) {
        entries.push(["projectId", { value: settings.projectId, contentType: "Custom Vision project id (GUID)" }]);
    }
    if (settings.publishedIterationName !== undefined) {
        entries.push(["publishedIterationName", { value: settings.publishedIterationName, contentType: "Custom Vision published iteration name (case-sensitive)" }]);
    }
    return entries;
}
