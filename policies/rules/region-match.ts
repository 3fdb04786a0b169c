import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { CustomVisionAccount, roleOf } from "../lib/accounts";
import { TRAINING_KIND } from "../lib/facts";
import { describeLocation, Located } from "../lib/locations";
import { PAIR_TAG, PAIRING_GROUPS } from "../lib/pairing";
import { describe } from "../lib/resource-like";
import { groupAccounts, stackModelOf } from "../lib/stack-model";

/** A Prediction account serves the iterations its Training account publishes: both must be in one region. */
export const regionMatch: StackValidationPolicy = {
    name: "custom-vision-region-match",
    description: "The Training and Prediction accounts of one Custom Vision pairing group must be in the same Azure region.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Give the Training and Prediction accounts that work together the same region (the CustomVision component takes one `location` for both). " +
        "An account without `location` is where azure-native puts it: its provider's `location` (an explicit provider's, or the stack config " +
        "`azure-native:location` of the default one), else its resource group's. An account whose region or group a preview cannot show is left out " +
        `until it can. ${PAIRING_GROUPS} Moving an account to another region replaces it: export projects first (ExportProject).`,
    url: "https://learn.microsoft.com/azure/ai-services/custom-vision-service/getting-started-build-a-classifier",
    validateStack: (args, reportViolation) => {
        const model = stackModelOf(args.resources);
        for (const { group, members } of groupAccounts(model, model.accounts).values()) {
            // Accounts whose location is unknown (also: inherited from nothing the stack shows) are left out.
            const located = members.flatMap((account) => {
                const location = model.locationOf(account.resource);
                return typeof location === "object" ? [{ account, location }] : [];
            });
            const training = located.filter(({ account }) => account.kind === TRAINING_KIND);
            if (training.length === 0 || training.length === located.length) continue;
            // The group's region is where most of its Training accounts are; every account elsewhere is reported.
            const reference = mostCommonRegion(training);
            for (const { account, location } of located) {
                if (location.region === reference.location.region) continue;
                reportViolation(
                    `${roleOf(account.kind)} account ${describe(account.resource)} is in ${describeLocation(location)}, but Training account ` +
                        `${describe(reference.account.resource)} of ${group.label} is in ${describeLocation(reference.location)}. ` +
                        "Put the Training and Prediction accounts of a pair in one region; if these are separate pairs (e.g. for disaster recovery), " +
                        `give each pair its own \`${PAIR_TAG}\` tag value or its own component.`,
                    account.resource.urn,
                );
            }
        }
    },
};

interface LocatedAccount {
    account: CustomVisionAccount<PolicyResource>;
    location: Located;
}

/** The region most members share (ties: the alphabetically first), and its first member (members come in URN order). */
function mostCommonRegion(members: readonly LocatedAccount[]): LocatedAccount {
    const counts = new Map<string, number>();
    for (const { location } of members) counts.set(location.region, (counts.get(location.region) ?? 0) + 1);
    const [region] = [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))[0];
    return members.find(({ location }) => location.region === region) as LocatedAccount;
}
