import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { CustomVision } from "./components";

// Every key read here is declared, with type, description and default, in Pulumi.yaml.
const config = new pulumi.Config();
const location = config.require("location");
const resourceGroupName = config.require("resourceGroupName");
const environment = config.get("environment") ?? "dev";

const resourceGroup = config.getBoolean("createResourceGroup") ?? true
    ? new resources.ResourceGroup("custom-vision", {
          resourceGroupName,
          location,
          tags: { "managed-by": "pulumi", environment },
      }).name
    : pulumi.output(resourceGroupName);

const vision = new CustomVision("vision", {
    resourceGroupName: resourceGroup,
    location,
    environment,
    trainingSku: config.get("trainingSku"),
    predictionSku: config.get("predictionSku"),
    logAnalyticsWorkspaceId: config.get("logAnalyticsWorkspaceId") || undefined,
    logRetentionInDays: config.getNumber("logRetentionInDays"),
    secretReaderPrincipalIds: config.getObject<string[]>("secretReaderPrincipalIds"),
    activeKey: config.getNumber("activeKey"),
    alertEmails: config.getObject<string[]>("alertEmails"),
    projectId: config.get("projectId") || undefined,
    publishedIterationName: config.get("publishedIterationName") || undefined,
    restoreSoftDeleted: config.getBoolean("restoreSoftDeleted"),
});

// Non-secret outputs only: the keys stay in the vault (and in `vision.trainingKey`/`predictionKey` as secrets).
export const trainingEndpoint = vision.trainingEndpoint;
export const predictionEndpoint = vision.predictionEndpoint;
export const trainingAccountName = vision.trainingAccountName;
export const predictionAccountName = vision.predictionAccountName;
export const predictionResourceId = vision.predictionAccountId;
export const keyVaultName = vision.keyVaultName;
export const keyVaultUri = vision.keyVaultUri;
export const secretNames = vision.secretNames;
export const workspaceId = vision.workspaceId;
export const region = vision.location;
