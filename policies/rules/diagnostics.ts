import type { StackValidationPolicy } from "@pulumi/policy";
import { customVisionAccountOf, roleOf } from "../lib/accounts";
import { Coverage, coverageTarget, CoverageTarget } from "../lib/coverage";
import { diagnosticSettingOf } from "../lib/diagnostic-settings";
import { armTypeOfKind } from "../lib/resource-ids";
import { describe } from "../lib/resource-like";
import { forEachResource, isKnown } from "../lib/unknown";
import { keyVaultOf } from "../lib/vaults";

const MONITORED_ARM_TYPES: ReadonlySet<string> = new Set([armTypeOfKind("cognitiveAccount"), armTypeOfKind("keyVault")].filter((type): type is string => !!type));

/** Without diagnostic logs nobody can tell who read the keys or why predictions failed. */
export const diagnostics: StackValidationPolicy = {
    name: "custom-vision-diagnostics",
    description: "Custom Vision accounts and Key Vaults must send their logs to a Log Analytics workspace through a diagnostic setting.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Add a diagnostic setting for the resource: azure-native `monitor.DiagnosticSetting` with `resourceUri` = the resource's id, " +
        "`workspaceId` and `logs: [{ categoryGroup: \"allLogs\", enabled: true }]` (classic: `monitoring.DiagnosticSetting` with " +
        "`targetResourceId`, `logAnalyticsWorkspaceId` and `enabledLogs`). The CustomVision component creates them. " +
        "At preview a setting is matched to its resource by what its `resourceUri` is computed from (`resourceUri: account.id`); an azure-native " +
        "setting naming its resource by a literal id shows no target in its preview outputs and counts as covering everything until it exists. " +
        "A Key Vault written as a generic `resources:Resource` is recognised only once created (a preview shows no ARM type for it; accounts are " +
        "recognised by their Custom Vision kind).",
    url: "https://learn.microsoft.com/azure/ai-services/diagnostic-logging",
    validateStack: (args, reportViolation) => {
        const monitored: { target: CoverageTarget; label: string }[] = [];
        forEachResource(args.resources, (resource) => {
            const account = customVisionAccountOf(resource);
            const label = account ? `${roleOf(account.kind)} account` : keyVaultOf(resource) ? "Key Vault" : undefined;
            if (label) monitored.push({ target: coverageTarget(resource), label });
        });
        if (monitored.length === 0) return;

        // A setting covers only the resource it targets; logs of a resource group are no logs of the account.
        const coverage = new Coverage(monitored.map(({ target }) => target), "exact", MONITORED_ARM_TYPES);
        forEachResource(args.resources, (resource) => {
            const setting = diagnosticSettingOf(resource);
            if (!setting || setting.routesLogsToWorkspace === false) return;
            const linked = coverage.linked(resource, setting.targetProperty);
            if (!isKnown(setting.target)) {
                if (!linked) coverage.unresolved();
            } else if (setting.target) {
                coverage.id(setting.target, linked);
            }
        });

        for (const { target, label } of monitored) {
            if (!coverage.isCovered(target)) {
                reportViolation(
                    `${label} ${describe(target.resource)} has no diagnostic setting that sends its logs to a Log Analytics workspace. ` +
                        "Add one targeting this resource.",
                    target.resource.urn,
                );
            }
        }
    },
};
