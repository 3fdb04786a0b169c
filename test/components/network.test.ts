import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { CustomVision, CustomVisionArgs, NetworkArgs } from "../../components";
import { PRIVATE_ENDPOINT_NAME_PATTERN } from "../../components/azure";
import { ofType, register, Registration, SUBSCRIPTION_ID, useAzureMocks } from "../helpers/mocks";
import { BASELINE_BUILDS } from "./baseline-builds";

const runtime = useAzureMocks("dev");

const ACCOUNT = "azure-native:cognitiveservices:Account";
const VAULT = "azure-native:keyvault:Vault";
const ENDPOINT = "azure-native:network:PrivateEndpoint";
const ZONE_GROUP = "azure-native:network:PrivateDnsZoneGroup";
const SUBNET = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe`;
const zoneId = (zone: string) => `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/${zone}`;
const COGNITIVE_ZONE = zoneId("privatelink.cognitiveservices.azure.com");
const VAULT_ZONE = zoneId("privatelink.vaultcore.azure.net");

async function build(name: string, network: NetworkArgs | undefined, args: Partial<CustomVisionArgs> = {}): Promise<Registration[]> {
    return register(() => new CustomVision(name, { resourceGroupName: "rg-vision", location: "West Europe", ...args, network }));
}

const accountsOf = (registrations: Registration[]) => ofType(registrations, ACCOUNT);
const vaultOf = (registrations: Registration[]) => ofType(registrations, VAULT)[0];
/** What a registration targets through Private Link: the kind of account, or "vault". */
const targetOf = (registrations: Registration[], endpoint: Registration) => {
    const linked = endpoint.inputs.privateLinkServiceConnections[0].privateLinkServiceId as string;
    const resource = registrations.find((r) => linked.endsWith(`/${r.inputs.accountName ?? r.inputs.vaultName}`) && [ACCOUNT, VAULT].includes(r.type))!;
    return resource.type === VAULT ? "vault" : (resource.inputs.kind as string);
};

interface RecordedRegistration {
    urn: string;
    type: string;
    inputs: Record<string, unknown>;
    [field: string]: unknown;
}

/** The component's own tags: since the recording, the vault's secrets carry only these (a Key Vault secret takes 15 tags at most). */
const OWN_TAGS = ["managed-by", "component", "environment", "key-rotation"];
const ownTagsOnly = (tags: Record<string, string>) => Object.fromEntries(Object.entries(tags).filter(([name]) => OWN_TAGS.includes(name)));

/** A recorded registration as the component registers it now: the one deliberate change is that user tags no longer reach the secrets. */
function withSecretsTaggedOwnOnly(registration: RecordedRegistration): RecordedRegistration {
    const inputs = registration.inputs as { tags: Record<string, string>; properties: { parameters: { tags: { value: Record<string, string> } } } };
    if (registration.type === "azure-native:keyvault:Secret") return { ...registration, inputs: { ...inputs, tags: ownTagsOnly(inputs.tags) } };
    if (registration.type !== "azure-native:resources:Deployment") return registration;
    const parameters = { ...inputs.properties.parameters, tags: { value: ownTagsOnly(inputs.properties.parameters.tags.value) } };
    return { ...registration, inputs: { ...inputs, properties: { ...inputs.properties, parameters } } };
}

describe("a component without network", () => {
    const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, "registrations-without-network.json"), "utf8")) as { builds: Record<string, RecordedRegistration[]> };

    for (const [label, baseline] of Object.entries(BASELINE_BUILDS)) {
        it(`registers exactly what it registered before network existed (${label})`, async () => {
            const registrations = await register(() => new CustomVision(baseline.name, baseline.args()));
            const now = registrations
                .map(({ urn, type, name, parent, inputs, dependencies, propertyDependencies, protect, provider, custom, secretInputs }) => ({
                    urn, type, name, parent, inputs, dependencies, propertyDependencies, protect, provider: provider ?? null, custom, secretInputs,
                }))
                .sort((a, b) => a.urn.localeCompare(b.urn));
            expect(recorded.builds[label].length).toBeGreaterThan(15);
            expect(now).toEqual(recorded.builds[label].map(withSecretsTaggedOwnOnly));
        });
    }

    it("opened its accounts to public networks explicitly and left the vault to Azure's default, and still does", () => {
        const defaults = recorded.builds.defaults;
        const properties = (type: string) => defaults.filter((r) => r.type === type).map((r) => r.inputs.properties as Record<string, unknown>);
        expect(properties(ACCOUNT).map((p) => [p.publicNetworkAccess, p.networkAcls])).toEqual([["Enabled", undefined], ["Enabled", undefined]]);
        // azure-native fills the vault's own default, in the spelling of the Key Vault spec.
        expect(properties(VAULT).map((p) => [p.publicNetworkAccess, p.networkAcls])).toEqual([["enabled", undefined]]);
    });
});

describe("private endpoints in a subnet, with both DNS zones and public access disabled", async () => {
    const registrations = await build("spoke", {
        privateEndpointSubnetId: SUBNET,
        privateDnsZoneIds: { cognitiveServices: COGNITIVE_ZONE, keyVault: VAULT_ZONE },
        publicNetworkAccess: "Disabled",
    });
    const endpoints = ofType(registrations, ENDPOINT);
    const zoneGroups = ofType(registrations, ZONE_GROUP);

    it("creates one endpoint per account with group id account and one for the vault with group id vault", () => {
        const byTarget = Object.fromEntries(endpoints.map((endpoint) => [targetOf(registrations, endpoint), endpoint.inputs.privateLinkServiceConnections[0].groupIds]));
        expect(byTarget).toEqual({ "CustomVision.Training": ["account"], "CustomVision.Prediction": ["account"], vault: ["vault"] });
        expect(endpoints.map((endpoint) => endpoint.name).sort()).toEqual(["spoke-prediction-private-endpoint", "spoke-training-private-endpoint", "spoke-vault-private-endpoint"]);
    });

    it("puts each endpoint in the subnet, the component's region and resource group, with the component's tags", () => {
        for (const endpoint of endpoints) {
            expect(endpoint.inputs).toMatchObject({ location: "westeurope", resourceGroupName: "rg-vision", subnet: { id: SUBNET } });
            expect(endpoint.inputs.tags).toEqual(accountsOf(registrations)[0].inputs.tags);
            expect(endpoint.parent).toBe(registrations.find((r) => r.type === "azure-custom-vision:index:CustomVision")!.urn);
        }
    });

    it("names the endpoints with the stable suffix, within Azure's private endpoint name rule", () => {
        const suffix = /-([0-9a-f]{8})$/.exec(vaultOf(registrations).inputs.vaultName as string)![1];
        expect(endpoints.map((endpoint) => endpoint.inputs.privateEndpointName).sort()).toEqual(
            ["prediction", "training", "vault"].map((target) => `dev-spoke-${target}-pe-${suffix}`),
        );
        for (const endpoint of endpoints) expect(endpoint.inputs.privateLinkServiceConnections[0].name).toBe(endpoint.inputs.privateEndpointName);
    });

    it("registers each endpoint in its service's zone through a DNS zone group that waits for the endpoint", () => {
        const zoneOf = Object.fromEntries(zoneGroups.map((group) => [group.inputs.privateEndpointName, group.inputs.privateDnsZoneConfigs]));
        for (const endpoint of endpoints) {
            const zone = targetOf(registrations, endpoint) === "vault" ? VAULT_ZONE : COGNITIVE_ZONE;
            expect(zoneOf[endpoint.inputs.privateEndpointName]).toEqual([{ name: zone.split("/").pop()!.replace(/\./g, "-"), privateDnsZoneId: zone }]);
        }
        for (const group of zoneGroups) {
            expect(group.inputs).toMatchObject({ privateDnsZoneGroupName: "default", resourceGroupName: "rg-vision" });
            expect(endpoints.map((endpoint) => endpoint.urn)).toContain(group.propertyDependencies.privateEndpointName[0]);
        }
        expect(zoneGroups).toHaveLength(3);
    });

    it("disables public network access on both accounts and the vault, and denies by default should it be re-enabled", () => {
        for (const account of accountsOf(registrations)) {
            expect(account.inputs.properties).toMatchObject({ publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", ipRules: [] } });
            expect(account.inputs.properties.networkAcls).not.toHaveProperty("bypass");
        }
        // Trusted services, the ARM template deployment service among them, still pass the vault's firewall.
        expect(vaultOf(registrations).inputs.properties).toMatchObject({ publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [] } });
    });

    it("leaves the workspace and the diagnostic settings as a component without network has them", async () => {
        const plain = await build("plain", undefined);
        const suffixOf = (of: Registration[]) => /-([0-9a-f]{8})$/.exec(vaultOf(of).inputs.vaultName as string)![1];
        // The same component under another name: its names differ only in the name and the suffix.
        const renamed = (r: Registration) => JSON.stringify(r.inputs).replaceAll(suffixOf(plain), suffixOf(registrations)).replaceAll("plain", "spoke");
        for (const type of ["azure-native:operationalinsights:Workspace", "azure-native:monitor:DiagnosticSetting"]) {
            const mine = ofType(registrations, type).map((r) => JSON.stringify(r.inputs)).sort();
            expect(mine.length).toBeGreaterThan(0);
            expect(mine).toEqual(ofType(plain, type).map(renamed).sort());
        }
    });

    it("gets the outputs Azure reports: the endpoint's network interface and the addresses of the names it serves", async () => {
        const endpoint = runtime.mocks.resources.find((r) => r.type === ENDPOINT && String(r.name).startsWith("spoke-training"))!;
        const accountName = accountsOf(registrations).find((r) => r.inputs.kind === "CustomVision.Training")!.inputs.accountName;
        expect(endpoint.state.networkInterfaces).toEqual([{ id: expect.stringMatching(new RegExp(`/providers/Microsoft\\.Network/networkInterfaces/dev-spoke-training-pe-[0-9a-f]{8}\\.nic\\.[0-9a-f-]{36}$`)) }]);
        expect(endpoint.state.customDnsConfigs).toEqual([{ fqdn: `${accountName}.cognitiveservices.azure.com`, ipAddresses: [expect.stringMatching(/^10\.0\.0\.\d+$/)] }]);
        const group = runtime.mocks.resources.find((r) => r.type === ZONE_GROUP && String(r.name).startsWith("spoke-training"))!;
        expect(group.state.privateDnsZoneConfigs).toEqual([
            expect.objectContaining({ recordSets: [expect.objectContaining({ recordType: "A", fqdn: `${accountName}.privatelink.cognitiveservices.azure.com` })] }),
        ]);
    });
});

describe("public access kept, limited to IP ranges", async () => {
    const ranges = ["203.0.113.7", "198.51.100.0/24"];
    const registrations = await build("allowlist", { allowedIpRanges: ranges });

    it("gives both accounts network ACLs that deny by default and allow the ranges, without bypass", () => {
        for (const account of accountsOf(registrations)) {
            expect(account.inputs.properties.publicNetworkAccess).toBe("Enabled");
            expect(account.inputs.properties.networkAcls).toEqual({ defaultAction: "Deny", ipRules: ranges.map((value) => ({ value })) });
        }
    });

    it("gives the vault a firewall that denies by default, lets trusted Azure services through and allows the ranges", () => {
        const properties = vaultOf(registrations).inputs.properties;
        expect(properties.publicNetworkAccess).toBe("Enabled");
        expect(properties.networkAcls).toEqual({ defaultAction: "Deny", bypass: "AzureServices", ipRules: ranges.map((value) => ({ value })) });
    });

    it("creates no private endpoint without a subnet", () => {
        expect(ofType(registrations, ENDPOINT)).toEqual([]);
        expect(ofType(registrations, ZONE_GROUP)).toEqual([]);
    });
});

describe("a private endpoint subnet alone", async () => {
    const registrations = await build("pe-only", { privateEndpointSubnetId: SUBNET });

    it("creates the three endpoints but no DNS zone group: DNS is left to the network", () => {
        expect(ofType(registrations, ENDPOINT)).toHaveLength(3);
        expect(ofType(registrations, ZONE_GROUP)).toEqual([]);
    });

    it("does not close the public side: that takes publicNetworkAccess Disabled", () => {
        for (const resource of [...accountsOf(registrations), vaultOf(registrations)]) {
            expect(resource.inputs.properties.publicNetworkAccess).toBe("Enabled");
            expect(resource.inputs.properties).not.toHaveProperty("networkAcls");
        }
    });
});

describe("DNS zones", () => {
    it("of one service only give zone groups to that service's endpoints", async () => {
        const registrations = await build("accounts-zone", { privateEndpointSubnetId: SUBNET, privateDnsZoneIds: { cognitiveServices: COGNITIVE_ZONE } });
        expect(ofType(registrations, ZONE_GROUP).map((group) => group.name).sort()).toEqual(["accounts-zone-prediction-dns-zone-group", "accounts-zone-training-dns-zone-group"]);
    });
});

describe("a subnet id known only at deployment", () => {
    it("is taken as given and reaches every endpoint", async () => {
        const registrations = await build("computed", { privateEndpointSubnetId: pulumi.output(SUBNET).apply((id) => id), publicNetworkAccess: "Disabled" });
        expect(ofType(registrations, ENDPOINT).map((endpoint) => endpoint.inputs.subnet.id)).toEqual([SUBNET, SUBNET, SUBNET]);
    });
});

describe("private endpoint names", () => {
    it("fit Azure's rule for the longest component names, and differ between components", async () => {
        const long = "a-component-name-that-is-much-longer-than-anyone-would-choose-for-real";
        const first = await build(long, { privateEndpointSubnetId: SUBNET });
        const second = await build(`${long}-2`, { privateEndpointSubnetId: SUBNET });
        const names = [...ofType(first, ENDPOINT), ...ofType(second, ENDPOINT)].map((endpoint) => endpoint.inputs.privateEndpointName as string);
        for (const name of names) {
            expect(name.length, name).toBeLessThanOrEqual(64);
            expect(name).toMatch(PRIVATE_ENDPOINT_NAME_PATTERN);
        }
        expect(new Set(names).size).toBe(6);
    });
});
