import * as pulumi from "@pulumi/pulumi";
import { ACTION_GROUP_ID_PATTERN, FREE_SKU, VAULT_RETENTION_DAYS, WORKSPACE_ID_PATTERN, WORKSPACE_RETENTION_DAYS } from "./azure";
import type { CustomVisionArgs, SecretReader } from "./args";
import { PrincipalType } from "./args";
import * as rules from "./argument-rules";
import { DEFAULTS, isProductionEnvironment, productionDependent } from "./defaults";
import { NamePrefixes, namePrefixes, SECRET_NAMES, slug, withSuffix } from "./naming";
import { checkNetwork, NetworkSettings } from "./network-rules";
import { ArgumentProblems, keysOf, optionalInput, readBoolean, readInputString, readRecord, readString, reportUnknownKeys } from "./validation";

/** The validated, defaulted arguments every builder works from. */
export interface Settings {
    location: string;
    environment: string;
    production: boolean;
    trainingSku: string;
    predictionSku: string;
    logRetentionInDays: number;
    softDeleteRetentionInDays: number;
    enablePurgeProtection: boolean;
    lockTrainingAccount: boolean;
    /** Every principal granted Key Vault Secrets User, `secretReaderPrincipalIds` as service principals. */
    secretReaders: SecretReader[];
    activeKey: 1 | 2;
    keyRotation: string;
    restoreSoftDeleted: boolean;
    alertEmails: string[];
    /** The component's own tags and the user's, for every resource but the vault's secrets. */
    tags: Record<string, string>;
    /**
     * The tags of the vault's secrets: the component's own only. A Key Vault secret takes at most 15
     * tags (docs/azure-facts.md, "Tags"), too few for the user's; the key secrets add `key-rotation`.
     */
    secretTags: Record<string, string>;
    prefixes: NamePrefixes;
    /** Physical names the caller chose instead of the derived ones. */
    overrides: { trainingSubdomain?: string; predictionSubdomain?: string; keyVaultName?: string };
    /** Inputs used as given (they may be Outputs). */
    resourceGroupName: pulumi.Input<string>;
    logAnalyticsWorkspaceId?: pulumi.Input<string>;
    projectId?: pulumi.Input<string>;
    publishedIterationName?: pulumi.Input<string>;
    alertActionGroupId?: pulumi.Input<string>;
    /** Undefined without the `network` argument: then nothing about networking changes. */
    network?: NetworkSettings;
}

/** Every argument of `CustomVisionArgs`, once: the compiler refuses a list that misses or invents one. */
export const ARGUMENT_NAMES = keysOf<CustomVisionArgs>({
    resourceGroupName: true,
    location: true,
    environment: true,
    trainingSku: true,
    predictionSku: true,
    logAnalyticsWorkspaceId: true,
    logRetentionInDays: true,
    secretReaderPrincipalIds: true,
    secretReaders: true,
    tags: true,
    keyVaultName: true,
    trainingSubdomain: true,
    predictionSubdomain: true,
    softDeleteRetentionInDays: true,
    enablePurgeProtection: true,
    lockTrainingAccount: true,
    allowedRegions: true,
    activeKey: true,
    keyRotation: true,
    projectId: true,
    publishedIterationName: true,
    restoreSoftDeleted: true,
    alertEmails: true,
    alertActionGroupId: true,
    network: true,
});

/**
 * Checks every argument of component `name` (type and value) and applies the defaults. Throws one
 * CustomVisionArgumentError listing every problem, before anything is registered.
 */
export function resolveSettings(name: unknown, args: unknown, stack: string): Settings {
    const problems = new ArgumentProblems();
    const componentName = typeof name === "string" ? name : String(name);
    if (typeof name !== "string" || slug(name) === "") {
        problems.add("name", "must contain at least one ASCII letter or digit (a–z, 0–9): it starts every resource name the component derives");
    }
    const given = readRecord(problems, "args", args);
    if (given === undefined && (args === undefined || args === null)) problems.add("args", "are required (resourceGroupName and location)");
    if (given !== undefined) reportUnknownKeys(problems, "", given, ARGUMENT_NAMES);
    const input = (given ?? {}) as Partial<Record<keyof CustomVisionArgs, unknown>>;

    const resourceGroupName = readInputString(problems, "resourceGroupName", input.resourceGroupName);
    if (input.resourceGroupName === undefined || input.resourceGroupName === null) problems.add("resourceGroupName", "is required and must not be empty");
    rules.checkResourceGroupName(problems, resourceGroupName);

    const allowedRegions = rules.checkAllowedRegions(problems, input.allowedRegions, DEFAULTS.allowedRegions);
    const location = rules.checkLocation(problems, input.location, allowedRegions);
    const environment = rules.checkEnvironment(problems, input.environment, DEFAULTS.environment);
    const prefixes = namePrefixes(stack, componentName);
    const overrides = checkNames(problems, input, prefixes);

    const logAnalyticsWorkspaceId = readInputString(problems, "logAnalyticsWorkspaceId", input.logAnalyticsWorkspaceId);
    rules.checkResourceId(problems, "logAnalyticsWorkspaceId", logAnalyticsWorkspaceId, WORKSPACE_ID_PATTERN, "a workspace resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>)");
    const alertActionGroupId = readInputString(problems, "alertActionGroupId", input.alertActionGroupId);
    rules.checkResourceId(problems, "alertActionGroupId", alertActionGroupId, ACTION_GROUP_ID_PATTERN, "an action group resource id (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Insights/actionGroups/<name>)");
    // A secret or computed project setting cannot be read before deployment; a plain one is checked now.
    const projectId = readInputString(problems, "projectId", input.projectId);
    const publishedIterationName = readInputString(problems, "publishedIterationName", input.publishedIterationName);
    for (const [argument, text] of [["projectId", projectId], ["publishedIterationName", publishedIterationName]] as const) {
        if (text === "") problems.add(argument, `must not be empty: leave it unset to store no ${SECRET_NAMES[argument]} secret`);
    }
    if (projectId && !rules.isGuid(projectId)) {
        problems.add("projectId", `"${projectId}" is not a Custom Vision project id (the GUID in the portal URL /projects/<id>)`);
    }

    const ownTags = { "managed-by": "pulumi", component: "azure-custom-vision", environment };
    const settings: Settings = {
        location,
        environment,
        production: isProductionEnvironment(environment),
        trainingSku: rules.checkSku(problems, "trainingSku", input.trainingSku, DEFAULTS.trainingSku),
        predictionSku: rules.checkSku(problems, "predictionSku", input.predictionSku, DEFAULTS.predictionSku),
        logRetentionInDays: rules.checkDays(problems, "logRetentionInDays", input.logRetentionInDays, WORKSPACE_RETENTION_DAYS, DEFAULTS.logRetentionInDays),
        softDeleteRetentionInDays: rules.checkDays(problems, "softDeleteRetentionInDays", input.softDeleteRetentionInDays, VAULT_RETENTION_DAYS, DEFAULTS.softDeleteRetentionInDays),
        enablePurgeProtection: readBoolean(problems, "enablePurgeProtection", input.enablePurgeProtection) ?? productionDependent(DEFAULTS.enablePurgeProtection, environment),
        lockTrainingAccount: readBoolean(problems, "lockTrainingAccount", input.lockTrainingAccount) ?? productionDependent(DEFAULTS.lockTrainingAccount, environment),
        secretReaders: checkReaders(problems, input),
        activeKey: rules.checkActiveKey(problems, input.activeKey, DEFAULTS.activeKey),
        keyRotation: rules.checkKeyRotation(problems, input.keyRotation, DEFAULTS.keyRotation),
        restoreSoftDeleted: readBoolean(problems, "restoreSoftDeleted", input.restoreSoftDeleted) ?? DEFAULTS.restoreSoftDeleted,
        alertEmails: rules.checkEmails(problems, input.alertEmails),
        tags: { ...ownTags, ...rules.checkTags(problems, input.tags ?? DEFAULTS.tags, ownTags) },
        secretTags: ownTags,
        prefixes,
        overrides,
        resourceGroupName: input.resourceGroupName as pulumi.Input<string>,
        logAnalyticsWorkspaceId: optionalInput(input.logAnalyticsWorkspaceId),
        projectId: optionalInput(input.projectId),
        publishedIterationName: optionalInput(input.publishedIterationName),
        alertActionGroupId: optionalInput(input.alertActionGroupId),
        network: checkNetwork(problems, input.network, DEFAULTS.network),
    };
    problems.throwIfAny(componentName);
    return settings;
}

/** True when the F0 tier is asked for in production (allowed, with a warning: the policy pack is the gate). */
export function usesFreeTierInProduction(settings: Settings): boolean {
    return settings.production && (settings.trainingSku === FREE_SKU || settings.predictionSku === FREE_SKU);
}

/**
 * Overrides are checked against Azure's rules; derived names are valid by construction (checked with
 * a placeholder suffix). Without a readable prefix (stack and component name without an ASCII letter
 * or digit, reported as the name's problem) no derived name is checked: the user set none of them.
 */
function checkNames(problems: ArgumentProblems, input: Partial<Record<keyof CustomVisionArgs, unknown>>, prefixes: NamePrefixes): Settings["overrides"] {
    const placeholder = "0".repeat(8);
    const trainingSubdomain = readString(problems, "trainingSubdomain", input.trainingSubdomain);
    const predictionSubdomain = readString(problems, "predictionSubdomain", input.predictionSubdomain);
    const keyVaultName = readString(problems, "keyVaultName", input.keyVaultName);
    const derived = prefixes.base !== "";
    const check = (given: string | undefined, prefix: string, rule: (name: string) => void) => {
        if (given !== undefined) rule(given);
        else if (derived) rule(withSuffix(prefix, placeholder));
    };
    check(trainingSubdomain, prefixes.training, (name) => rules.checkAccountName(problems, "trainingSubdomain", name));
    check(predictionSubdomain, prefixes.prediction, (name) => rules.checkAccountName(problems, "predictionSubdomain", name));
    check(keyVaultName, prefixes.vault, (name) => rules.checkVaultName(problems, "keyVaultName", name));
    check(undefined, prefixes.workspace, (name) => rules.checkWorkspaceName(problems, "workspace name", name));
    for (const prefix of Object.values(prefixes.privateEndpoints)) check(undefined, prefix, (name) => rules.checkPrivateEndpointName(problems, "private endpoint name", name));
    if (trainingSubdomain !== undefined && trainingSubdomain.toLowerCase() === predictionSubdomain?.toLowerCase()) {
        problems.add("predictionSubdomain", `"${predictionSubdomain}" equals trainingSubdomain; each account needs its own globally unique subdomain`);
    }
    return { trainingSubdomain, predictionSubdomain, keyVaultName };
}

/** `secretReaderPrincipalIds` (service principals) and `secretReaders`, each principal once. */
function checkReaders(problems: ArgumentProblems, input: Partial<Record<keyof CustomVisionArgs, unknown>>): SecretReader[] {
    const servicePrincipals = rules.checkPrincipalIds(problems, "secretReaderPrincipalIds", input.secretReaderPrincipalIds ?? DEFAULTS.secretReaderPrincipalIds);
    const readers = new Map<string, SecretReader>();
    for (const principalId of servicePrincipals) readers.set(principalId, { principalId, principalType: PrincipalType.ServicePrincipal });
    rules.checkSecretReaders(problems, input.secretReaders ?? DEFAULTS.secretReaders).forEach((reader, index) => {
        const earlier = readers.get(reader.principalId);
        if (earlier && earlier.principalType !== reader.principalType) {
            problems.add(
                `secretReaders[${index}].principalId`,
                `"${reader.principalId}" is also given as a ${earlier.principalType}; a principal has one type, give it once`,
            );
        }
        readers.set(reader.principalId, earlier ?? reader);
    });
    return [...readers.values()];
}
