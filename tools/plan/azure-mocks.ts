// Over 300 lines: one case per ARM resource type the plan and the tests create, kept side by side.
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { isSecretEnvelope } from "./secrets";
import { isRecord, moduleAndType } from "./values";

/**
 * Realistic Azure mocks for Pulumi's mock runtime: the one copy shared by the offline plan and the
 * component tests. Resources get ARM-shaped ids and the outputs Azure computes (endpoints, vault
 * URIs, workspace customer ids); the invokes the packages here make return Azure-shaped results.
 * Every fake value is derived from its inputs by hashing, so two runs of the same program produce
 * the same ids and keys (stable plans, stable docs, and tests can recompute the fake keys).
 */

/** The fake identity every mocked deployment runs as. */
export const MOCK_CLIENT_CONFIG = Object.freeze({
    clientId: fakeGuid("client"),
    objectId: fakeGuid("object"),
    subscriptionId: fakeGuid("subscription"),
    tenantId: fakeGuid("tenant"),
});

/** A stable GUID derived from `seed`. */
export function fakeGuid(seed: string): string {
    const hex = sha256(`guid/${seed}`);
    return [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `8${hex.slice(17, 20)}`, hex.slice(20, 32)].join("-");
}

/** The two fake account keys (32 hex characters each, like real ones) the mocks return for an account. */
export function mockAccountKeys(accountName: string): { key1: string; key2: string } {
    return { key1: sha256(`key1/${accountName}`).slice(0, 32), key2: sha256(`key2/${accountName}`).slice(0, 32) };
}

/** How a type token maps onto ARM: provider namespace, resource type and the input naming the resource. */
interface ArmType {
    namespace: string;
    type: string;
    nameInput: string;
}

/** The ARM shapes of the types the component and its stacks create; any other type gets a derived shape. */
const ARM_TYPES: Readonly<Record<string, ArmType>> = Object.freeze({
    "cognitiveservices:Account": { namespace: "Microsoft.CognitiveServices", type: "accounts", nameInput: "accountName" },
    "keyvault:Vault": { namespace: "Microsoft.KeyVault", type: "vaults", nameInput: "vaultName" },
    "operationalinsights:Workspace": { namespace: "Microsoft.OperationalInsights", type: "workspaces", nameInput: "workspaceName" },
    "monitor:ActionGroup": { namespace: "Microsoft.Insights", type: "actionGroups", nameInput: "actionGroupName" },
    "monitor:MetricAlert": { namespace: "Microsoft.Insights", type: "metricAlerts", nameInput: "ruleName" },
    "storage:StorageAccount": { namespace: "Microsoft.Storage", type: "storageAccounts", nameInput: "accountName" },
    // Classic @pulumi/azure tokens (module names differ from ARM's; the name input is `name`).
    "cognitive:Account": { namespace: "Microsoft.CognitiveServices", type: "accounts", nameInput: "name" },
    "keyvault:KeyVault": { namespace: "Microsoft.KeyVault", type: "vaults", nameInput: "name" },
    "operationalinsights:AnalyticsWorkspace": { namespace: "Microsoft.OperationalInsights", type: "workspaces", nameInput: "name" },
});

/** Options of {@link AzureMocks}. */
export interface AzureMocksOptions {
    /** Identity returned by getClientConfig and used in every id. Defaults to {@link MOCK_CLIENT_CONFIG}. */
    clientConfig?: { clientId: string; objectId: string; subscriptionId: string; tenantId: string };
    /** Extra invoke handlers by token, consulted before the built-in ones. */
    invokes?: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>;
}

/** A record of one resource registration the mocks saw (inputs exactly as the program sent them). */
export interface MockedResource {
    type: string;
    name: string;
    /** Inputs with secret values unwrapped, for easy assertions. */
    inputs: Record<string, unknown>;
    /** Inputs as the runtime sent them: secret values still in their RPC secret envelope. */
    rawInputs: Record<string, unknown>;
    id: string;
    state: Record<string, unknown>;
}

/**
 * Realistic Azure implementation of `pulumi.runtime.Mocks`. Any invoke without a handler throws:
 * a mock that silently returns `{}` would let a plan or test pass on data Azure never sends.
 */
export class AzureMocks implements pulumi.runtime.Mocks {
    /** Every registration seen, in order. */
    public readonly resources: MockedResource[] = [];
    /** Every invoke seen, in order. */
    public readonly invokes: { token: string; inputs: Record<string, unknown> }[] = [];
    /** Every secret value the mocks handed out (account keys), so outputs can be checked for leaks. */
    public readonly issuedSecrets = new Set<string>();
    private readonly clientConfig: Required<AzureMocksOptions>["clientConfig"];
    private readonly extraInvokes: NonNullable<AzureMocksOptions["invokes"]>;

    constructor(options: AzureMocksOptions = {}) {
        this.clientConfig = options.clientConfig ?? { ...MOCK_CLIENT_CONFIG };
        this.extraInvokes = options.invokes ?? {};
    }

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const rawInputs = (args.inputs ?? {}) as Record<string, unknown>;
        const inputs = unwrapSecrets(rawInputs) as Record<string, unknown>;
        const { id, state } = args.type.startsWith("pulumi:providers:")
            ? { id: `${args.name}_id`, state: { ...rawInputs } }
            : this.armResource(args.type, args.name, rawInputs, inputs);
        this.resources.push({ type: args.type, name: args.name, inputs, rawInputs, id, state });
        return { id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        this.invokes.push({ token: args.token, inputs });
        const extra = this.extraInvokes[args.token];
        if (extra) return extra(inputs);
        switch (moduleAndType(args.token)) {
            case "authorization:getClientConfig":
                return { ...this.clientConfig };
            case "cognitiveservices:listAccountKeys": {
                const keys = mockAccountKeys(requireString(args.token, inputs, "accountName"));
                this.issuedSecrets.add(keys.key1).add(keys.key2);
                return keys;
            }
            default:
                throw new Error(`invoke ${args.token} is not mocked (add it to tools/plan/azure-mocks.ts)`);
        }
    }

    /**
     * The id and output state Azure would report for a resource of `type`. Names and ids are read
     * from the plain `inputs`; the state echoes `rawInputs` so secret inputs stay secret outputs,
     * as the engine keeps them.
     */
    private armResource(
        type: string,
        name: string,
        rawInputs: Record<string, unknown>,
        inputs: Record<string, unknown>,
    ): { id: string; state: Record<string, unknown> } {
        const { subscriptionId } = this.clientConfig;
        const kind = moduleAndType(type);
        const str = (key: string) => (typeof inputs[key] === "string" ? (inputs[key] as string) : undefined);
        const group = str("resourceGroupName") ?? "rg";
        const groupId = `/subscriptions/${subscriptionId}/resourceGroups/${group}`;
        const plainProperties = isRecord(inputs.properties) ? inputs.properties : {};
        const base = { ...rawInputs, azureApiVersion: "2024-10-01" };

        switch (kind) {
            case "resources:ResourceGroup":
            case "core:ResourceGroup": {
                const groupName = str("resourceGroupName") ?? str("name") ?? name;
                const id = `/subscriptions/${subscriptionId}/resourceGroups/${groupName}`;
                return { id, state: { ...base, id, name: groupName, properties: { provisioningState: "Succeeded" } } };
            }
            case "cognitiveservices:Account": {
                const accountName = str("accountName") ?? name;
                const id = `${groupId}/providers/Microsoft.CognitiveServices/accounts/${accountName}`;
                const subdomain = plainProperties.customSubDomainName;
                // Without a custom subdomain Azure hands out the shared regional endpoint.
                const endpoint = typeof subdomain === "string" && subdomain !== ""
                    ? `https://${subdomain}.cognitiveservices.azure.com/`
                    : `https://${String(inputs.location ?? "eastus")}.api.cognitive.microsoft.com/`;
                return {
                    id,
                    state: { ...base, id, name: accountName, properties: withComputed(rawInputs.properties, { endpoint, provisioningState: "Succeeded" }) },
                };
            }
            case "keyvault:Vault": {
                const vaultName = str("vaultName") ?? name;
                const id = `${groupId}/providers/Microsoft.KeyVault/vaults/${vaultName}`;
                return {
                    id,
                    state: { ...base, id, name: vaultName, properties: withComputed(rawInputs.properties, { vaultUri: `https://${vaultName}.vault.azure.net/` }) },
                };
            }
            case "keyvault:Secret": {
                const vaultName = str("vaultName") ?? "vault";
                const secretName = str("secretName") ?? name;
                const id = `${groupId}/providers/Microsoft.KeyVault/vaults/${vaultName}/secrets/${secretName}`;
                const secretUri = `https://${vaultName}.vault.azure.net/secrets/${secretName}`;
                // ARM never returns a secret's value: keep it out of the state as Azure does.
                const visible = Object.fromEntries(Object.entries(plainProperties).filter(([key]) => key !== "value"));
                return {
                    id,
                    state: {
                        ...base,
                        id,
                        name: secretName,
                        properties: { ...visible, secretUri, secretUriWithVersion: `${secretUri}/${sha256(id).slice(0, 32)}` },
                    },
                };
            }
            case "operationalinsights:Workspace": {
                const workspaceName = str("workspaceName") ?? name;
                const id = `${groupId}/providers/Microsoft.OperationalInsights/workspaces/${workspaceName}`;
                return { id, state: { ...base, id, name: workspaceName, customerId: fakeGuid(id) } };
            }
            case "operationalinsights:SavedSearch": {
                const id = `${groupId}/providers/Microsoft.OperationalInsights/workspaces/${str("workspaceName") ?? "workspace"}/savedSearches/${str("savedSearchId") ?? name}`;
                return { id, state: { ...base, id, name: str("savedSearchId") ?? name } };
            }
            case "monitor:DiagnosticSetting":
            case "monitoring:DiagnosticSetting": {
                const settingName = str("name") ?? name;
                const id = `${str("resourceUri") ?? str("targetResourceId") ?? groupId}/providers/Microsoft.Insights/diagnosticSettings/${settingName}`;
                return { id, state: { ...base, id, name: settingName } };
            }
            case "authorization:ManagementLockByScope": {
                const lockName = str("lockName") ?? name;
                const id = `${str("scope") ?? groupId}/providers/Microsoft.Authorization/locks/${lockName}`;
                return { id, state: { ...base, id, name: lockName } };
            }
            case "resources:Deployment": {
                // What ARM reports for a finished resource-group deployment: the mode, template and
                // parameters it was given, and outputs only for a template that declares some. Nothing a
                // template reads with listKeys() comes back.
                const deploymentName = str("deploymentName") ?? name;
                const id = `${groupId}/providers/Microsoft.Resources/deployments/${deploymentName}`;
                const properties = {
                    ...(isRecord(rawInputs.properties) ? rawInputs.properties : {}),
                    provisioningState: "Succeeded",
                    correlationId: fakeGuid(`correlation/${id}`),
                    templateHash: sha256(JSON.stringify(plainProperties.template ?? {})).slice(0, 20),
                };
                return { id, state: { ...base, azureApiVersion: "2024-03-01", id, name: deploymentName, type: "Microsoft.Resources/deployments", properties } };
            }
            case "network:PrivateEndpoint": {
                const endpointName = str("privateEndpointName") ?? name;
                const id = `${groupId}/providers/Microsoft.Network/privateEndpoints/${endpointName}`;
                const connections = (Array.isArray(inputs.privateLinkServiceConnections) ? inputs.privateLinkServiceConnections : []).filter(isRecord);
                // Azure allocates an address in the subnet (its first four are reserved), names the endpoint's
                // network interface `<endpoint>.nic.<guid>`, and auto-approves a connection its creator may approve.
                const ipAddress = `10.0.0.${4 + (parseInt(sha256(id).slice(0, 4), 16) % 250)}`;
                const fqdns = connections.map((connection) => privateLinkFqdn(String(connection.privateLinkServiceId ?? ""))).filter((fqdn): fqdn is string => fqdn !== undefined);
                return {
                    id,
                    state: {
                        ...base,
                        azureApiVersion: "2024-05-01",
                        id,
                        name: endpointName,
                        type: "Microsoft.Network/privateEndpoints",
                        provisioningState: "Succeeded",
                        subnet: { id: isRecord(inputs.subnet) ? inputs.subnet.id : undefined },
                        networkInterfaces: [{ id: `${groupId}/providers/Microsoft.Network/networkInterfaces/${endpointName}.nic.${fakeGuid(id)}` }],
                        customDnsConfigs: fqdns.map((fqdn) => ({ fqdn, ipAddresses: [ipAddress] })),
                        privateLinkServiceConnections: connections.map((connection) => ({
                            ...connection,
                            id: `${id}/privateLinkServiceConnections/${String(connection.name ?? endpointName)}`,
                            type: "Microsoft.Network/privateEndpoints/privateLinkServiceConnections",
                            provisioningState: "Succeeded",
                            privateLinkServiceConnectionState: { status: "Approved", description: "Auto-Approved", actionsRequired: "None" },
                        })),
                        manualPrivateLinkServiceConnections: [],
                    },
                };
            }
            case "network:PrivateDnsZoneGroup": {
                // One A record per name the endpoint serves, `<name>.<zone>`, pointing at the endpoint's address.
                const endpointName = str("privateEndpointName") ?? "endpoint";
                const endpoint = this.resources.find((resource) => moduleAndType(resource.type) === "network:PrivateEndpoint" && resource.state.name === endpointName);
                const dnsConfigs = (Array.isArray(endpoint?.state.customDnsConfigs) ? endpoint.state.customDnsConfigs : []).filter(isRecord);
                const id = `${groupId}/providers/Microsoft.Network/privateEndpoints/${endpointName}/privateDnsZoneGroups/${str("privateDnsZoneGroupName") ?? name}`;
                const zoneConfigs = (Array.isArray(inputs.privateDnsZoneConfigs) ? inputs.privateDnsZoneConfigs : []).filter(isRecord).map((config) => {
                    const zone = String(config.privateDnsZoneId ?? "").split("/").pop() ?? "";
                    const recordSets = dnsConfigs.map((dns) => {
                        const recordSetName = String(dns.fqdn).split(".")[0];
                        return { recordType: "A", recordSetName, fqdn: `${recordSetName}.${zone}`, ttl: 10, ipAddresses: dns.ipAddresses, provisioningState: "Succeeded" };
                    });
                    return { ...config, recordSets };
                });
                return { id, state: { ...base, azureApiVersion: "2024-05-01", id, name: str("privateDnsZoneGroupName") ?? name, provisioningState: "Succeeded", privateDnsZoneConfigs: zoneConfigs } };
            }
            case "authorization:RoleAssignment": {
                const assignmentName = str("roleAssignmentName") ?? fakeGuid(`${str("scope")}/${str("principalId")}/${str("roleDefinitionId")}`);
                const id = `${str("scope") ?? groupId}/providers/Microsoft.Authorization/roleAssignments/${assignmentName}`;
                return { id, state: { ...base, id, name: assignmentName, principalType: str("principalType") ?? "ServicePrincipal" } };
            }
            default: {
                const arm = ARM_TYPES[kind] ?? derivedArmType(kind);
                const resourceName = str(arm.nameInput) ?? str("name") ?? name;
                const id = `${groupId}/providers/${arm.namespace}/${arm.type}/${resourceName}`;
                return { id, state: { ...base, id, name: resourceName } };
            }
        }
    }
}

/** An ARM shape for types without an entry: `monitor:ScheduledQueryRule` -> Microsoft.Monitor/scheduledQueryRules. */
function derivedArmType(kind: string): ArmType {
    const [module, type] = kind.split(":");
    const namespace = `Microsoft.${module.charAt(0).toUpperCase()}${module.slice(1)}`;
    return { namespace, type: `${type.charAt(0).toLowerCase()}${type.slice(1)}s`, nameInput: `${type.charAt(0).toLowerCase()}${type.slice(1)}Name` };
}

/** The public name a private endpoint to `resourceId` serves: an account's custom subdomain or a vault's host name. */
function privateLinkFqdn(resourceId: string): string | undefined {
    const match = /\/providers\/Microsoft\.(CognitiveServices\/accounts|KeyVault\/vaults)\/([^/]+)$/i.exec(resourceId);
    if (!match) return undefined;
    return match[1].toLowerCase().startsWith("cognitive") ? `${match[2]}.cognitiveservices.azure.com` : `${match[2]}.vault.azure.net`;
}

function requireString(token: string, inputs: Record<string, unknown>, key: string): string {
    const value = inputs[key];
    if (typeof value !== "string" || value === "") {
        throw new Error(`invoke ${token} needs "${key}" (got ${value === undefined ? "nothing" : typeof value})`);
    }
    return value;
}

/**
 * `value` with every RPC secret envelope replaced by the value inside. The mock runtime hands
 * `newResource` secret inputs in envelopes, and names and ids are computed from the plain values.
 * With `secretPaths`, the path of each envelope (e.g. `properties.value`) is recorded there.
 */
export function unwrapSecrets(value: unknown, secretPaths?: string[], path = ""): unknown {
    if (Array.isArray(value)) return value.map((item, index) => unwrapSecrets(item, secretPaths, `${path}[${index}]`));
    if (isRecord(value)) {
        if (isSecretEnvelope(value)) {
            secretPaths?.push(path);
            return unwrapSecrets(value.value);
        }
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unwrapSecrets(inner, secretPaths, path ? `${path}.${key}` : key)]));
    }
    return value;
}

/** `properties` plus the outputs Azure computes, keeping a secret envelope around it if it had one. */
function withComputed(properties: unknown, computed: Record<string, unknown>): Record<string, unknown> {
    if (isSecretEnvelope(properties)) {
        return { ...properties, value: { ...(isRecord(properties.value) ? properties.value : {}), ...computed } };
    }
    return { ...(isRecord(properties) ? properties : {}), ...computed };
}

function sha256(text: string): string {
    return createHash("sha256").update(text).digest("hex");
}
