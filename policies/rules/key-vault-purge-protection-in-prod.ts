import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, isKnown, isProductionStack, keyVaultOf, PRODUCTION_CONFIG_SCHEMA, ProductionConfig } from "./resources";

/** Without purge protection anyone who can delete the vault can also purge the account keys it holds for good. */
export const keyVaultPurgeProtectionInProd: ResourceValidationPolicy = {
    name: "key-vault-purge-protection-in-prod",
    description: "Key Vaults in a production stack must have purge protection enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Enable purge protection: azure-native `properties.enablePurgeProtection: true`, classic `purgeProtectionEnabled: true`, " +
        "or the CustomVision component's `enablePurgeProtection` (on by default in prod). It cannot be turned off again.",
    url: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
    configSchema: { properties: { ...PRODUCTION_CONFIG_SCHEMA } },
    validateResource: (args, reportViolation) => {
        const vault = keyVaultOf(args);
        if (!vault || !isKnown(vault.purgeProtection) || vault.purgeProtection === true) {
            return;
        }
        if (isProductionStack(args.stackTags, args.urn, args.getConfig<Partial<ProductionConfig>>())) {
            reportViolation(`Key Vault ${describe(args)} has no purge protection in a production stack. Enable purge protection.`);
        }
    },
};
