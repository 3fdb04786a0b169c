/**
 * Azure facts the component and the policy pack share, so the two never drift apart.
 * Sources: docs/azure-facts.md (Microsoft docs, the REST specs and the providers' code).
 */

/** The Pulumi type token of the CustomVision component. */
export const CUSTOM_VISION_TYPE = "azure-custom-vision:index:CustomVision";

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

/** Built-in Azure RBAC role definition GUIDs (stable across tenants). */
export const ROLE_IDS = Object.freeze({
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
});

/**
 * The `principalType` values a Key Vault reader can have. ARM rejects an assignment whose type does
 * not match the principal (UnmatchedPrincipalType), and azure-native fills a missing one with "User".
 */
export const PRINCIPAL_TYPES: readonly string[] = Object.freeze(["ServicePrincipal", "User", "Group"]);

/** Key Vault soft-delete retention bounds in days (set only at creation). */
export const VAULT_RETENTION_DAYS = Object.freeze({ min: 7, max: 90 });

/** Log Analytics analytics retention bounds in days. */
export const WORKSPACE_RETENTION_DAYS = Object.freeze({ min: 30, max: 730 });

/**
 * Azure's tag limits (docs/azure-facts.md, "Tags"). Tag names compare case-insensitively. A Key Vault
 * secret takes at most 15 tags (names and values up to 512 characters).
 */
export const TAG_LIMITS = Object.freeze({
    perResource: 50,
    perSecret: 15,
    nameLength: 512,
    valueLength: 256,
    forbiddenNameCharacters: ["<", ">", "%", "&", "\\", "?", "/"] as readonly string[],
});

/** ARM id of a Log Analytics workspace; captures its resource group and name. */
export const WORKSPACE_ID_PATTERN = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/]+)$/i;

/** ARM id of a monitor action group. */
export const ACTION_GROUP_ID_PATTERN = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Insights\/actionGroups\/[^/]+$/i;

/** ARM id of a subnet of a virtual network. */
export const SUBNET_ID_PATTERN = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;

/** ARM id of a private DNS zone; captures the zone name. */
export const PRIVATE_DNS_ZONE_ID_PATTERN = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/i;

/**
 * Private Link for the two resource types (docs/azure-facts.md, "Network isolation"): the group id a
 * private endpoint connects to and the private DNS zone its address is registered in.
 */
export const PRIVATE_LINK = Object.freeze({
    cognitiveServices: { groupId: "account", dnsZone: "privatelink.cognitiveservices.azure.com" },
    keyVault: { groupId: "vault", dnsZone: "privatelink.vaultcore.azure.net" },
});

/** IP rules an Azure AI services account accepts (Key Vault allows 1,000; the lower limit governs both). */
export const MAX_IP_RULES = 100;

/** ARM deployment names: 1–64 characters. */
export const DEPLOYMENT_NAME_MAX_LENGTH = 64;

/** Monitor action group names: 1–260 characters (docs/azure-facts.md, "Names"). */
export const ACTION_GROUP_NAME_MAX_LENGTH = 260;

/**
 * Log Analytics saved search ids: Microsoft documents no limit (the REST API gives the path
 * parameter no length or pattern), so derived ids keep to 64 characters like the deployment and
 * private endpoint names (docs/azure-facts.md, "Names").
 */
export const SAVED_SEARCH_ID_MAX_LENGTH = 64;

/**
 * Private endpoint names: 2–64 letters, digits, underscores, periods and hyphens, starting with a
 * letter or digit, ending with a letter, digit or underscore; unique in the resource group
 * (docs/azure-facts.md, "Network isolation").
 */
export const PRIVATE_ENDPOINT_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_]$/;
export const PRIVATE_ENDPOINT_NAME_MAX_LENGTH = 64;

/**
 * The API versions the key-export template uses, the same ones @pulumi/azure-native 3.28 uses for
 * these types (each `.d.ts` says "Uses Azure REST API version ..."). One place, so an upgrade of
 * the provider is one edit.
 */
export const API_VERSIONS = Object.freeze({
    /** `Microsoft.CognitiveServices/accounts` and its `listKeys` action. */
    cognitiveServices: "2025-06-01",
    /** `Microsoft.KeyVault/vaults/secrets`. */
    keyVault: "2024-11-01",
});
