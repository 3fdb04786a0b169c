import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isInProduction, PRODUCTION_CONFIG_SCHEMA, PRODUCTION_DETECTION, ProductionConfig } from "../lib/production";
import { describe } from "../lib/resource-like";
import { keyVaultOf } from "../lib/vaults";

/** Without purge protection anyone who can delete the vault can also purge the account keys it holds for good. */
export const keyVaultPurgeProtectionInProd: ResourceValidationPolicy = {
    name: "custom-vision-key-vault-purge-protection-in-prod",
    description: "Key Vaults in production must have purge protection enabled.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Enable purge protection: azure-native `properties.enablePurgeProtection: true`, classic `purgeProtectionEnabled: true`, " +
        `or the CustomVision component's \`enablePurgeProtection\` (on by default in prod). It cannot be turned off again. ${PRODUCTION_DETECTION}`,
    url: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
    configSchema: { properties: { ...PRODUCTION_CONFIG_SCHEMA } },
    validateResource: (args, reportViolation) => {
        const vault = keyVaultOf(args);
        if (!vault || vault.purgeProtection === true || typeof vault.purgeProtection === "symbol") return;
        if (isInProduction(args, args.stackTags, args.getConfig<Partial<ProductionConfig>>()) === true) {
            reportViolation(`Key Vault ${describe(args)} has no purge protection in production. Enable purge protection.`);
        }
    },
};
