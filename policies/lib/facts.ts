/**
 * The Azure facts the pack shares with the CustomVision component (one copy, in `components/`),
 * imported here only, so the rules never reach into the component's files themselves.
 */
export { CUSTOM_VISION_KINDS, FREE_SKU, PREDICTION_KIND, PRODUCTION_ENVIRONMENTS, TRAINING_KIND } from "../../components/azure";
export { CUSTOM_VISION_REGIONS, isSupportedRegion, normalizeLocation } from "../../components/regions";

