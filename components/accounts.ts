import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import { PREDICTION_KIND, TRAINING_KIND } from "./azure";
import type { BuildContext } from "./context";
import { accountNetworkProperties } from "./network";

/** What an account is for; also the middle of its Pulumi name (`<name>-training`). */
export type AccountPurpose = "training" | "prediction";

export interface Accounts {
    training: cognitiveservices.Account;
    prediction: cognitiveservices.Account;
}

/** The paired Training and Prediction accounts, and the lock on the Training account in production. */
export function buildAccounts(context: BuildContext): Accounts {
    const { name, component, settings, names } = context;
    // The lock stops deletes from outside Pulumi, but `pulumi destroy` or a replacement removes the
    // lock first (it depends on the account): `protect` stops those. Unset otherwise, so a
    // `protect` given to the component still reaches the account.
    const trainingOptions: pulumi.CustomResourceOptions = settings.lockTrainingAccount ? { parent: component, protect: true } : { parent: component };
    const training = buildAccount(context, { purpose: "training", kind: TRAINING_KIND, sku: settings.trainingSku, accountName: names.training, options: trainingOptions });
    const prediction = buildAccount(context, { purpose: "prediction", kind: PREDICTION_KIND, sku: settings.predictionSku, accountName: names.prediction, options: { parent: component } });

    if (settings.lockTrainingAccount) {
        new authorization.ManagementLockByScope(
            `${name}-training-lock`,
            {
                scope: training.id,
                lockName: "custom-vision-training-cannot-delete",
                level: "CanNotDelete",
                notes: "Deleting the Training account deletes every project and training image. Remove this lock (lockTrainingAccount: false) only after ExportProject.",
            },
            { parent: component },
        );
    }
    return { training, prediction };
}

interface AccountSpec {
    purpose: AccountPurpose;
    /** ARM kind, CustomVision.Training or CustomVision.Prediction. */
    kind: string;
    sku: string;
    accountName: pulumi.Output<string>;
    options: pulumi.CustomResourceOptions;
}

function buildAccount(context: BuildContext, { purpose, kind, sku, accountName, options }: AccountSpec): cognitiveservices.Account {
    const { settings } = context;
    return new cognitiveservices.Account(
        `${context.name}-${purpose}`,
        {
            accountName,
            resourceGroupName: settings.resourceGroupName,
            location: settings.location,
            kind,
            sku: { name: sku },
            identity: { type: "SystemAssigned" },
            properties: {
                customSubDomainName: accountName,
                // The Custom Vision SDKs authenticate with keys only; disabling local auth breaks every client.
                disableLocalAuth: false,
                ...accountNetworkProperties(settings.network),
                ...(settings.restoreSoftDeleted ? { restore: true } : {}),
            },
            tags: settings.tags,
        },
        options,
    );
}
