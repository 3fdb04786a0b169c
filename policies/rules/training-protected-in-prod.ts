import type { StackValidationPolicy } from "@pulumi/policy";
import { Coverage, coverageTarget } from "../lib/coverage";
import { TRAINING_KIND } from "../lib/facts";
import { managementLockOf } from "../lib/locks";
import { isInProduction, PRODUCTION_CONFIG_SCHEMA, PRODUCTION_DETECTION, ProductionConfig } from "../lib/production";
import { armTypeOfKind } from "../lib/resource-ids";
import { describe } from "../lib/resource-like";
import { stackModelOf } from "../lib/stack-model";
import { forEachResource, isKnown } from "../lib/unknown";

const ACCOUNT_ARM_TYPE = armTypeOfKind("cognitiveAccount") as string;

/** Deleting the Training account deletes every project and training image in it. */
export const trainingProtectedInProd: StackValidationPolicy = {
    name: "custom-vision-training-protected-in-prod",
    description: "A Training account in production must be protected from deletion: `protect: true` or a CanNotDelete lock.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps:
        "Add a CanNotDelete management lock on the account (azure-native `authorization.ManagementLockByScope` with `scope` = the account's id " +
        "and `level: \"CanNotDelete\"`, classic `management.Lock` with `lockLevel: \"CanNotDelete\"`; the CustomVision component does this in prod " +
        `via \`lockTrainingAccount\`), or set the Pulumi resource option \`protect: true\`. Export projects regularly (ExportProject). ` +
        "At preview a lock is matched to the account by what its target is computed from (`scope: account.id`, or a lock on the resource group " +
        "the account is placed in); an azure-native lock naming its target by a literal id or name shows no target in its preview outputs, and " +
        "any lock whose target cannot be told counts as protecting everything until it exists (its id then names the target). " +
        PRODUCTION_DETECTION,
    url: "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources",
    configSchema: { properties: { ...PRODUCTION_CONFIG_SCHEMA } },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<Partial<ProductionConfig>>();
        const production = stackModelOf(args.resources).accounts.filter(
            (account) => account.kind === TRAINING_KIND && isInProduction(account.resource, args.stackTags, config) === true,
        );
        if (production.length === 0) {
            args.notApplicable("no Training account in production");
        }
        const exposed = production.filter((account) => !account.resource.opts.protect).map((account) => coverageTarget(account.resource));
        if (exposed.length === 0) return;

        const coverage = new Coverage(exposed, "hierarchical", new Set([ACCOUNT_ARM_TYPE]));
        forEachResource(args.resources, (resource) => {
            const lock = managementLockOf(resource);
            // A lock whose level is unknown may be CanNotDelete: counted as protecting, never a false violation.
            if (!lock || lock.blocksDelete === false) return;
            const scope = lock.scope;
            switch (scope.kind) {
                case "subscription":
                    coverage.everything();
                    return;
                case "scope": {
                    const linked = coverage.linked(resource, scope.property);
                    if (!isKnown(scope.scope)) {
                        if (!linked) coverage.unresolved();
                    } else if (scope.scope) {
                        coverage.id(scope.scope, linked);
                    }
                    return;
                }
                case "resource": {
                    // A lock on another type does not protect the account, whatever its name was computed from.
                    if (typeof scope.resourceType === "string" && scope.resourceType.toLowerCase() !== ACCOUNT_ARM_TYPE) return;
                    const linked = coverage.linked(resource, "resourceName");
                    if (!isKnown(scope.resourceName)) {
                        if (!linked) coverage.unresolved();
                    } else if (scope.resourceName) {
                        coverage.named(scope.resourceName, isKnown(scope.resourceGroupName) ? scope.resourceGroupName : undefined, linked);
                    }
                    return;
                }
                case "resourceGroup": {
                    const linked = coverage.linked(resource, "resourceGroupName");
                    if (!isKnown(scope.resourceGroupName)) {
                        if (!linked) coverage.unresolved();
                    } else if (scope.resourceGroupName) {
                        coverage.resourceGroup(scope.resourceGroupName);
                    }
                    return;
                }
            }
        });

        for (const target of exposed) {
            if (!coverage.isCovered(target)) {
                reportViolation(
                    `Training account ${describe(target.resource)} in production is neither protected nor covered by a CanNotDelete lock; ` +
                        "deleting it deletes every project and training image. Add a CanNotDelete lock or `protect: true`.",
                    target.resource.urn,
                );
            }
        }
    },
};
