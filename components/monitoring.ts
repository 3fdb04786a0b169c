import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import type { AccountPurpose, Accounts } from "./accounts";
import { WORKSPACE_ID_PATTERN } from "./azure";
import type { BuildContext } from "./context";
import { withSuffix } from "./naming";
import { ALERT_WINDOW, ALERTS, SAVED_QUERIES, SAVED_SEARCH_CATEGORY, savedQueryText } from "./operations";

/**
 * Log Analytics: the workspace (unless one is given), diagnostic settings on both accounts and the
 * vault, the saved failed-call queries, and the opt-in metric alerts. Every name that lives in a
 * place others share (a workspace's saved searches, the resource group's alert rules and action
 * groups) carries the component's stable suffix, so two components never overwrite each other.
 */
export function buildMonitoring(context: BuildContext, accounts: Accounts, vault: keyvault.Vault): pulumi.Output<string> {
    const { name, component, settings, names } = context;
    const workspace =
        settings.logAnalyticsWorkspaceId === undefined
            ? new operationalinsights.Workspace(
                  `${name}-logs`,
                  {
                      workspaceName: names.workspace,
                      resourceGroupName: settings.resourceGroupName,
                      location: settings.location,
                      sku: { name: "PerGB2018" },
                      retentionInDays: settings.logRetentionInDays,
                      tags: settings.tags,
                  },
                  { parent: component },
              )
            : undefined;
    const workspaceId = workspace ? workspace.id : pulumi.output(settings.logAnalyticsWorkspaceId as pulumi.Input<string>);

    const targets: [string, pulumi.CustomResource][] = [["training", accounts.training], ["prediction", accounts.prediction], ["vault", vault]];
    for (const [target, resource] of targets) {
        new monitor.DiagnosticSetting(
            `${name}-${target}-diagnostics`,
            {
                name: "send-to-log-analytics",
                resourceUri: resource.id,
                workspaceId,
                logs: [{ categoryGroup: "allLogs", enabled: true }],
                metrics: [{ category: "AllMetrics", enabled: true }],
            },
            { parent: component },
        );
    }

    buildSavedQueries(context, workspace ? { resourceGroupName: pulumi.output(settings.resourceGroupName), workspaceName: workspace.name } : parseWorkspaceId(workspaceId));
    buildAlerts(context, accounts);
    return workspaceId;
}

/** Saved KQL queries in the workspace that receives the logs, scoped to this component's two accounts. */
function buildSavedQueries(context: BuildContext, workspace: { resourceGroupName: pulumi.Output<string>; workspaceName: pulumi.Output<string> }): void {
    const { name, component, settings, names, suffix } = context;
    // The account names are known before the accounts exist: the searches do not wait for them.
    const accountNames = pulumi.all([names.training, names.prediction]);
    for (const query of SAVED_QUERIES) {
        new operationalinsights.SavedSearch(
            `${name}-query-${query.id}`,
            {
                resourceGroupName: workspace.resourceGroupName,
                workspaceName: workspace.workspaceName,
                savedSearchId: suffix.apply((value) => withSuffix(settings.prefixes.savedSearches[query.id], value)),
                category: SAVED_SEARCH_CATEGORY,
                displayName: query.displayName,
                query: accountNames.apply((accountNameList) => savedQueryText(query, accountNameList)),
                version: 2,
            },
            { parent: component },
        );
    }
}

/** Opt-in metric alerts per account, sent to the given e-mails and/or action group. */
function buildAlerts(context: BuildContext, accounts: Accounts): void {
    const { name, component, settings, suffix } = context;
    const actionGroupIds: pulumi.Input<string>[] = [];
    if (settings.alertEmails.length > 0) {
        const group = new monitor.ActionGroup(
            `${name}-alerts`,
            {
                actionGroupName: suffix.apply((value) => withSuffix(settings.prefixes.actionGroup, value)),
                resourceGroupName: settings.resourceGroupName,
                location: "global",
                groupShortName: "customvision",
                enabled: true,
                emailReceivers: settings.alertEmails.map((emailAddress, index) => ({
                    name: `email-${index + 1}`,
                    emailAddress,
                    useCommonAlertSchema: true,
                })),
                tags: settings.tags,
            },
            { parent: component },
        );
        actionGroupIds.push(group.id);
    }
    if (settings.alertActionGroupId !== undefined) actionGroupIds.push(settings.alertActionGroupId);
    if (actionGroupIds.length === 0) return;

    const prefixOf: Record<AccountPurpose, string> = { training: settings.prefixes.training, prediction: settings.prefixes.prediction };
    for (const purpose of ["training", "prediction"] as const) {
        const account = accounts[purpose];
        for (const alert of ALERTS) {
            new monitor.MetricAlert(
                `${name}-${purpose}-${alert.id}`,
                {
                    // `<account prefix>-<suffix>-<alert>`: the 0.1.0 name of default-named accounts, now suffixed for any account name.
                    ruleName: suffix.apply((value) => `${withSuffix(prefixOf[purpose], value)}-${alert.id}`),
                    resourceGroupName: settings.resourceGroupName,
                    location: "global",
                    description: alert.description,
                    severity: alert.severity,
                    enabled: true,
                    scopes: [account.id],
                    ...ALERT_WINDOW,
                    autoMitigate: true,
                    criteria: {
                        odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                        allOf: [
                            {
                                criterionType: "StaticThresholdCriterion",
                                name: alert.metricName,
                                metricName: alert.metricName,
                                metricNamespace: "Microsoft.CognitiveServices/accounts",
                                operator: "GreaterThan",
                                threshold: alert.threshold,
                                timeAggregation: "Total",
                            },
                        ],
                    },
                    actions: actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
                    tags: settings.tags,
                },
                { parent: component },
            );
        }
    }
}

/** Resource group and name of a given workspace, from its ARM id (checked in the settings when plain). */
function parseWorkspaceId(id: pulumi.Output<string>): { resourceGroupName: pulumi.Output<string>; workspaceName: pulumi.Output<string> } {
    const parts = id.apply((value) => {
        const match = WORKSPACE_ID_PATTERN.exec(value);
        if (!match) throw new Error(`logAnalyticsWorkspaceId "${value}" is not a workspace resource id`);
        return { resourceGroupName: match[1], workspaceName: match[2] };
    });
    return { resourceGroupName: parts.resourceGroupName, workspaceName: parts.workspaceName };
}
