import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { CustomVision, CustomVisionArgs, CustomVisionArgumentError } from "../../components";
import { DEFAULTS } from "../../components/defaults";
import { checkNetwork, ipRuleProblem } from "../../components/network-rules";
import { ArgumentProblems } from "../../components/validation";
import { register, useAzureMocks } from "../helpers/mocks";

const runtime = useAzureMocks("dev");

const SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe";
const zoneId = (zone: string) => `/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-hub-dns/providers/Microsoft.Network/privateDnsZones/${zone}`;
const COGNITIVE_ZONE = zoneId("privatelink.cognitiveservices.azure.com");
const VAULT_ZONE = zoneId("privatelink.vaultcore.azure.net");

/** The problems `network` has, each as `<argument> <rule>`. */
function problemsOf(network: unknown): string[] {
    const problems = new ArgumentProblems();
    checkNetwork(problems, network, DEFAULTS.network);
    return problems.list.map((problem) => `${problem.argument} ${problem.rule}`);
}

describe("IP rules", () => {
    it("take public IPv4 addresses and CIDR ranges", () => {
        for (const range of ["203.0.113.7", "198.51.100.0/24", "8.8.0.0/16", "100.64.0.0/10", "172.32.0.0/16", "11.0.0.0/8"]) {
            expect(ipRuleProblem(range), range).toBeUndefined();
        }
    });

    it.each([
        ["300.1.1.1", /is not an IPv4 address or CIDR range/],
        ["203.0.113", /is not an IPv4 address or CIDR range/],
        ["203.0.113.07", /is not an IPv4 address or CIDR range/],
        ["203.0.113.0/33", /is not an IPv4 address or CIDR range/],
        ["203.0.113.0/", /is not an IPv4 address or CIDR range/],
        ["office", /is not an IPv4 address or CIDR range/],
        ["2001:db8::/32", /is an IPv6 address; .* take IPv4 only/],
        ["203.0.113.7/24", /has host bits set: 203\.0\.113\.0\/24 is the range it lies in/],
        ["198.51.100.128/23", /has host bits set: 198\.51\.100\.0\/23 is the range it lies in/],
        ["203.0.113.7/32", /is a \/32 range, which Azure AI services refuse; write the address alone \(203\.0\.113\.7\)/],
        ["203.0.113.6/31", /is a \/31 range, .* write its two addresses one by one \(203\.0\.113\.6, 203\.0\.113\.7\)/],
        ["10.1.2.3", /includes private \(RFC 1918\) addresses/],
        ["172.20.0.0/16", /includes private \(RFC 1918\) addresses/],
        ["192.168.1.0/24", /includes private \(RFC 1918\) addresses/],
        ["0.0.0.0/0", /includes private \(RFC 1918\) addresses/],
        ["172.0.0.0/8", /includes private \(RFC 1918\) addresses/],
    ])("refuse %s", (range, rule) => {
        expect(ipRuleProblem(range)).toMatch(rule);
    });
});

describe("the network argument", () => {
    it("is left out entirely when not given: nothing about networking changes", () => {
        expect(checkNetwork(new ArgumentProblems(), undefined, DEFAULTS.network)).toBeUndefined();
        expect(checkNetwork(new ArgumentProblems(), null, DEFAULTS.network)).toBeUndefined();
    });

    it("keeps public access enabled and sets no IP rules unless asked, even with a private endpoint", () => {
        const problems = new ArgumentProblems();
        expect(checkNetwork(problems, { privateEndpointSubnetId: SUBNET }, DEFAULTS.network)).toEqual({
            publicNetworkAccess: DEFAULTS.network.publicNetworkAccess,
            allowedIpRanges: [],
            privateEndpointSubnetId: SUBNET,
            privateDnsZoneIds: {},
        });
        expect(DEFAULTS.network.publicNetworkAccess).toBe("Enabled");
        expect(problems.list).toEqual([]);
    });

    it("accepts publicNetworkAccess in any case, in Azure's spelling", () => {
        const problems = new ArgumentProblems();
        expect(checkNetwork(problems, { privateEndpointSubnetId: SUBNET, publicNetworkAccess: "disabled" }, DEFAULTS.network)?.publicNetworkAccess).toBe("Disabled");
        expect(problems.list).toEqual([]);
    });

    it("accepts both zones with a subnet, and ids known only at deployment as given", () => {
        const computed = pulumi.output(VAULT_ZONE);
        const problems = new ArgumentProblems();
        const network = checkNetwork(problems, { privateEndpointSubnetId: SUBNET, privateDnsZoneIds: { cognitiveServices: COGNITIVE_ZONE.toUpperCase(), keyVault: computed } }, DEFAULTS.network);
        expect(problems.list).toEqual([]);
        expect(network?.privateDnsZoneIds).toEqual({ cognitiveServices: COGNITIVE_ZONE.toUpperCase(), keyVault: computed });
    });

    it.each([
        ["a virtual network id for the subnet", { privateEndpointSubnetId: SUBNET.replace(/\/subnets\/.*$/, "") }, /^network\.privateEndpointSubnetId ".*vnet-spoke" is not a subnet resource id/],
        ["a subnet name for the subnet", { privateEndpointSubnetId: "snet-pe" }, /^network\.privateEndpointSubnetId "snet-pe" is not a subnet resource id/],
        ["the vault's zone for the accounts", { privateEndpointSubnetId: SUBNET, privateDnsZoneIds: { cognitiveServices: VAULT_ZONE } }, /^network\.privateDnsZoneIds\.cognitiveServices ".*" is the zone privatelink\.vaultcore\.azure\.net; the accounts' endpoints register in privatelink\.cognitiveservices\.azure\.com$/],
        ["the accounts' zone for the vault", { privateEndpointSubnetId: SUBNET, privateDnsZoneIds: { keyVault: COGNITIVE_ZONE } }, /^network\.privateDnsZoneIds\.keyVault ".*" is the zone privatelink\.cognitiveservices\.azure\.com; the vault's endpoint registers in privatelink\.vaultcore\.azure\.net$/],
        ["a public DNS zone", { privateEndpointSubnetId: SUBNET, privateDnsZoneIds: { keyVault: VAULT_ZONE.replace("privateDnsZones", "dnszones") } }, /^network\.privateDnsZoneIds\.keyVault ".*" is not a private DNS zone resource id/],
        ["zones without a subnet", { privateDnsZoneIds: { keyVault: VAULT_ZONE } }, /^network\.privateDnsZoneIds needs network\.privateEndpointSubnetId/],
        ["an unknown access setting", { publicNetworkAccess: "Closed" }, /^network\.publicNetworkAccess "Closed" must be Enabled or Disabled$/],
        ["a misspelt setting", { publicNetworkacess: "Disabled" }, /^network\.publicNetworkacess is not a setting of network; did you mean publicNetworkAccess\?$/],
        ["a misspelt zone", { privateEndpointSubnetId: SUBNET, privateDnsZoneIds: { vault: VAULT_ZONE } }, /^network\.privateDnsZoneIds\.vault is not a setting of network\.privateDnsZoneIds; use cognitiveServices, keyVault$/],
        ["a bad range", { allowedIpRanges: ["203.0.113.0/24", "192.168.0.0/16"] }, /^network\.allowedIpRanges\[1\] "192\.168\.0\.0\/16" includes private/],
        ["one range, not a list", { allowedIpRanges: "203.0.113.7" }, /^network\.allowedIpRanges must be a list/],
        ["not a map", "private", /^network must be a map/],
    ])("rejects %s, naming the setting", (_label, network, rule) => {
        expect(problemsOf(network)).toEqual([expect.stringMatching(rule)]);
    });

    it("rejects more IP rules than an account takes", () => {
        const ranges = Array.from({ length: 101 }, (_, index) => `203.0.${Math.floor(index / 250)}.${(index % 250) + 1}`);
        expect(problemsOf({ allowedIpRanges: ranges })).toEqual(["network.allowedIpRanges has 101 entries; an Azure AI services account takes at most 100 IP rules"]);
        expect(problemsOf({ allowedIpRanges: ranges.slice(0, 100) })).toEqual([]);
    });
});

describe("public network access Disabled", () => {
    it("needs a private endpoint: with neither endpoint nor ranges nobody could reach the accounts or read the secrets", () => {
        expect(problemsOf({ publicNetworkAccess: "Disabled" })).toEqual([expect.stringMatching(/^network\.publicNetworkAccess "Disabled" needs network\.privateEndpointSubnetId: .*nobody could call the Training or Prediction API or read the secrets$/)]);
    });

    it("is not opened by IP ranges: Azure ignores IP rules once public access is disabled, so both are reported", () => {
        expect(problemsOf({ publicNetworkAccess: "Disabled", allowedIpRanges: ["203.0.113.7"] })).toEqual([
            expect.stringMatching(/^network\.publicNetworkAccess "Disabled" needs network\.privateEndpointSubnetId: .*IP rules are ignored/),
            expect.stringMatching(/^network\.allowedIpRanges have no effect while publicNetworkAccess is "Disabled": Azure ignores IP rules/),
        ]);
    });

    it("with a private endpoint still refuses IP ranges that would do nothing", () => {
        expect(problemsOf({ privateEndpointSubnetId: SUBNET, publicNetworkAccess: "Disabled", allowedIpRanges: ["203.0.113.7"] })).toEqual([
            expect.stringMatching(/^network\.allowedIpRanges have no effect/),
        ]);
    });

    it("with a private endpoint known only at deployment is accepted", () => {
        expect(problemsOf({ privateEndpointSubnetId: pulumi.output(SUBNET), publicNetworkAccess: "Disabled" })).toEqual([]);
    });
});

describe("bad network settings given to the component", () => {
    it("are reported with every other bad argument in one error, and nothing is registered", async () => {
        const before = runtime.monitor.registrations.length;
        let error: unknown;
        try {
            new CustomVision("bad", {
                resourceGroupName: "rg-vision",
                location: "mars",
                network: { privateEndpointSubnetId: "snet-pe", publicNetworkAccess: "Disabled", allowedIpRanges: ["203.0.113.7/32"] },
            } as CustomVisionArgs);
        } catch (thrown) {
            error = thrown;
        }
        await register(() => undefined);
        expect(runtime.monitor.registrations.length).toBe(before);
        expect(error).toBeInstanceOf(CustomVisionArgumentError);
        expect((error as CustomVisionArgumentError).problems.map((problem) => problem.argument)).toEqual([
            "location",
            "network.privateEndpointSubnetId",
            "network.allowedIpRanges[0]",
            "network.allowedIpRanges",
        ]);
        expect((error as CustomVisionArgumentError).message.split("\n")).toHaveLength(1);
    });
});
