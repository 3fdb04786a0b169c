import type { StackValidationPolicy } from "@pulumi/policy";
import { isFreeSku, roleOf } from "../lib/accounts";
import { describe } from "../lib/resource-like";
import { stackModelOf } from "../lib/stack-model";

/**
 * Azure allows one F0 account per kind per subscription: the second one fails with
 * CanNotCreateMultipleFreeAccounts. The limit is the subscription's, so the count is stack-wide,
 * across pairing groups.
 */
export const singleFreeTier: StackValidationPolicy = {
    name: "custom-vision-single-free-tier",
    description: "A stack may hold at most one free (F0) Custom Vision account of each kind: Azure allows one per kind per subscription.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Keep one F0 Training and one F0 Prediction account at most, across all pairing groups of the stack; set the others to S0, " +
        "or share one free pair between projects. A soft-deleted F0 account may still hold the slot: purge it first.",
    url: "https://learn.microsoft.com/azure/ai-services/custom-vision-service/limits-and-quotas",
    validateStack: (args, reportViolation) => {
        const model = stackModelOf(args.resources);
        // Accounts come in URN order: "the first" is the same whatever order the engine lists them in.
        const firstOfKind = new Map<string, string>();
        for (const account of model.accounts) {
            if (!isFreeSku(account.sku)) continue;
            const first = firstOfKind.get(account.kind);
            if (first === undefined) {
                firstOfKind.set(account.kind, describe(account.resource));
                continue;
            }
            reportViolation(
                `${roleOf(account.kind)} account ${describe(account.resource)} is a second free (F0) ${account.kind} account in this stack ` +
                    `(the first is ${first}); Azure allows one per kind per subscription. Set it to S0.`,
                account.resource.urn,
            );
        }
    },
};
