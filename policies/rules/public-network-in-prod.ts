import type { ResourceValidationPolicy } from "@pulumi/policy";
import { customVisionAccountOf, roleOf } from "../lib/accounts";
import { isOpenToPublicNetworks } from "../lib/network-access";
import { isInProduction, PRODUCTION_CONFIG_SCHEMA, PRODUCTION_DETECTION, ProductionConfig } from "../lib/production";
import { describe } from "../lib/resource-like";
import { keyVaultOf } from "../lib/vaults";

/** Landing zones deny public endpoints on Cognitive Services and Key Vault: the keys and the training data sit behind them. */
export const publicNetworkInProd: ResourceValidationPolicy = {
    name: "custom-vision-public-network-in-prod",
    description:
        "Custom Vision accounts and Key Vaults in production should not accept traffic from every network: " +
        "public network access disabled, or network ACLs that deny by default.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Set public network access to Disabled and reach the resource through a private endpoint (azure-native `properties.publicNetworkAccess: \"Disabled\"`, " +
        "classic `publicNetworkAccessEnabled: false`), or keep it enabled with network ACLs that deny by default and allow your ranges " +
        "(`properties.networkAcls: { defaultAction: \"Deny\", ipRules: [...] }`, classic `networkAcls { defaultAction = \"Deny\" }`; a vault also " +
        "`bypass: \"AzureServices\"`). Azure enables public access when nothing is set. The CustomVision component's `network` argument sets both. " +
        `Raise this rule to mandatory where a landing zone requires it. ${PRODUCTION_DETECTION}`,
    url: "https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks",
    configSchema: { properties: { ...PRODUCTION_CONFIG_SCHEMA } },
    validateResource: (args, reportViolation) => {
        const account = customVisionAccountOf(args);
        const label = account ? `${roleOf(account.kind)} account` : keyVaultOf(args) ? "Key Vault" : undefined;
        if (!label || isOpenToPublicNetworks(args) !== true) return;
        if (isInProduction(args, args.stackTags, args.getConfig<Partial<ProductionConfig>>()) === true) {
            reportViolation(
                `${label} ${describe(args)} accepts traffic from every network in production (public network access enabled, ` +
                    "no network ACL denying by default). Disable public network access or set networkAcls.defaultAction to Deny.",
            );
        }
    },
};
