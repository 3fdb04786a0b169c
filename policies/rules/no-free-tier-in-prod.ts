import type { ResourceValidationPolicy } from "@pulumi/policy";
import { customVisionAccountOf, isFreeSku, roleOf } from "../lib/accounts";
import { isInProduction, PRODUCTION_CONFIG_SCHEMA, PRODUCTION_DETECTION, ProductionConfig } from "../lib/production";
import { describe } from "../lib/resource-like";

/** F0 caps an account at 2 projects and 10,000 predictions a month: an outage waiting for production traffic. */
export const noFreeTierInProd: ResourceValidationPolicy = {
    name: "custom-vision-no-free-tier-in-prod",
    description: "Custom Vision accounts in production must not use the free F0 tier.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set the account's SKU to S0 (azure-native `sku: { name: \"S0\" }`, classic `skuName: \"S0\"`, or the CustomVision component's `trainingSku`/`predictionSku`). " +
        `F0 allows 2 projects, 5,000 training images per project and 10,000 predictions a month. ${PRODUCTION_DETECTION}`,
    url: "https://learn.microsoft.com/azure/ai-services/custom-vision-service/limits-and-quotas",
    configSchema: { properties: { ...PRODUCTION_CONFIG_SCHEMA } },
    validateResource: (args, reportViolation) => {
        const account = customVisionAccountOf(args);
        if (!account || !isFreeSku(account.sku)) return;
        if (isInProduction(args, args.stackTags, args.getConfig<Partial<ProductionConfig>>()) === true) {
            reportViolation(`${roleOf(account.kind)} account ${describe(args)} uses the free F0 tier in production. Set its SKU to S0.`);
        }
    },
};
