import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { CustomVisionAccount, customVisionAccountsIn, describe, describeGroup, groupBy, isKnown, pairingGroupOf, regionKey, roleOf, TRAINING_KIND } from "./resources";

/** A Prediction account serves the iterations its Training account publishes: both must be in one region. */
export const regionMatch: StackValidationPolicy = {
    name: "custom-vision-region-match",
    description: "The Training and Prediction accounts of one Custom Vision pairing group must be in the same Azure region.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Give the Training and Prediction accounts that work together the same `location` (the CustomVision component takes one `location` for both). " +
        "Accounts share a pairing group when they share a parent component; accounts without a component parent form one group per stack. " +
        "Moving an account to another region replaces it: export projects first (ExportProject).",
    url: "https://learn.microsoft.com/azure/ai-services/custom-vision-service/getting-started-build-a-classifier",
    validateStack: (args, reportViolation) => {
        const { accounts } = customVisionAccountsIn(args.resources);
        // Accounts whose location is unknown (or absent: it then follows the resource group) are left out.
        const located = accounts.flatMap((account) => (isKnown(account.location) && account.location ? [{ account, region: regionKey(account.location) }] : []));
        for (const [group, members] of groupBy(located, ({ account }) => pairingGroupOf(account.resource))) {
            const training = members.filter(({ account }) => account.kind === TRAINING_KIND);
            if (training.length === 0 || training.length === members.length) continue;
            // The group's region is where most of its Training accounts are; every account elsewhere is reported.
            const reference = mostCommonRegion(training);
            for (const { account, region } of members) {
                if (region === reference.region) continue;
                reportViolation(
                    `${roleOf(account.kind)} account ${describe(account.resource)} is in ${region}, but Training account ` +
                        `${describe(reference.account.resource)} of ${describeGroup(group)} is in ${reference.region}. ` +
                        "Put the Training and Prediction accounts in one region.",
                    account.resource.urn,
                );
            }
        }
    },
};

interface Located {
    account: CustomVisionAccount<PolicyResource>;
    region: string;
}

function mostCommonRegion(members: readonly Located[]): Located {
    const counts = new Map<string, number>();
    let best = members[0];
    for (const member of members) {
        const count = (counts.get(member.region) ?? 0) + 1;
        counts.set(member.region, count);
        if (count > (counts.get(best.region) ?? 0)) best = member;
    }
    return best;
}
