import * as pulumi from "@pulumi/pulumi";
import type { CustomVisionArgs } from "../../components";
import { SUBSCRIPTION_ID } from "../helpers/mocks";

interface BaselineBuild {
    name: string;
    args: () => CustomVisionArgs;
}

/**
 * The components whose registrations `registrations-without-network.json` holds, as recorded before
 * the `network` argument existed: one with every default, one with every other argument set. Built
 * on stack `dev` of project `azure-custom-vision` under the repository's Azure mocks.
 */
export const BASELINE_BUILDS: Readonly<Record<string, BaselineBuild>> = Object.freeze({
    defaults: { name: "vision", args: () => ({ resourceGroupName: "rg-vision", location: "West Europe" }) },
    everything: {
        name: "full",
        args: (): CustomVisionArgs => ({
            resourceGroupName: "rg-vision-full",
            location: "eastus",
            environment: "prod",
            trainingSku: "S0",
            predictionSku: "S0",
            logAnalyticsWorkspaceId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.OperationalInsights/workspaces/central-logs`,
            secretReaderPrincipalIds: ["3f2504e0-4f89-41d3-9a0c-0305e82c3301"],
            secretReaders: [
                { principalId: "0f8fad5b-d9cb-469f-a165-70867728950e", principalType: "User" },
                { principalId: "7c9e6679-7425-40de-944b-e07fc1f90ae7", principalType: "Group" },
            ],
            tags: { "cost-center": "vision" },
            softDeleteRetentionInDays: 30,
            activeKey: 2,
            keyRotation: "2025-01-01",
            projectId: pulumi.secret("0f8fad5b-d9cb-469f-a165-70867728950e"),
            publishedIterationName: "Iteration7",
            restoreSoftDeleted: true,
            alertEmails: ["oncall@contoso.com"],
            alertActionGroupId: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-shared/providers/Microsoft.Insights/actionGroups/platform`,
        }),
    },
});
