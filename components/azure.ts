/**
 * Azure facts the component and the policy pack share, so the two never drift apart.
 * Sources: ../shared/azure-facts.md (Microsoft docs and the REST specs).
 */

/** ARM `kind` of the two Custom Vision accounts. */
export const TRAINING_KIND = "CustomVision.Training";
export const PREDICTION_KIND = "CustomVision.Prediction";
export const CUSTOM_VISION_KINDS: readonly string[] = Object.freeze([TRAINING_KIND, PREDICTION_KIND]);

/** The pricing tiers Custom Vision offers. F0 caps a project at 2 projects and 10,000 predictions a month. */
export const CUSTOM_VISION_SKUS: readonly string[] = Object.freeze(["F0", "S0"]);
export const FREE_SKU = "F0";

/**
 * Environment names that mean production: the component's `environment` turns on its guards for
 * them, and the policy pack's default production tag values and stack-name pattern are built from them.
 */
export const PRODUCTION_ENVIRONMENTS: readonly string[] = Object.freeze(["prod", "production"]);

/** Built-in role definition GUIDs (stable across tenants). */
export const ROLE_IDS = Object.freeze({
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    customVisionContributor: "c1ff6cc2-c111-46fe-8896-e0ef812ad9f3",
});

/** Key Vault soft-delete retention bounds in days (set only at creation). */
export const VAULT_RETENTION_DAYS = Object.freeze({ min: 7, max: 90, default: 90 });

/** Log Analytics analytics retention bounds in days. */
export const WORKSPACE_RETENTION_DAYS = Object.freeze({ min: 30, max: 730, default: 30 });
