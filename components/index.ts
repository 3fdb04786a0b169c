import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { FREE_SKU, PREDICTION_KIND, PRODUCTION_ENVIRONMENTS, ROLE_IDS, TRAINING_KIND } from "./azure";
import { namePrefixes, SECRET_NAMES, SecretRole, slug, stableGuid, stableSuffix, withSuffix } from "./naming";
import { ALERT_WINDOW, ALERTS, SAVED_QUERIES, SAVED_SEARCH_CATEGORY, savedQueryText } from "./operations";
import * as check from "./validation";

export { CUSTOM_VISION_REGIONS, normalizeLocation } from "./regions";
export { PRODUCTION_ENVIRONMENTS } from "./azure";
export { SECRET_NAMES } from "./naming";
export { CustomVisionArgumentError } from "./validation";

/** The Pulumi type token of the component. */
export const CUSTOM_VISION_TYPE = "azure-custom-vision:index:CustomVision";

/** The arguments of {@link CustomVision}. */
export interface CustomVisionArgs {
    /** The existing resource group that holds every resource. Required. */
    resourceGroupName: pulumi.Input<string>;
    /**
     * The one Azure region for both accounts, the vault and the workspace ("East US", "eastus" and
     * "EastUS" are accepted alike). Must be a region where Custom Vision is offered. Required; there
     * is deliberately no way to give the two accounts different regions.
     */
    location: string;
    /**
     * Environment label, also set as the `environment` tag. "prod" (or "production") turns on the
     * production guards: a CanNotDelete lock on the Training account and purge protection on the
     * vault. Defaults to "dev".
     */
    environment?: string;
    /** Pricing tier of the Training account: "F0" (free: 2 projects) or "S0". Defaults to "S0". */
    trainingSku?: string;
    /** Pricing tier of the Prediction account: "F0" (free: 10,000 predictions a month) or "S0". Defaults to "S0". */
    predictionSku?: string;
    /**
     * Resource id of an existing Log Analytics workspace. When set, no workspace is created and this
     * one receives the diagnostic logs and the saved queries. Defaults to a new workspace.
     */
    logAnalyticsWorkspaceId?: pulumi.Input<string>;
    /** Retention of the created workspace in days, 30–730. Ignored with logAnalyticsWorkspaceId. Defaults to 30. */
    logRetentionInDays?: number;
    /**
     * Entra ID object ids (GUIDs) of the users, groups or managed identities that read the keys:
     * each is granted "Key Vault Secrets User" on the vault. Defaults to none.
     */
    secretReaderPrincipalIds?: string[];
    /** Tags added to every resource, after the component's own (managed-by, component, environment). Defaults to none. */
    tags?: { [key: string]: string };
    /**
     * Name of the Key Vault (3–24 characters, globally unique). Defaults to
     * `kv-<stack>-<name>-<suffix>` with a stable 8-character hash suffix.
     */
    keyVaultName?: string;
    /**
     * Account name and custom subdomain of the Training account (globally unique, immutable once
     * created). Defaults to `<stack>-<name>-training-<suffix>`.
     */
    trainingSubdomain?: string;
    /**
     * Account name and custom subdomain of the Prediction account (globally unique, immutable once
     * created). Defaults to `<stack>-<name>-prediction-<suffix>`.
     */
    predictionSubdomain?: string;
    /** Days a deleted vault stays recoverable, 7–90; fixed at creation. Defaults to 90. */
    softDeleteRetentionInDays?: number;
    /**
     * Turn on vault purge protection (irreversible). Defaults to true in prod, false elsewhere so
     * dev vaults can be purged on teardown.
     */
    enablePurgeProtection?: boolean;
    /**
     * Put a CanNotDelete lock on the Training account (deleting it deletes every project and
     * training image) and mark it `protect`ed, so neither the portal nor `pulumi destroy` can delete
     * it. Defaults to true in prod, false elsewhere.
     */
    lockTrainingAccount?: boolean;
    /**
     * Regions accepted for `location`, replacing the built-in list when Azure adds one.
     * Defaults to the built-in Custom Vision region list.
     */
    allowedRegions?: string[];
    /**
     * Which account key (1 or 2) the `*-key-active` secrets and the trainingKey/predictionKey
     * outputs hold. Flip it to rotate keys without downtime. Defaults to 1.
     */
    activeKey?: number;
    /** Custom Vision project id (GUID) to keep in the vault as `project-id`. Defaults to none. */
    projectId?: pulumi.Input<string>;
    /** Name the iteration is published under, kept in the vault as `published-iteration-name`. Defaults to none. */
    publishedIterationName?: pulumi.Input<string>;
    /**
     * Re-attach accounts deleted within the last 48 hours (`restore: true`) and recover a
     * soft-deleted vault (`createMode: recover`) instead of failing with FlagMustBeSetForRestore.
     * Defaults to false.
     */
    restoreSoftDeleted?: boolean;
    /** E-mail addresses that receive the metric alerts. Alerts are created only with receivers. Defaults to none. */
    alertEmails?: string[];
    /** Resource id of an existing action group that receives the metric alerts. Defaults to none. */
    alertActionGroupId?: pulumi.Input<string>;
}

/**
 * A paired Custom Vision Training and Prediction account in one region, a Key Vault holding their
 * keys, endpoints and the prediction resource id, and diagnostics routed to Log Analytics.
 */
export class CustomVision extends pulumi.ComponentResource {
    /** Training endpoint, `https://<trainingSubdomain>.cognitiveservices.azure.com/`. */
    public readonly trainingEndpoint!: pulumi.Output<string>;
    /** Prediction endpoint, `https://<predictionSubdomain>.cognitiveservices.azure.com/`. */
    public readonly predictionEndpoint!: pulumi.Output<string>;
    /** ARM id of the Training account. */
    public readonly trainingAccountId!: pulumi.Output<string>;
    /** Name of the Training account. */
    public readonly trainingAccountName!: pulumi.Output<string>;
    /** ARM id of the Prediction account: the "prediction resource id" needed to publish an iteration. */
    public readonly predictionAccountId!: pulumi.Output<string>;
    /** Name of the Prediction account. */
    public readonly predictionAccountName!: pulumi.Output<string>;
    /** ARM id of the Key Vault. */
    public readonly keyVaultId!: pulumi.Output<string>;
    /** Name of the Key Vault. */
    public readonly keyVaultName!: pulumi.Output<string>;
    /** URI of the Key Vault, `https://<name>.vault.azure.net/`. */
    public readonly keyVaultUri!: pulumi.Output<string>;
    /** Which secret holds what: role (e.g. trainingKeyActive) to secret name. */
    public readonly secretNames!: pulumi.Output<{ [role: string]: string }>;
    /** ARM id of the Log Analytics workspace receiving the diagnostics. */
    public readonly workspaceId!: pulumi.Output<string>;
    /** Canonical region of every resource (e.g. "eastus"). */
    public readonly location!: pulumi.Output<string>;
    /** The active Training key (secret). */
    public readonly trainingKey!: pulumi.Output<string>;
    /** The active Prediction key (secret). */
    public readonly predictionKey!: pulumi.Output<string>;

    constructor(name: string, args: CustomVisionArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate every plain argument before registering anything: bad input fails the preview
        // with one message and leaves nothing half-created.
        const settings = validate(name, args);
        super(CUSTOM_VISION_TYPE, name, {}, opts);

        const { location, environment } = settings;
        const parent = { parent: this };
        const tags = { "managed-by": "pulumi", component: "azure-custom-vision", environment, ...args.tags };
        const resourceGroupName = args.resourceGroupName;
        if (settings.production && (settings.trainingSku === FREE_SKU || settings.predictionSku === FREE_SKU)) {
            // Not refused here: the policy pack is the one gate, so teams can still stage a prod-like stack.
            pulumi.log.warn(
                `CustomVision "${name}": environment "${environment}" uses the free F0 tier, capped at 2 projects and ` +
                    "10,000 predictions a month; the policy pack rejects F0 in production (custom-vision-no-free-tier-in-prod).",
                this,
            );
        }

        const client = authorization.getClientConfigOutput(parent);
        // The counterpart of ARM's uniqueString(subscription, resource group): stable across runs,
        // different for every subscription, resource group, project, stack and component.
        const suffix = pulumi
            .all([client.subscriptionId, pulumi.output(resourceGroupName)])
            .apply(([subscriptionId, group]) =>
                stableSuffix([subscriptionId, group.toLowerCase(), pulumi.getProject(), pulumi.getStack(), name]),
            );
        const physicalName = (override: string | undefined, prefix: string) =>
            override !== undefined ? pulumi.output(override) : suffix.apply((s) => withSuffix(prefix, s));

        const account = (role: "training" | "prediction", kind: string, sku: string, subdomain: pulumi.Output<string>, options: pulumi.CustomResourceOptions) =>
            new cognitiveservices.Account(
                `${name}-${role}`,
                {
                    accountName: subdomain,
                    resourceGroupName,
                    location,
                    kind,
                    sku: { name: sku },
                    identity: { type: "SystemAssigned" },
                    properties: {
                        customSubDomainName: subdomain,
                        // The Custom Vision SDKs authenticate with keys only; disabling local auth breaks every client.
                        disableLocalAuth: false,
                        publicNetworkAccess: "Enabled",
                        ...(settings.restoreSoftDeleted ? { restore: true } : {}),
                    },
                    tags,
                },
                options,
            );
        // The lock stops deletes from outside Pulumi, but `pulumi destroy` or a replacement removes the
        // lock first (it depends on the account): `protect` stops those. Unset otherwise, so a
        // `protect` given to the component still reaches the account.
        const trainingOptions = settings.lockTrainingAccount ? { ...parent, protect: true } : parent;
        const training = account("training", TRAINING_KIND, settings.trainingSku, physicalName(args.trainingSubdomain, settings.prefixes.training), trainingOptions);
        const prediction = account("prediction", PREDICTION_KIND, settings.predictionSku, physicalName(args.predictionSubdomain, settings.prefixes.prediction), parent);

        const vault = new keyvault.Vault(
            `${name}-vault`,
            {
                vaultName: physicalName(args.keyVaultName, settings.prefixes.vault),
                resourceGroupName,
                location,
                properties: {
                    tenantId: client.tenantId,
                    sku: { family: "A", name: "standard" },
                    // Older API versions default to access policies; say RBAC explicitly.
                    enableRbacAuthorization: true,
                    enableSoftDelete: true,
                    softDeleteRetentionInDays: settings.softDeleteRetentionInDays,
                    // ARM rejects `false` once set and purge protection is irreversible: send it only to turn it on.
                    ...(settings.enablePurgeProtection ? { enablePurgeProtection: true } : {}),
                    ...(settings.restoreSoftDeleted ? { createMode: "recover" as const } : {}),
                },
                tags,
            },
            parent,
        );

        const workspace =
            args.logAnalyticsWorkspaceId === undefined
                ? new operationalinsights.Workspace(
                      `${name}-logs`,
                      {
                          workspaceName: suffix.apply((s) => withSuffix(settings.prefixes.workspace, s)),
                          resourceGroupName,
                          location,
                          sku: { name: "PerGB2018" },
                          retentionInDays: settings.logRetentionInDays,
                          tags,
                      },
                      parent,
                  )
              : undefined;
        const workspaceId = workspace ? workspace.id : pulumi.output(args.logAnalyticsWorkspaceId!);

        for (const [role, target] of [["training", training], ["prediction", prediction], ["vault", vault]] as const) {
            new monitor.DiagnosticSetting(
                `${name}-${role}-diagnostics`,
                {
                    name: "send-to-log-analytics",
                    resourceUri: target.id,
                    workspaceId,
                    logs: [{ categoryGroup: "allLogs", enabled: true }],
                    metrics: [{ category: "AllMetrics", enabled: true }],
                },
                parent,
            );
        }

        const keysOf = (target: cognitiveservices.Account) =>
            cognitiveservices.listAccountKeysOutput({ accountName: target.name, resourceGroupName }, parent);
        const trainingKeys = keysOf(training);
        const predictionKeys = keysOf(prediction);
        const activeKeyOf = (keys: typeof trainingKeys) =>
            pulumi.secret(keys.apply((k) => (settings.activeKey === 1 ? k.key1 : k.key2) ?? ""));
        const trainingKey = activeKeyOf(trainingKeys);
        const predictionKey = activeKeyOf(predictionKeys);
        const trainingEndpoint = training.properties.apply((p) => p.endpoint ?? "");
        const predictionEndpoint = prediction.properties.apply((p) => p.endpoint ?? "");

        const secretValues: Partial<Record<SecretRole, { value: pulumi.Input<string>; contentType: string }>> = {
            trainingKey1: { value: pulumi.secret(trainingKeys.apply((k) => k.key1 ?? "")), contentType: "Custom Vision Training-Key header value (key 1)" },
            trainingKey2: { value: pulumi.secret(trainingKeys.apply((k) => k.key2 ?? "")), contentType: "Custom Vision Training-Key header value (key 2)" },
            trainingKeyActive: { value: trainingKey, contentType: `Custom Vision Training-Key header value (active: key ${settings.activeKey})` },
            trainingEndpoint: { value: trainingEndpoint, contentType: "Custom Vision training endpoint URL" },
            predictionKey1: { value: pulumi.secret(predictionKeys.apply((k) => k.key1 ?? "")), contentType: "Custom Vision Prediction-Key header value (key 1)" },
            predictionKey2: { value: pulumi.secret(predictionKeys.apply((k) => k.key2 ?? "")), contentType: "Custom Vision Prediction-Key header value (key 2)" },
            predictionKeyActive: { value: predictionKey, contentType: `Custom Vision Prediction-Key header value (active: key ${settings.activeKey})` },
            predictionEndpoint: { value: predictionEndpoint, contentType: "Custom Vision prediction endpoint URL" },
            predictionResourceId: { value: prediction.id, contentType: "ARM resource id of the Prediction account (publish an iteration with it)" },
            region: { value: location, contentType: "Azure region of both accounts" },
        };
        if (args.projectId !== undefined) {
            secretValues.projectId = { value: args.projectId, contentType: "Custom Vision project id (GUID)" };
        }
        if (args.publishedIterationName !== undefined) {
            secretValues.publishedIterationName = { value: args.publishedIterationName, contentType: "Custom Vision published iteration name (case-sensitive)" };
        }
        const secretNames: { [role: string]: string } = {};
        for (const [role, secret] of Object.entries(secretValues) as [SecretRole, { value: pulumi.Input<string>; contentType: string }][]) {
            const secretName = SECRET_NAMES[role];
            secretNames[role] = secretName;
            // Written through ARM (vaults/secrets PUT): Contributor suffices, no data-plane role, no RBAC propagation wait.
            new keyvault.Secret(
                `${name}-${secretName}`,
                {
                    vaultName: vault.name,
                    resourceGroupName,
                    secretName,
                    properties: { value: pulumi.secret(secret.value), contentType: secret.contentType },
                    tags,
                },
                parent,
            );
        }

        if (settings.lockTrainingAccount) {
            new authorization.ManagementLockByScope(
                `${name}-training-lock`,
                {
                    scope: training.id,
                    lockName: "custom-vision-training-cannot-delete",
                    level: "CanNotDelete",
                    notes: "Deleting the Training account deletes every project and training image. Remove this lock (lockTrainingAccount: false) only after ExportProject.",
                },
                parent,
            );
        }

        for (const principalId of settings.secretReaderPrincipalIds) {
            new authorization.RoleAssignment(
                `${name}-secrets-user-${principalId}`,
                {
                    roleAssignmentName: suffix.apply((s) => stableGuid([s, "vault", principalId, ROLE_IDS.keyVaultSecretsUser])),
                    scope: vault.id,
                    principalId,
                    roleDefinitionId: pulumi.interpolate`/subscriptions/${client.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.keyVaultSecretsUser}`,
                },
                parent,
            );
        }

        this.createSavedQueries(name, settings.prefixes.base, args, workspace, [training, prediction]);
        this.createAlerts(name, settings, args, resourceGroupName, tags, [["training", training], ["prediction", prediction]]);

        this.trainingEndpoint = trainingEndpoint;
        this.predictionEndpoint = predictionEndpoint;
        this.trainingAccountId = training.id;
        this.trainingAccountName = training.name;
        this.predictionAccountId = prediction.id;
        this.predictionAccountName = prediction.name;
        this.keyVaultId = vault.id;
        this.keyVaultName = vault.name;
        this.keyVaultUri = vault.properties.apply((p) => p.vaultUri ?? "");
        this.secretNames = pulumi.output(secretNames);
        this.workspaceId = workspaceId;
        this.location = pulumi.output(location);
        this.trainingKey = trainingKey;
        this.predictionKey = predictionKey;
        this.registerOutputs({
            trainingEndpoint,
            predictionEndpoint,
            trainingAccountId: this.trainingAccountId,
            trainingAccountName: this.trainingAccountName,
            predictionAccountId: this.predictionAccountId,
            predictionAccountName: this.predictionAccountName,
            keyVaultId: this.keyVaultId,
            keyVaultName: this.keyVaultName,
            keyVaultUri: this.keyVaultUri,
            secretNames: this.secretNames,
            workspaceId,
            location: this.location,
            trainingKey,
            predictionKey,
        });
    }

    /** Saved KQL queries in the workspace that receives the logs (the created one or the given one). */
    private createSavedQueries(
        name: string,
        prefix: string,
        args: CustomVisionArgs,
        workspace: operationalinsights.Workspace | undefined,
        accounts: cognitiveservices.Account[],
    ): void {
        const target = workspace
            ? { resourceGroupName: pulumi.output(args.resourceGroupName), workspaceName: workspace.name }
            : parseWorkspaceId(pulumi.output(args.logAnalyticsWorkspaceId!));
        const accountNames = pulumi.all(accounts.map((account) => account.name));
        for (const query of SAVED_QUERIES) {
            new operationalinsights.SavedSearch(
                `${name}-query-${query.role}`,
                {
                    resourceGroupName: target.resourceGroupName,
                    workspaceName: target.workspaceName,
                    savedSearchId: `${prefix}-${query.role}`,
                    category: SAVED_SEARCH_CATEGORY,
                    displayName: query.displayName,
                    query: accountNames.apply((names) => savedQueryText(query, names)),
                    version: 2,
                },
                { parent: this },
            );
        }
    }

    /** Opt-in metric alerts per account, sent to the given e-mails and/or action group. */
    private createAlerts(
        name: string,
        settings: Settings,
        args: CustomVisionArgs,
        resourceGroupName: pulumi.Input<string>,
        tags: { [key: string]: string },
        accounts: [string, cognitiveservices.Account][],
    ): void {
        const actionGroupIds: pulumi.Input<string>[] = [];
        if (settings.alertEmails.length > 0) {
            const group = new monitor.ActionGroup(
                `${name}-alerts`,
                {
                    actionGroupName: `${settings.prefixes.base}-custom-vision-alerts`.slice(0, 260),
                    resourceGroupName,
                    location: "global",
                    groupShortName: "customvision",
                    enabled: true,
                    emailReceivers: settings.alertEmails.map((emailAddress, index) => ({
                        name: `email-${index + 1}`,
                        emailAddress,
                        useCommonAlertSchema: true,
                    })),
                    tags,
                },
                { parent: this },
            );
            actionGroupIds.push(group.id);
        }
        if (args.alertActionGroupId !== undefined) actionGroupIds.push(args.alertActionGroupId);
        if (actionGroupIds.length === 0) return;

        for (const [role, account] of accounts) {
            for (const alert of ALERTS) {
                new monitor.MetricAlert(
                    `${name}-${role}-${alert.role}`,
                    {
                        ruleName: pulumi.interpolate`${account.name}-${alert.role}`,
                        resourceGroupName,
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
                        tags,
                    },
                    { parent: this },
                );
            }
        }
    }
}

/** The validated, defaulted plain settings. */
interface Settings {
    location: string;
    environment: string;
    production: boolean;
    trainingSku: string;
    predictionSku: string;
    logRetentionInDays: number;
    softDeleteRetentionInDays: number;
    enablePurgeProtection: boolean;
    lockTrainingAccount: boolean;
    secretReaderPrincipalIds: string[];
    activeKey: 1 | 2;
    restoreSoftDeleted: boolean;
    alertEmails: string[];
    prefixes: ReturnType<typeof namePrefixes> & { base: string };
}

function validate(name: string, args: CustomVisionArgs): Settings {
    const fail = check.failer(name);
    if (typeof name !== "string" || slug(name) === "") {
        fail("name", "must contain at least one letter or digit (it prefixes every resource name)");
    }
    if (args === undefined || args === null) fail("args", "are required (resourceGroupName and location)");
    check.checkResourceGroupName(fail, args.resourceGroupName);
    const location = check.checkLocation(fail, args.location, args.allowedRegions);
    const environment = check.checkEnvironment(fail, args.environment);
    const production = PRODUCTION_ENVIRONMENTS.includes(environment);
    const prefixes = { ...namePrefixes(pulumi.getStack(), name), base: slug(`${pulumi.getStack()}-${name}`) };

    // Derived names are valid by construction; overrides are checked against Azure's rules.
    const placeholder = "0".repeat(8);
    check.checkAccountName(fail, "trainingSubdomain", args.trainingSubdomain ?? withSuffix(prefixes.training, placeholder));
    check.checkAccountName(fail, "predictionSubdomain", args.predictionSubdomain ?? withSuffix(prefixes.prediction, placeholder));
    check.checkVaultName(fail, "keyVaultName", args.keyVaultName ?? withSuffix(prefixes.vault, placeholder));
    check.checkWorkspaceName(fail, "workspace name", withSuffix(prefixes.workspace, placeholder));
    if (args.trainingSubdomain !== undefined && args.trainingSubdomain.toLowerCase() === args.predictionSubdomain?.toLowerCase()) {
        fail("predictionSubdomain", `"${args.predictionSubdomain}" equals trainingSubdomain; each account needs its own globally unique subdomain`);
    }
    if (typeof args.logAnalyticsWorkspaceId === "string" && !isWorkspaceId(args.logAnalyticsWorkspaceId)) {
        fail(
            "logAnalyticsWorkspaceId",
            `"${args.logAnalyticsWorkspaceId}" is not a workspace resource id ` +
                "(/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>)",
        );
    }
    if (typeof args.projectId === "string" && !check.isGuid(args.projectId)) {
        fail("projectId", `"${args.projectId}" is not a Custom Vision project id (the GUID in the portal URL /projects/<id>)`);
    }
    const alertEmails = args.alertEmails ?? [];
    alertEmails.forEach((email, index) => {
        if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail(`alertEmails[${index}]`, `"${email}" is not an e-mail address`);
    });

    return {
        location,
        environment,
        production,
        trainingSku: check.checkSku(fail, "trainingSku", args.trainingSku),
        predictionSku: check.checkSku(fail, "predictionSku", args.predictionSku),
        logRetentionInDays: check.checkWorkspaceRetention(fail, args.logRetentionInDays),
        softDeleteRetentionInDays: check.checkVaultRetention(fail, args.softDeleteRetentionInDays),
        enablePurgeProtection: args.enablePurgeProtection ?? production,
        lockTrainingAccount: args.lockTrainingAccount ?? production,
        secretReaderPrincipalIds: check.checkPrincipalIds(fail, "secretReaderPrincipalIds", args.secretReaderPrincipalIds),
        activeKey: check.checkActiveKey(fail, args.activeKey),
        restoreSoftDeleted: args.restoreSoftDeleted ?? false,
        alertEmails,
        prefixes,
    };
}

const WORKSPACE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/]+)$/i;

function isWorkspaceId(id: string): boolean {
    return WORKSPACE_ID.test(id);
}

/** Resource group and name of a workspace from its ARM id (for saved searches in a given workspace). */
function parseWorkspaceId(id: pulumi.Output<string>): { resourceGroupName: pulumi.Output<string>; workspaceName: pulumi.Output<string> } {
    const parts = id.apply((value) => {
        const match = WORKSPACE_ID.exec(value);
        if (!match) throw new Error(`logAnalyticsWorkspaceId "${value}" is not a workspace resource id`);
        return { resourceGroupName: match[1], workspaceName: match[2] };
    });
    return { resourceGroupName: parts.resourceGroupName, workspaceName: parts.workspaceName };
}
