/**
 * The rules of the custom-vision-guard pack, importable without starting it (`../index.ts` serves them).
 * Users configure each rule by its `name`.
 */
import type { Policies } from "@pulumi/policy";
import { diagnostics } from "./diagnostics";
import { keyAuthEnabled } from "./key-auth-enabled";
import { keyVaultPurgeProtectionInProd } from "./key-vault-purge-protection-in-prod";
import { noFreeTierInProd } from "./no-free-tier-in-prod";
import { pairedAccounts } from "./paired-accounts";
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
];

export {
    diagnostics,
    keyAuthEnabled,
    keyVaultPurgeProtectionInProd,
    noFreeTierInProd,
    pairedAccounts,
    regionMatch,
    singleFreeTier,
    supportedRegion,
    trainingProtectedInProd,
};
