import type * as pulumi from "@pulumi/pulumi";
import type * as keyvault from "@pulumi/azure-native/keyvault";
import * as network from "@pulumi/azure-native/network";
import type * as azure from "@pulumi/azure-native/types/input";
import type { Accounts } from "./accounts";
import { PublicNetworkAccess } from "./args";
import { PRIVATE_LINK } from "./azure";
import type { BuildContext } from "./context";
import { PrivateEndpointTarget, withSuffix } from "./naming";
import type { NetworkSettings } from "./network-rules";

/**
 * Network isolation (docs/operations.md, "Private networking"): the accounts' and the vault's
 * network properties, and the private endpoints with their DNS zone groups. The shapes are
 * azure-native's own input types, so a field ARM does not know fails the type check. Without the
 * `network` argument everything is as before it existed: accounts open to public networks, the vault
 * left to Azure's defaults, no endpoint.
 */

type AccountNetworkProperties = Pick<azure.cognitiveservices.AccountPropertiesArgs, "publicNetworkAccess" | "networkAcls">;
type VaultNetworkProperties = Pick<azure.keyvault.VaultPropertiesArgs, "publicNetworkAccess" | "networkAcls">;

/** `publicNetworkAccess` and, with `allowedIpRanges` or public access disabled, the network ACLs of an account. */
export function accountNetworkProperties(settings: NetworkSettings | undefined): AccountNetworkProperties {
    if (settings === undefined) return { publicNetworkAccess: PublicNetworkAccess.Enabled };
    // No `bypass`: trusted-service access is documented for Azure OpenAI only (docs/azure-facts.md, "Network isolation").
    const networkAcls: azure.cognitiveservices.NetworkRuleSetArgs = { defaultAction: "Deny", ipRules: ipRulesOf(settings) };
    return { publicNetworkAccess: settings.publicNetworkAccess, ...(deniesByDefault(settings) ? { networkAcls } : {}) };
}

/** `publicNetworkAccess` and, with `allowedIpRanges` or public access disabled, the firewall of the vault. */
export function vaultNetworkProperties(settings: NetworkSettings | undefined): VaultNetworkProperties {
    if (settings === undefined) return {};
    // Trusted Azure services (the ARM template deployment service among them) pass the firewall,
    // also with public access disabled (docs/azure-facts.md, "Network isolation").
    const networkAcls: azure.keyvault.NetworkRuleSetArgs = { defaultAction: "Deny", bypass: "AzureServices", ipRules: ipRulesOf(settings) };
    return { publicNetworkAccess: settings.publicNetworkAccess, ...(deniesByDefault(settings) ? { networkAcls } : {}) };
}

/**
 * The ACLs deny by default with IP ranges to allow, and with public access disabled too: should
 * someone re-enable public access outside Pulumi, the accounts and the vault still stay closed.
 */
function deniesByDefault(settings: NetworkSettings): boolean {
    return settings.allowedIpRanges.length > 0 || settings.publicNetworkAccess === PublicNetworkAccess.Disabled;
}

function ipRulesOf(settings: NetworkSettings): { value: string }[] {
    return settings.allowedIpRanges.map((value) => ({ value }));
}

/**
 * One private endpoint per account (group id `account`) and one for the vault (group id `vault`) in
 * the given subnet, in the component's region and resource group. Nothing without a subnet.
 */
export function buildPrivateEndpoints(context: BuildContext, accounts: Accounts, vault: keyvault.Vault): void {
    const subnetId = context.settings.network?.privateEndpointSubnetId;
    if (subnetId === undefined) return;
    const zones = context.settings.network?.privateDnsZoneIds ?? {};
    const targets: [PrivateEndpointTarget, pulumi.Input<string>, keyof typeof PRIVATE_LINK][] = [
        ["training", accounts.training.id, "cognitiveServices"],
        ["prediction", accounts.prediction.id, "cognitiveServices"],
        ["vault", vault.id, "keyVault"],
    ];
    for (const [target, resourceId, service] of targets) buildPrivateEndpoint(context, { target, resourceId, subnetId, service, zoneId: zones[service] });
}

interface PrivateEndpointSpec {
    target: PrivateEndpointTarget;
    resourceId: pulumi.Input<string>;
    subnetId: pulumi.Input<string>;
    service: keyof typeof PRIVATE_LINK;
    zoneId: pulumi.Input<string> | undefined;
}

/** The endpoint and, when its zone is given, its DNS zone group. */
function buildPrivateEndpoint(context: BuildContext, { target, resourceId, subnetId, service, zoneId }: PrivateEndpointSpec): void {
    const { name, component, settings, suffix } = context;
    const { groupId, dnsZone } = PRIVATE_LINK[service];
    const privateEndpointName = suffix.apply((value) => withSuffix(settings.prefixes.privateEndpoints[target], value));
    const endpointArgs: network.PrivateEndpointArgs = {
        privateEndpointName,
        resourceGroupName: settings.resourceGroupName,
        // A private endpoint lives in its virtual network's region and subscription: the subnet must be in the component's.
        location: settings.location,
        subnet: { id: subnetId },
        privateLinkServiceConnections: [{ name: privateEndpointName, privateLinkServiceId: resourceId, groupIds: [groupId] }],
        tags: settings.tags,
    };
    const endpoint = new network.PrivateEndpoint(`${name}-${target}-private-endpoint`, endpointArgs, { parent: component });
    if (zoneId === undefined) return;

    const zoneGroupArgs: network.PrivateDnsZoneGroupArgs = {
        privateDnsZoneGroupName: "default",
        privateEndpointName: endpoint.name,
        resourceGroupName: settings.resourceGroupName,
        privateDnsZoneConfigs: [{ name: dnsZone.replace(/\./g, "-"), privateDnsZoneId: zoneId }],
    };
    new network.PrivateDnsZoneGroup(`${name}-${target}-dns-zone-group`, zoneGroupArgs, { parent: component });
}
