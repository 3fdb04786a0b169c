import type { StackValidationPolicy } from "@pulumi/policy";
import { customVisionAccountsIn, describe, groupBy, isFreeSku, isKnown, roleOf } from "./resources";

/** Azure allows one F0 account per kind per subscription: the second one fails with CanNotCreateMultipleFreeAccounts. */
export const singleFreeTier: StackValidationPolicy = {
    name: "custom-vision-single-free-tier",
    description: "A stack may hold at most one free (F0) Custom Vision account of each kind: Azure allows one per kind per subscription.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Keep one F0 Training and one F0 Prediction account at most; set the others to S0, or share one free pair between projects. " +
        "A soft-deleted F0 account may still hold the slot: purge it first.",
    url: "https://learn.microsoft.com/azure/ai-services/custom-vision-service/limits-and-quotas",
    validateStack: (args, reportViolation) => {
        const { accounts } = customVisionAccountsIn(args.resources);
        const free = accounts.filter((account) => isKnown(account.sku) && account.sku !== undefined && isFreeSku(account.sku));
        for (const members of groupBy(free, (account) => account.kind).values()) {
            const [first, ...others] = members;
            for (const account of others) {
                reportViolation(
                    `${roleOf(account.kind)} account ${describe(account.resource)} is a second free (F0) ${account.kind} account in this stack ` +
                        `(the first is ${describe(first.resource)}); Azure allows one per kind per subscription. Set it to S0.`,
                    account.resource.urn,
                );
            }
        }
    },
};
