import type { ResourceValidationPolicy } from "@pulumi/policy";
import { customVisionAccountOf, roleOf } from "../lib/accounts";
import { describe } from "../lib/resource-like";

/** The Custom Vision SDKs send only `Training-Key`/`Prediction-Key` headers: without key auth every SDK client fails. */
export const keyAuthEnabled: ResourceValidationPolicy = {
    name: "custom-vision-key-auth-enabled",
    description: "Custom Vision accounts must keep key (local) authentication enabled: the Custom Vision SDKs authenticate only with keys.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Remove `disableLocalAuth: true` (azure-native `properties.disableLocalAuth`) or set classic `localAuthEnabled: true`. " +
        "Keep the keys in Key Vault and restrict who reads them instead. Disable key auth only if every client calls the REST API with Entra ID tokens.",
    url: "https://learn.microsoft.com/azure/ai-services/disable-local-auth",
    validateResource: (args, reportViolation) => {
        const account = customVisionAccountOf(args);
        if (account?.keyAuthDisabled === true) {
            reportViolation(`${roleOf(account.kind)} account ${describe(args)} disables key authentication, which every Custom Vision SDK needs. Re-enable it.`);
        }
    },
};
