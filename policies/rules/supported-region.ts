import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CUSTOM_VISION_REGIONS, customVisionAccountOf, describe, isKnown, isSupportedRegion, regionKey, roleOf } from "./resources";

interface SupportedRegionConfig {
    allowedRegions?: string[];
}

/** ARM accepts a Custom Vision account only where the service runs; catching it here saves a failed update. */
export const supportedRegion: ResourceValidationPolicy = {
    name: "custom-vision-supported-region",
    description: "Custom Vision accounts must be in a region where Custom Vision is offered.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set the account's `location` to one of the allowed regions. If Azure has since added a region " +
        "(check `az cognitiveservices account list-skus --kind CustomVision.Training`), list it in this rule's `allowedRegions` config.",
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
        if (!account || !isKnown(account.location) || account.location === undefined) {
            return; // Unknown, or absent: it then follows the resource group, which the pack cannot see.
        }
        const allowedRegions = args.getConfig<SupportedRegionConfig>().allowedRegions ?? CUSTOM_VISION_REGIONS;
        if (!isSupportedRegion(account.location, allowedRegions)) {
            reportViolation(
                `${roleOf(account.kind)} account ${describe(args)} is in ${regionKey(account.location)}, where Custom Vision is not offered. ` +
                    `Use one of: ${allowedRegions.map(regionKey).join(", ")}.`,
            );
        }
    },
};
