/**
 * Where Azure AI Custom Vision is offered. The one copy of this list: the component validates
 * `location` against it and the policy pack's `custom-vision-supported-region` rule uses it as its
 * default `allowedRegions`.
 *
 * Microsoft publishes no region table for Custom Vision; this is the Training API reference's region
 * picker. The authoritative runtime answer is ARM's SKU list
 * (`az cognitiveservices account list-skus --kind CustomVision.Training`), so both the component
 * (`allowedRegions`) and the rule (its `allowedRegions` config) let you override it.
 */
export const CUSTOM_VISION_REGIONS: readonly string[] = Object.freeze([
    "australiaeast",
    "centralindia",
    "eastus",
    "eastus2",
    "japaneast",
    "northcentralus",
    "northeurope",
    "southcentralus",
    "southeastasia",
    "uksouth",
    "westeurope",
    "westus2",
]);

/**
 * ARM's canonical form of a region: "East US", "eastus", "EastUS" and "east-us" are all `eastus`.
 * Azure accepts display names and programmatic names alike, so every comparison goes through this.
 */
export function normalizeLocation(location: string): string {
    return location.replace(/[\s_-]+/g, "").toLowerCase();
}

/** True when `location` (in any spelling) is one of `allowedRegions` (in any spelling). */
export function isSupportedRegion(location: string, allowedRegions: readonly string[] = CUSTOM_VISION_REGIONS): boolean {
    const wanted = normalizeLocation(location);
    return allowedRegions.some((region) => normalizeLocation(region) === wanted);
}
