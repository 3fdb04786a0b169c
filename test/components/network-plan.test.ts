import * as fs from "fs";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { PlanDocument } from "../../tools/plan/render";
import { CliRun, FIXTURES, REPO_ROOT, runPlanMain } from "../tools/plan-cli";
import { declaredArguments } from "./declared-arguments";

// The repository's stack program planned as a user would (`npm run plan`), on the root-stacks
// fixtures that set the flat network config keys.
const rootStacks = path.join(FIXTURES, "root-stacks");
const runs: Record<string, CliRun> = {};

beforeAll(async () => {
    const planned: Record<string, string[]> = {
        network: ["--cwd", rootStacks, "--stack", "network", "--json"],
        allowlist: ["--cwd", rootStacks, "--stack", "network-allowlist", "--json"],
        badNetwork: ["--cwd", rootStacks, "--stack", "bad-network"],
        prodWithoutNetwork: ["--stack", "prod", "--json"],
    };
    await Promise.all(Object.entries(planned).map(async ([name, args]) => (runs[name] = await runPlanMain(args))));
}, 180_000);

type PlannedResource = PlanDocument["resources"][number];
const resourcesOf = (run: CliRun) => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    return (JSON.parse(run.stdout) as PlanDocument).resources;
};
const ofType = (resources: PlannedResource[], type: string) => resources.filter((resource) => resource.type === type);
const propertiesOf = (resource: PlannedResource) => resource.inputs.properties as Record<string, unknown>;
const ACCOUNT = "azure-native:cognitiveservices:Account";
const VAULT = "azure-native:keyvault:Vault";
const ENDPOINT = "azure-native:network:PrivateEndpoint";
const ZONE_GROUP = "azure-native:network:PrivateDnsZoneGroup";

describe("the plan of a stack with private endpoints, DNS zones and public access disabled", () => {
    it("shows three private endpoints: the two accounts with group id account, the vault with group id vault", () => {
        const resources = resourcesOf(runs.network);
        const connections = ofType(resources, ENDPOINT).map((endpoint) => (endpoint.inputs.privateLinkServiceConnections as { groupIds: string[]; privateLinkServiceId: string }[])[0]);
        const linked = connections.map(({ groupIds, privateLinkServiceId }) => [privateLinkServiceId.split("/").slice(-3, -1).join("/"), ...groupIds]);
        expect(linked.sort()).toEqual([
            ["Microsoft.CognitiveServices/accounts", "account"],
            ["Microsoft.CognitiveServices/accounts", "account"],
            ["Microsoft.KeyVault/vaults", "vault"],
        ]);
        const ids = new Set([...ofType(resources, ACCOUNT), ...ofType(resources, VAULT)].map((resource) => String(resource.inputs.accountName ?? resource.inputs.vaultName)));
        expect(connections.every(({ privateLinkServiceId }) => ids.has(privateLinkServiceId.split("/").pop()!))).toBe(true);
        for (const endpoint of ofType(resources, ENDPOINT)) {
            expect(endpoint.inputs).toMatchObject({ location: "westeurope", resourceGroupName: "rg-custom-vision-spoke" });
            expect((endpoint.inputs.subnet as { id: string }).id).toMatch(/\/virtualNetworks\/vnet-spoke-weu\/subnets\/snet-private-endpoints$/);
        }
    });

    it("shows a DNS zone group on each endpoint, in the hub's zone of its service", () => {
        const resources = resourcesOf(runs.network);
        const zones = ofType(resources, ZONE_GROUP).map((group) => (group.inputs.privateDnsZoneConfigs as { privateDnsZoneId: string }[])[0].privateDnsZoneId.split("/").pop());
        expect(zones.sort()).toEqual(["privatelink.cognitiveservices.azure.com", "privatelink.cognitiveservices.azure.com", "privatelink.vaultcore.azure.net"]);
        const endpointNames = ofType(resources, ENDPOINT).map((endpoint) => endpoint.inputs.privateEndpointName);
        expect(ofType(resources, ZONE_GROUP).map((group) => group.inputs.privateEndpointName).sort()).toEqual(endpointNames.sort());
    });

    it("shows publicNetworkAccess Disabled on both accounts and the vault, with ACLs denying by default", () => {
        const resources = resourcesOf(runs.network);
        const closed = [...ofType(resources, ACCOUNT), ...ofType(resources, VAULT)].map((resource) => propertiesOf(resource));
        expect(closed.map((properties) => properties.publicNetworkAccess)).toEqual(["Disabled", "Disabled", "Disabled"]);
        expect(closed.map((properties) => (properties.networkAcls as { defaultAction: string }).defaultAction)).toEqual(["Deny", "Deny", "Deny"]);
    });
});

describe("the plan of a stack that allows IP ranges", () => {
    it("shows network ACLs denying by default with the ranges on the accounts, and on the vault with trusted services let through", () => {
        const resources = resourcesOf(runs.allowlist);
        const ipRules = [{ value: "203.0.113.7" }, { value: "198.51.100.0/24" }];
        for (const account of ofType(resources, ACCOUNT)) {
            expect(propertiesOf(account)).toMatchObject({ publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny", ipRules } });
        }
        expect(propertiesOf(ofType(resources, VAULT)[0])).toMatchObject({ publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules } });
    });

    it("shows the private endpoints without DNS zone groups when no zone is given", () => {
        const resources = resourcesOf(runs.allowlist);
        expect(ofType(resources, ENDPOINT)).toHaveLength(3);
        expect(ofType(resources, ZONE_GROUP)).toHaveLength(0);
    });
});

describe("custom-vision-public-network-in-prod", () => {
    const reported = (run: CliRun) =>
        (JSON.parse(run.stdout) as PlanDocument).violations.filter((violation) => violation.policy === "custom-vision-public-network-in-prod").map((violation) => violation.urn?.split("::").pop());

    it("reports a production component without network, and neither production stack that uses it", () => {
        expect(reported(runs.prodWithoutNetwork).sort()).toEqual(["vision-prediction", "vision-training", "vision-vault"]);
        for (const run of [runs.network, runs.allowlist]) {
            expect(resourcesOf(run).find((resource) => resource.type === VAULT)?.inputs.tags).toMatchObject({ environment: "prod" });
            expect(reported(run)).toEqual([]);
        }
    });
});

describe("a stack with network settings that could not work", () => {
    it("fails the plan with one message naming each bad key of the stack file", () => {
        expect(runs.badNetwork.code).toBe(2);
        const message = runs.badNetwork.stderr.trim();
        expect(message.split("\n")).toHaveLength(1);
        const file = "Pulumi.bad-network.yaml: azure-custom-vision";
        expect(message).toContain(`${file}:privateEndpointSubnetId "/subscriptions/`);
        expect(message).toMatch(/vnet-spoke-weu" is not a subnet resource id/);
        expect(message).toContain(`${file}:privateDnsZoneIdKeyVault "/subscriptions/`);
        expect(message).toContain("is the zone privatelink.cognitiveservices.azure.com; the vault's endpoint registers in privatelink.vaultcore.azure.net");
        expect(message).toContain(`${file}:allowedIpRanges[1] "10.20.0.0/16" includes private (RFC 1918) addresses`);
        expect(message).toContain(`${file}:allowedIpRanges have no effect while publicNetworkAccess is "Disabled"`);
        // Named by the keys the user edits, never by the argument paths the program builds from them.
        expect(message).not.toMatch(/\bnetwork\.(privateEndpointSubnetId|privateDnsZoneIds|publicNetworkAccess|allowedIpRanges)/);
    });
});

describe("the Private networking section of docs/operations.md", () => {
    it("lists every network setting with the config key the stack program reads it from, and Pulumi.yaml declares each key", () => {
        const operations = fs.readFileSync(path.join(REPO_ROOT, "docs/operations.md"), "utf8");
        const section = operations.slice(operations.indexOf("## Private networking"), operations.indexOf("### Without DNS zone ids"));
        const rows = Object.fromEntries([...section.matchAll(/^\| `([\w.]+)` \| `(\w+)` \|/gm)].map((row) => [row[1], row[2]]));
        const settings = declaredArguments("NetworkArgs").flatMap(({ name }) =>
            name === "privateDnsZoneIds" ? declaredArguments("PrivateDnsZoneIds").map((zone) => `${name}.${zone.name}`) : [name],
        );
        expect(Object.keys(rows).sort()).toEqual(settings.sort());
        const declared = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, unknown> };
        for (const key of Object.values(rows)) expect(declared.config, key).toHaveProperty(key);
        const program = fs.readFileSync(path.join(REPO_ROOT, "index.ts"), "utf8");
        for (const [setting, key] of Object.entries(rows)) expect(program, setting).toContain(`"network.${setting}": "${key}"`);
    });
});
