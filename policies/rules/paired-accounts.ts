import type { StackValidationPolicy } from "@pulumi/policy";
import { CustomVisionKind, roleOf } from "../lib/accounts";
import { PREDICTION_KIND, TRAINING_KIND } from "../lib/facts";
import { PAIRING_GROUPS } from "../lib/pairing";
import { describe, listed } from "../lib/resource-like";
import { groupAccounts, stackModelOf } from "../lib/stack-model";
import { isKnown } from "../lib/unknown";

/** A Training account alone cannot serve predictions (publishing needs a Prediction resource id); a Prediction account alone has nothing to serve. */
export const pairedAccounts: StackValidationPolicy = {
    name: "custom-vision-paired-accounts",
    description: "Each Custom Vision pairing group needs both a Training and a Prediction account.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Add the missing account (kind CustomVision.Training or CustomVision.Prediction) to the group, or use the CustomVision component, " +
        `which always creates both. A group holding an account whose kind or group is not known yet is not judged. ${PAIRING_GROUPS}`,
    url: "https://learn.microsoft.com/azure/ai-services/custom-vision-service/getting-started-build-a-classifier",
    validateStack: (args, reportViolation) => {
        const model = stackModelOf(args.resources);
        // An account whose kind is still unknown may be the missing half of any group it could join: those are not judged.
        const undecided = new Set<string>();
        for (const resource of model.unknownKind) {
            const candidates = model.pairing.candidateGroupsOf(resource);
            if (!isKnown(candidates)) return;
            candidates?.forEach((key) => undecided.add(key));
        }
        // An account whose group is still unknown may be the missing half of any group lacking its kind.
        const kindsOfUnknownGroup = new Set<CustomVisionKind>();
        for (const account of model.accounts) {
            if (typeof model.groupOf(account.resource) !== "object") kindsOfUnknownGroup.add(account.kind);
        }
        for (const { group, members } of groupAccounts(model, model.accounts).values()) {
            const kinds = new Set(members.map((account) => account.kind));
            if (kinds.size === 2) continue;
            const missing = kinds.has(TRAINING_KIND) ? PREDICTION_KIND : TRAINING_KIND;
            if (kindsOfUnknownGroup.has(missing)) continue;
            const couldJoin = (key: string): boolean => undecided.has(key);
            if (couldJoin(group.key) || members.some((account) => model.pairing.componentKeysOf(account.resource).some(couldJoin))) continue;
            const present = listed(members.map((account) => `${roleOf(account.kind)} ${describe(account.resource)}`));
            reportViolation(
                `No ${roleOf(missing)} account in ${group.label} (${present}). Add a ${missing} account to the group.`,
                members[0].resource.urn,
            );
        }
    },
};
