import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { checkCustomVisionArgs, CustomVision, CustomVisionArgs, CustomVisionArgumentError, NetworkArgs, PrincipalType, PublicNetworkAccess, SecretReader } from "./components";

// Every key read here is declared in Pulumi.yaml. A key left unset (or at the empty value
// Pulumi.yaml declares for it) is passed as undefined: the component's own default applies.
const config = new pulumi.Config();
const text = (key: string) => config.get(key) || undefined;
const list = (key: string) => {
    const items = config.getObject<string[]>(key);
    return items === undefined || (Array.isArray(items) && items.length === 0) ? undefined : items;
};
/**
 * Whether the stack file holds `key` as `secure:`. The CLI hands the program the names of its secure
 * keys, which @pulumi/pulumi answers through `runtime.isConfigSecret`, a function its typings leave
 * out (docs/azure-facts.md, "Pulumi SDK and CLI"). Should it ever be missing, every key counts as
 * secure: unchecked, never printed.
 */
function isSecureKey(key: string): boolean {
    const { isConfigSecret } = pulumi.runtime as unknown as { isConfigSecret?: (fullKey: string) => boolean };
    return typeof isConfigSecret === "function" ? isConfigSecret(`${config.name}:${key}`) : true;
}
// Project settings may be `secure:`. A secure value reaches the component as a secret, stored
// unchecked (a message quoting it would print it); a plain one as text, which the component checks.
// The component stores both as secrets.
const projectSetting = (key: string) => {
    const value = text(key);
    return value !== undefined && isSecureKey(key) ? config.requireSecret(key) : value;
};

// Pulumi config has no object type: the `network` argument is gathered from flat keys, and given
// only when one of them is set (without it the component changes nothing about networking).
const privateDnsZoneIds = { cognitiveServices: text("privateDnsZoneIdCognitiveServices"), keyVault: text("privateDnsZoneIdKeyVault") };
const networkFromConfig: NetworkArgs = {
    privateEndpointSubnetId: text("privateEndpointSubnetId"),
    privateDnsZoneIds: privateDnsZoneIds.cognitiveServices || privateDnsZoneIds.keyVault ? privateDnsZoneIds : undefined,
    // Any other text is refused by the component, naming this key.
    publicNetworkAccess: text("publicNetworkAccess") as PublicNetworkAccess | undefined,
    allowedIpRanges: list("allowedIpRanges"),
};
const network = Object.values(networkFromConfig).some((value) => value !== undefined) ? networkFromConfig : undefined;

/** Component argument (the path of a `network` setting) to the stack config key it is read from. */
const CONFIG_KEYS: Readonly<Record<string, string>> = {
    ...Object.fromEntries(
        [
            "location", "resourceGroupName", "environment", "trainingSku", "predictionSku", "logAnalyticsWorkspaceId",
            "logRetentionInDays", "secretReaderPrincipalIds", "allowedRegions", "activeKey", "keyRotation", "alertEmails",
            "projectId", "publishedIterationName", "restoreSoftDeleted",
        ].map((name) => [name, name]),
    ),
    "network.privateEndpointSubnetId": "privateEndpointSubnetId",
    "network.privateDnsZoneIds.cognitiveServices": "privateDnsZoneIdCognitiveServices",
    "network.privateDnsZoneIds.keyVault": "privateDnsZoneIdKeyVault",
    // A rule about the zones as a whole names the keys that are set.
    "network.privateDnsZoneIds": [
        ...(privateDnsZoneIds.cognitiveServices ? ["privateDnsZoneIdCognitiveServices"] : []),
        ...(privateDnsZoneIds.keyVault ? ["privateDnsZoneIdKeyVault"] : []),
    ].join(", "),
    "network.publicNetworkAccess": "publicNetworkAccess",
    "network.allowedIpRanges": "allowedIpRanges",
};

// `secretReaders` gathers two keys; remember where each item came from to name it in errors.
const READER_KEYS = { secretReaderUserIds: PrincipalType.User, secretReaderGroupIds: PrincipalType.Group } as const;
const readerSources: string[] = [];
const secretReaders: SecretReader[] = [];
for (const [key, principalType] of Object.entries(READER_KEYS)) {
    list(key)?.forEach((principalId, index) => {
        readerSources.push(`${key}[${index}]`);
        secretReaders.push({ principalId, principalType });
    });
}

/** `Pulumi.<stack>.yaml: azure-custom-vision:<key>` for an argument that came from the stack config. */
function configKeyOf(argument: string): string | undefined {
    const reader = /^secretReaders\[(\d+)\]/.exec(argument);
    const given = Object.keys(CONFIG_KEYS).find((path) => argument === path || argument.startsWith(`${path}[`));
    const key = reader ? readerSources[Number(reader[1])] : given && CONFIG_KEYS[given] && CONFIG_KEYS[given] + argument.slice(given.length);
    return key ? `Pulumi.${pulumi.getStack()}.yaml: ${config.name}:${key}` : undefined;
}

const location = config.require("location");
const resourceGroupName = config.require("resourceGroupName");

/** The component's arguments, with the resource group given as `resourceGroup`. */
const argumentsWith = (resourceGroup: pulumi.Input<string>): CustomVisionArgs => ({
    resourceGroupName: resourceGroup,
    location,
    environment: text("environment"),
    trainingSku: text("trainingSku"),
    predictionSku: text("predictionSku"),
    logAnalyticsWorkspaceId: text("logAnalyticsWorkspaceId"),
    logRetentionInDays: config.getNumber("logRetentionInDays"),
    secretReaderPrincipalIds: list("secretReaderPrincipalIds"),
    secretReaders: secretReaders.length > 0 ? secretReaders : undefined,
    allowedRegions: list("allowedRegions"),
    activeKey: config.getNumber("activeKey"),
    keyRotation: text("keyRotation"),
    alertEmails: list("alertEmails"),
    projectId: projectSetting("projectId"),
    publishedIterationName: projectSetting("publishedIterationName"),
    restoreSoftDeleted: config.getBoolean("restoreSoftDeleted"),
    network,
});

/** Runs `build`; an argument error names the stack file and key the user edits, not the argument they never wrote. */
function namingConfigKeys<T>(build: () => T): T {
    try {
        return build();
    } catch (error) {
        throw error instanceof CustomVisionArgumentError ? error.relabel(configKeyOf) : error;
    }
}

// Every argument is checked before anything is registered, the resource group included: a typo in
// the stack file leaves nothing half-created, and the group carries the environment as the component spells it.
const { environment } = namingConfigKeys(() => checkCustomVisionArgs("vision", argumentsWith(resourceGroupName)));

const resourceGroup = config.getBoolean("createResourceGroup")
    ? new resources.ResourceGroup(
          "custom-vision",
          { resourceGroupName, location, tags: { "managed-by": "pulumi", environment } },
          // Deleting a resource group deletes everything in it, also what others put there: Pulumi
          // never deletes the group, so neither `pulumi destroy` nor setting createResourceGroup to
          // false later takes anything else with it (docs/operations.md, "Upgrading from 0.1.0").
          { retainOnDelete: true },
      ).name
    : resourceGroupName;

const vision = namingConfigKeys(() => new CustomVision("vision", argumentsWith(resourceGroup)));

// Non-secret outputs only: the keys stay in the vault, where the secretUris point.
export const trainingEndpoint = vision.trainingEndpoint;
export const predictionEndpoint = vision.predictionEndpoint;
export const trainingAccountName = vision.trainingAccountName;
export const predictionAccountName = vision.predictionAccountName;
export const predictionResourceId = vision.predictionAccountId;
export const keyVaultName = vision.keyVaultName;
export const keyVaultUri = vision.keyVaultUri;
export const secretNames = vision.secretNames;
export const secretUris = vision.secretUris;
export const workspaceId = vision.workspaceId;
export const region = vision.location;
