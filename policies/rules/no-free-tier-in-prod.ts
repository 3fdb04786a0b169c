import type { ResourceValidationPolicy } from "@pulumi/policy";
import { customVisionAccountOf, describe, isFreeSku, isKnown, isProductionStack, PRODUCTION_CONFIG_SCHEMA, ProductionConfig, roleOf } from "./resources";

/** F0 caps an account at 2 projects and 10,000 predictions a month: an outage waiting for production traffic. */
export const noFreeTierInProd: ResourceValidationPolicy = {
    name: "custom-vision-no-free-tier-in-prod",
    description: "Custom Vision accounts in a production stack must not use the free F0 tier.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set the account's SKU to S0 (azure-native `sku: { name: \"S0\" }`, classic `skuName: \"S0\"`, or the CustomVision component's `trainingSku`/`predictionSku`). " +
        "F0 allows 2 projects, 5,000 training images per project and 10,000 predictions a month.",
    url: "https://learn.microsoft.com/azure/ai-services/custom-vision-service/limits-and-quotas",
    configSchema: { properties: { ...PRODUCTION_CONFIG_SCHEMA } },
    validateResource: (args, reportViolation) => {
        const account = customVisionAccountOf(args);
        if (!account || !isKnown(account.sku) || account.sku === undefined || !isFreeSku(account.sku)) {
            return;
        }
        if (isProductionStack(args.stackTags, args.urn, args.getConfig<Partial<ProductionConfig>>())) {
            reportViolation(`${roleOf(account.kind)} account ${describe(args)} uses the free F0 tier in a production stack. Set its SKU to S0.`);
        }
    },
};
