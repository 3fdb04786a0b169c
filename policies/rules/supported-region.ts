import type { ResourceValidationPolicy } from "@pulumi/policy";
import { customVisionAccountOf, roleOf } from "../lib/accounts";
import { CUSTOM_VISION_REGIONS, isSupportedRegion, normalizeLocation } from "../lib/facts";
import { describe } from "../lib/resource-like";

interface SupportedRegionConfig {
    allowedRegions?: string[];
}

/**
 * ARM accepts a Custom Vision account only where the service runs; catching it here saves a failed
 * update. A resource policy: it sees the inputs after the provider's `Check`, which has already put
 * an account without `location` where its provider or resource group does, also for accounts whose
 * provider's configuration is unknown at preview, whose outputs tell a stack policy nothing
 * (docs/azure-facts.md, "Pulumi engine and policy behaviour").
 */
export const supportedRegion: ResourceValidationPolicy = {
    name: "custom-vision-supported-region",
    description: "Custom Vision accounts must be in a region where Custom Vision is offered.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set the account's `location` (or the `location` of what it inherits from: its provider, the stack config `azure-native:location`, " +
        "or its resource group in the stack) to one of the allowed regions. " +
        "If Azure has since added a region (check `az cognitiveservices account list-skus --kind CustomVision.Training`), " +
        "list it in this rule's `allowedRegions` config.",
    url: "https://azure.microsoft.com/explore/global-infrastructure/products-by-region/",
    configSchema: {
        properties: {
            allowedRegions: {
                type: "array",
                items: { type: "string", minLength: 1 },
                minItems: 1,
                default: [...CUSTOM_VISION_REGIONS],
                description: "Regions where Custom Vision accounts may be created, in any spelling (\"East US\", \"eastus\").",
            },
        },
    },
    validateResource: (args, reportViolation) => {
        const account = customVisionAccountOf(args);
        if (!account || typeof account.location !== "string" || !account.location) return;
        const allowedRegions = args.getConfig<SupportedRegionConfig>().allowedRegions ?? CUSTOM_VISION_REGIONS;
        if (isSupportedRegion(account.location, allowedRegions)) return;
        reportViolation(
            `${roleOf(account.kind)} account ${describe(args)} is in ${normalizeLocation(account.location)}, where Custom Vision is not offered. ` +
                `Use one of: ${allowedRegions.map(normalizeLocation).join(", ")}.`,
        );
    },
};
