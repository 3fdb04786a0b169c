import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
    armTypeOfId,
    armTypeOfKind,
    customVisionAccountOf,
    describe,
    diagnosticSettingOf,
    forEachResource,
    IdIndex,
    idKeysOf,
    isKnown,
    keyVaultOf,
    propertyDependenciesOf,
    roleOf,
} from "./resources";

/** Without diagnostic logs nobody can tell who read the keys or why predictions failed. */
export const diagnostics: StackValidationPolicy = {
    name: "custom-vision-diagnostics",
    description: "Custom Vision accounts and Key Vaults must send their logs to a Log Analytics workspace through a diagnostic setting.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Add a diagnostic setting for the resource: azure-native `monitor.DiagnosticSetting` with `resourceUri` = the resource's id, " +
        "`workspaceId` and `logs: [{ categoryGroup: \"allLogs\", enabled: true }]` (classic: `monitoring.DiagnosticSetting` with " +
        "`targetResourceId`, `logAnalyticsWorkspaceId` and `enabledLogs`). The CustomVision component creates them.",
    url: "https://learn.microsoft.com/azure/ai-services/diagnostic-logging",
    validateStack: (args, reportViolation) => {
        const monitored: { resource: PolicyResource; label: string }[] = [];
        const byId = new IdIndex<PolicyResource>();
        // Resources whose id cannot be told from their inputs may be the one a known target names.
        const unidentified: PolicyResource[] = [];
        forEachResource(args.resources, (resource) => {
            const account = customVisionAccountOf(resource);
            const label = account ? `${roleOf(account.kind)} account` : keyVaultOf(resource) ? "Key Vault" : undefined;
            if (label) {
                monitored.push({ resource, label });
                byId.add(resource, resource);
                if (idKeysOf(resource).length === 0) unidentified.push(resource);
            }
        });
        if (monitored.length === 0) return;

        const covered = new Set<string>();
        // A setting whose target is unknown and linked to nothing could cover any resource: then nothing is reported.
        let unresolvedTarget = false;
        // A known target that names nothing in the index may still name a resource whose id its inputs do not tell.
        let strayTarget = false;
        forEachResource(args.resources, (resource) => {
            const setting = diagnosticSettingOf(resource);
            if (!setting || setting.routesLogsToWorkspace === false) return;
            const targets = [...propertyDependenciesOf(resource, setting.targetProperty)];
            if (isKnown(setting.target)) {
                const named = setting.target ? byId.find(setting.target) : [];
                targets.push(...named);
                strayTarget ||= targets.length === 0 && namesMonitoredType(setting.target);
            } else if (targets.length === 0) {
                unresolvedTarget = true;
            }
            for (const target of targets) covered.add(target.urn);
        });
        if (unresolvedTarget) return;
        if (strayTarget) for (const resource of unidentified) covered.add(resource.urn);

        for (const { resource, label } of monitored) {
            if (!covered.has(resource.urn)) {
                reportViolation(
                    `${label} ${describe(resource)} has no diagnostic setting that sends its logs to a Log Analytics workspace. ` +
                        "Add one targeting this resource.",
                    resource.urn,
                );
            }
        }
    },
};

const MONITORED_ARM_TYPES = new Set([armTypeOfKind("cognitiveAccount"), armTypeOfKind("keyVault")]);

/** True when an id may name an account or a vault (or cannot be parsed, so it might). */
function namesMonitoredType(id: string | undefined): boolean {
    if (!id) return false;
    const armType = armTypeOfId(id);
    return armType === undefined || MONITORED_ARM_TYPES.has(armType);
}
