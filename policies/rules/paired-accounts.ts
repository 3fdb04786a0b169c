import type { StackValidationPolicy } from "@pulumi/policy";
import { customVisionAccountsIn, describe, describeGroup, groupBy, pairingGroupOf, PREDICTION_KIND, roleOf, TRAINING_KIND } from "./resources";

/** A Training account alone cannot serve predictions (publishing needs a Prediction resource id); a Prediction account alone has nothing to serve. */
export const pairedAccounts: StackValidationPolicy = {
    name: "custom-vision-paired-accounts",
    description: "Each Custom Vision pairing group needs both a Training and a Prediction account.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Add the missing account (kind CustomVision.Training or CustomVision.Prediction) next to the other one, under the same parent component, " +
        "or use the CustomVision component, which always creates both.",
    url: "https://learn.microsoft.com/azure/ai-services/custom-vision-service/getting-started-build-a-classifier",
    validateStack: (args, reportViolation) => {
        const { accounts, unknownKind } = customVisionAccountsIn(args.resources);
        // An account whose kind is still unknown may be the missing half: its group is not judged.
        const undecided = new Set(unknownKind.map(pairingGroupOf));
        for (const [group, members] of groupBy(accounts, (account) => pairingGroupOf(account.resource))) {
            if (undecided.has(group)) continue;
            const kinds = new Set(members.map((account) => account.kind));
            if (kinds.size === 2) continue;
            const missing = kinds.has(TRAINING_KIND) ? PREDICTION_KIND : TRAINING_KIND;
            const present = listed(members.map((account) => `${roleOf(account.kind)} ${describe(account.resource)}`));
            reportViolation(
                `No ${roleOf(missing)} account among ${describeGroup(group)} (${present}). Add a ${missing} account to the group.`,
                members[0].resource.urn,
            );
        }
    },
};

const LISTED = 5;

/** A readable list, bounded: a stack-wide group can hold thousands of accounts. */
function listed(items: readonly string[]): string {
    const shown = items.slice(0, LISTED).join(", ");
    return items.length > LISTED ? `${shown} and ${items.length - LISTED} more` : shown;
}
