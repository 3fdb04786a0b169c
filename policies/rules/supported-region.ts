import type { StackValidationPolicy } from "@pulumi/policy";
import { roleOf } from "../lib/accounts";
import { CUSTOM_VISION_REGIONS, isSupportedRegion, normalizeLocation } from "../lib/facts";
import { describeLocation } from "../lib/locations";
import { describe } from "../lib/resource-like";
import { stackModelOf } from "../lib/stack-model";

interface SupportedRegionConfig {
    allowedRegions?: string[];
}

/**
 * ARM accepts a Custom Vision account only where the service runs; catching it here saves a failed
 * update. A stack policy, so that an account without `location` is judged where its resource group puts it.
 */
export const supportedRegion: StackValidationPolicy = {
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
    validateStack: (args, reportViolation) => {
        const allowedRegions = args.getConfig<SupportedRegionConfig>().allowedRegions ?? CUSTOM_VISION_REGIONS;
        const model = stackModelOf(args.resources);
        for (const account of model.accounts) {
            const location = model.locationOf(account.resource);
            if (typeof location !== "object" || isSupportedRegion(location.region, allowedRegions)) continue;
            reportViolation(
                `${roleOf(account.kind)} account ${describe(account.resource)} is in ${describeLocation(location)}, where Custom Vision is not offered. ` +
                    `Use one of: ${allowedRegions.map(normalizeLocation).join(", ")}.`,
                account.resource.urn,
            );
        }
    },
};
