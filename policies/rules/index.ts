/**
 * The rules of the custom-vision-guard pack, importable without starting it (`../index.ts` serves them).
 * Users configure each rule by its `name`; each rule's metadata (description, level, severity,
 * remediation, config schema) is data on its object, which the docs are generated from.
 */
import type { Policies } from "@pulumi/policy";
import { diagnostics } from "./diagnostics";
import { keyAuthEnabled } from "./key-auth-enabled";
import { keyVaultPurgeProtectionInProd } from "./key-vault-purge-protection-in-prod";
import { noFreeTierInProd } from "./no-free-tier-in-prod";
import { pairedAccounts } from "./paired-accounts";
import { publicNetworkInProd } from "./public-network-in-prod";
import { regionMatch } from "./region-match";
import { singleFreeTier } from "./single-free-tier";
import { supportedRegion } from "./supported-region";
import { trainingProtectedInProd } from "./training-protected-in-prod";

export const policies: Policies = [
    regionMatch,
    noFreeTierInProd,
    supportedRegion,
    keyVaultPurgeProtectionInProd,
    pairedAccounts,
    diagnostics,
    keyAuthEnabled,
    trainingProtectedInProd,
    singleFreeTier,
    publicNetworkInProd,
];

export { PAIRING_GROUPS } from "../lib/pairing";
export { PRODUCTION_DETECTION } from "../lib/production";
export { PREVIEW_LIMITS } from "../lib/preview-limits";
