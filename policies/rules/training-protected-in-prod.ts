import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
    customVisionAccountsIn,
    describe,
    forEachResource,
    IdIndex,
    idKeysOf,
    isKnown,
    isProductionStack,
    isSubscriptionScope,
    managementLockOf,
    PRODUCTION_CONFIG_SCHEMA,
    ProductionConfig,
    propertyDependenciesOf,
    read,
    resourceGroupOfScope,
    TRAINING_KIND,
} from "./resources";

const ACCOUNT_ARM_TYPE = "microsoft.cognitiveservices/accounts";

/** Deleting the Training account deletes every project and training image in it. */
export const trainingProtectedInProd: StackValidationPolicy = {
    name: "custom-vision-training-protected-in-prod",
    description: "A production Training account must be protected from deletion: `protect: true` or a CanNotDelete lock.",
    enforcementLevel: "advisory",
    severity: "high",
    remediationSteps:
        "Add a CanNotDelete management lock on the account (azure-native `authorization.ManagementLockByScope` with `scope` = the account's id " +
        "and `level: \"CanNotDelete\"`, classic `management.Lock` with `lockLevel: \"CanNotDelete\"`; the CustomVision component does this in prod " +
        "via `lockTrainingAccount`), or set the Pulumi resource option `protect: true`. Export projects regularly (ExportProject).",
    url: "https://learn.microsoft.com/azure/azure-resource-manager/management/lock-resources",
    configSchema: { properties: { ...PRODUCTION_CONFIG_SCHEMA } },
    validateStack: (args, reportViolation) => {
        if (!isProductionStack(args.stackTags, args.resources[0]?.urn, args.getConfig<Partial<ProductionConfig>>())) {
            args.notApplicable("not a production stack");
        }
        const trainings = customVisionAccountsIn(args.resources).accounts.filter((account) => account.kind === TRAINING_KIND);
        const exposed = trainings.filter((account) => !account.resource.opts.protect).map((account) => describeTarget(account.resource));
        if (exposed.length === 0) return;

        // Indexes built once, and locks recorded as what they cover, so the whole check stays linear.
        const byId = new IdIndex<PolicyResource>();
        const byName = new Map<string, Target[]>();
        for (const target of exposed) {
            byId.add(target.account, target.account);
            if (target.name) {
                const list = byName.get(target.name);
                if (list) list.push(target);
                else byName.set(target.name, [target]);
            }
        }
        const coveredAccounts = new Set<string>();
        const coveredGroups = new Set<string>();
        const coveredGroupResources = new Set<string>();
        // Accounts whose id, name or group is not known may be what a lock names: they count as covered by it.
        let coversUnidentified = false;
        let coversUnnamed = false;
        let coversUngrouped = false;
        let coversAll = false;
        let unresolvedLock = false;
        const coverDependencies = (lock: PolicyResource, property: string): boolean => {
            const dependencies = propertyDependenciesOf(lock, property);
            for (const dependency of dependencies) {
                coveredAccounts.add(dependency.urn);
                coveredGroupResources.add(dependency.urn);
            }
            return dependencies.length > 0;
        };

        forEachResource(args.resources, (resource) => {
            const lock = managementLockOf(resource);
            // A lock whose level is unknown may be CanNotDelete: counted as protecting, never a false violation.
            if (!lock || lock.blocksDelete === false) return;
            const scope = lock.scope;
            switch (scope.kind) {
                case "subscription":
                    coversAll = true;
                    return;
                case "scope": {
                    const linked = coverDependencies(resource, scope.property);
                    if (!isKnown(scope.scope)) {
                        unresolvedLock ||= !linked;
                    } else if (scope.scope) {
                        const matches = byId.find(scope.scope);
                        matches.forEach((account) => coveredAccounts.add(account.urn));
                        const group = resourceGroupOfScope(scope.scope);
                        if (group) {
                            coveredGroups.add(group);
                            coversUngrouped = true;
                        }
                        coversAll ||= isSubscriptionScope(scope.scope);
                        coversUnidentified ||= !linked && matches.length === 0 && !group;
                    }
                    return;
                }
                case "resource": {
                    const linked = coverDependencies(resource, "resourceName");
                    if (isKnown(scope.resourceType) && scope.resourceType && scope.resourceType.toLowerCase() !== ACCOUNT_ARM_TYPE) return;
                    if (!isKnown(scope.resourceName)) {
                        unresolvedLock ||= !linked;
                    } else if (scope.resourceName) {
                        const lockGroup = isKnown(scope.resourceGroupName) ? scope.resourceGroupName?.toLowerCase() : undefined;
                        const matches = (byName.get(scope.resourceName.toLowerCase()) ?? [])
                            .filter((target) => !lockGroup || !target.group || target.group === lockGroup);
                        matches.forEach((target) => coveredAccounts.add(target.account.urn));
                        coversUnnamed ||= !linked && matches.length === 0;
                    }
                    return;
                }
                case "resourceGroup": {
                    const linked = coverDependencies(resource, "resourceGroupName");
                    if (!isKnown(scope.resourceGroupName)) {
                        unresolvedLock ||= !linked;
                    } else if (scope.resourceGroupName) {
                        coveredGroups.add(scope.resourceGroupName.toLowerCase());
                        coversUngrouped = true;
                    }
                    return;
                }
            }
        });
        if (coversAll || unresolvedLock) return;

        const isCovered = (target: Target): boolean =>
            coveredAccounts.has(target.account.urn) ||
            (target.group !== undefined && coveredGroups.has(target.group)) ||
            target.groupResources.some((urn) => coveredGroupResources.has(urn)) ||
            (coversUnidentified && !target.identified) ||
            (coversUnnamed && !target.name) ||
            (coversUngrouped && !target.group && target.groupResources.length === 0);
        for (const target of exposed) {
            if (!isCovered(target)) {
                reportViolation(
                    `Training account ${describe(target.account)} in a production stack is neither protected nor covered by a CanNotDelete lock; ` +
                        "deleting it deletes every project and training image. Add a CanNotDelete lock or `protect: true`.",
                    target.account.urn,
                );
            }
        }
    },
};

/** What a lock can name a Training account by: its id, its name, its resource group. */
interface Target {
    account: PolicyResource;
    identified: boolean;
    name?: string;
    group?: string;
    /** Resources its resource group name came from (a ResourceGroup in the same stack). */
    groupResources: string[];
}

function describeTarget(account: PolicyResource): Target {
    return {
        account,
        identified: idKeysOf(account).length > 0,
        name: readString(account, "accountName", "name")?.toLowerCase(),
        group: readString(account, "resourceGroupName")?.toLowerCase(),
        groupResources: propertyDependenciesOf(account, "resourceGroupName").map((dependency) => dependency.urn),
    };
}

/** The first of `properties` that holds a known string; unknown values count as not known. */
function readString(resource: PolicyResource, ...properties: string[]): string | undefined {
    for (const property of properties) {
        const value = read(() => resource.props[property] as unknown);
        if (typeof value === "string") return value;
    }
    return undefined;
}
