import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { stableSuffix, withSuffix } from "./naming";
import type { Settings } from "./settings";

/**
 * What every builder (accounts, vault, key export, monitoring) works from: one object instead of a
 * row of positional parameters, so a new concern (networking) adds a field, not a signature change.
 */
export interface BuildContext {
    /** The component's name: every child is named `<name>-<part>`. */
    name: string;
    /** The component: the parent of every child. */
    component: pulumi.ComponentResource;
    settings: Settings;
    /** The deploying identity's subscription and tenant. */
    client: pulumi.Output<authorization.GetClientConfigResult>;
    /** The stable hash suffix of every name that lives in a shared or global namespace. */
    suffix: pulumi.Output<string>;
    /** Physical names, known before anything is created (no child waits on another for its name). */
    names: PhysicalNames;
}

export interface PhysicalNames {
    /** Training account name and custom subdomain. */
    training: pulumi.Output<string>;
    /** Prediction account name and custom subdomain. */
    prediction: pulumi.Output<string>;
    vault: pulumi.Output<string>;
    /** The workspace the component creates (unused with `logAnalyticsWorkspaceId`). */
    workspace: pulumi.Output<string>;
    /** The ARM deployment that copies the account keys into the vault. */
    keyExport: pulumi.Output<string>;
}

export function createBuildContext(name: string, component: pulumi.ComponentResource, settings: Settings): BuildContext {
    const client = authorization.getClientConfigOutput({ parent: component });
    // The counterpart of ARM's uniqueString(subscription, resource group): stable across runs,
    // different for every subscription, resource group, project, stack and component.
    const suffix = pulumi
        .all([client.subscriptionId, pulumi.output(settings.resourceGroupName)])
        .apply(([subscriptionId, group]) => stableSuffix([subscriptionId, group.toLowerCase(), pulumi.getProject(), pulumi.getStack(), name]));
    const derived = (prefix: string) => suffix.apply((value) => withSuffix(prefix, value));
    const chosen = (override: string | undefined, prefix: string) => (override !== undefined ? pulumi.output(override) : derived(prefix));
    const { prefixes, overrides } = settings;
    return {
        name,
        component,
        settings,
        client,
        suffix,
        names: {
            training: chosen(overrides.trainingSubdomain, prefixes.training),
            prediction: chosen(overrides.predictionSubdomain, prefixes.prediction),
            vault: chosen(overrides.keyVaultName, prefixes.vault),
            workspace: derived(prefixes.workspace),
            keyExport: derived(prefixes.keyExport),
        },
    };
}
