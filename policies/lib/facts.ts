/**
 * The Azure facts the pack shares with the CustomVision component (one copy, in `components/`),
 * imported here only, so the rules never reach into the component's files themselves.
 */
import { CUSTOM_VISION_TYPE } from "../../components/azure";

export { CUSTOM_VISION_KINDS, FREE_SKU, PREDICTION_KIND, PRODUCTION_ENVIRONMENTS, TRAINING_KIND } from "../../components/azure";
export { CUSTOM_VISION_REGIONS, isSupportedRegion, normalizeLocation } from "../../components/regions";

/**
 * Component types that hold Custom Vision accounts even when the engine reports them with a
 * provider: the CustomVision component, consumed as a multi-language component (PulumiPlugin.yaml),
 * is registered through its plugin like a custom resource.
 */
export const KNOWN_COMPONENT_TYPES: ReadonlySet<string> = new Set([CUSTOM_VISION_TYPE]);
