import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { waitForRPCs } from "@pulumi/pulumi/runtime/settings";
import { getStore } from "@pulumi/pulumi/runtime/state";
import { createHash } from "crypto";

/**
 * Realistic Azure mocks for the component tests: ARM-shaped ids, real endpoint formats, and only the
 * invokes the component really makes. Any other invoke fails the test loudly.
 */

export const SUBSCRIPTION_ID = "8f3c2a1e-5b6d-4c7e-9f80-1a2b3c4d5e6f";
export const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

/** The fake key Azure would return for `accountName` (32 hex characters, like a real key). */
export function fakeKey(accountName: string, key: 1 | 2): string {
    return createHash("md5").update(`${accountName}/key${key}`).digest("hex");
}

type Inputs = Record<string, any>;

function armId(inputs: Inputs, provider: string, type: string, name: string): string {
    return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${inputs.resourceGroupName}/providers/${provider}/${type}/${name}`;
}

/** State Azure would return for a resource: its inputs plus the computed properties the component reads. */
function azureState(type: string, name: string, inputs: Inputs): { id: string; state: Inputs } {
    switch (type) {
        case "azure-native:resources:ResourceGroup": {
            const groupName = inputs.resourceGroupName ?? name;
            return { id: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${groupName}`, state: { ...inputs, name: groupName } };
        }
        case "azure-native:cognitiveservices:Account": {
            const accountName = inputs.accountName ?? name;
            const subdomain = inputs.properties?.customSubDomainName ?? accountName;
            return {
                id: armId(inputs, "Microsoft.CognitiveServices", "accounts", accountName),
                state: {
                    ...inputs,
                    name: accountName,
                    properties: { ...inputs.properties, endpoint: `https://${subdomain}.cognitiveservices.azure.com/`, provisioningState: "Succeeded" },
                },
            };
        }
        case "azure-native:keyvault:Vault":
            return {
                id: armId(inputs, "Microsoft.KeyVault", "vaults", inputs.vaultName),
                state: { ...inputs, name: inputs.vaultName, properties: { ...inputs.properties, vaultUri: `https://${inputs.vaultName}.vault.azure.net/` } },
            };
        case "azure-native:keyvault:Secret":
            return {
                id: `${armId(inputs, "Microsoft.KeyVault", "vaults", inputs.vaultName)}/secrets/${inputs.secretName}`,
                state: { ...inputs, name: inputs.secretName, properties: { contentType: inputs.properties?.contentType, secretUri: `https://${inputs.vaultName}.vault.azure.net/secrets/${inputs.secretName}` } },
            };
        case "azure-native:operationalinsights:Workspace":
            return {
                id: armId(inputs, "Microsoft.OperationalInsights", "workspaces", inputs.workspaceName),
                state: { ...inputs, name: inputs.workspaceName, customerId: "0b9c2d4e-1f3a-4b5c-8d6e-7f8091a2b3c4" },
            };
        case "azure-native:operationalinsights:SavedSearch":
            return {
                id: `${armId(inputs, "Microsoft.OperationalInsights", "workspaces", inputs.workspaceName)}/savedSearches/${inputs.savedSearchId}`,
                state: { ...inputs, name: inputs.savedSearchId },
            };
        case "azure-native:monitor:DiagnosticSetting":
            return { id: `${inputs.resourceUri}/providers/Microsoft.Insights/diagnosticSettings/${inputs.name}`, state: inputs };
        case "azure-native:monitor:ActionGroup":
            return { id: armId(inputs, "Microsoft.Insights", "actionGroups", inputs.actionGroupName), state: { ...inputs, name: inputs.actionGroupName } };
        case "azure-native:monitor:MetricAlert":
            return { id: armId(inputs, "Microsoft.Insights", "metricAlerts", inputs.ruleName), state: { ...inputs, name: inputs.ruleName } };
        case "azure-native:authorization:ManagementLockByScope":
            return { id: `${inputs.scope}/providers/Microsoft.Authorization/locks/${inputs.lockName}`, state: { ...inputs, name: inputs.lockName } };
        case "azure-native:authorization:RoleAssignment":
            return { id: `${inputs.scope}/providers/Microsoft.Authorization/roleAssignments/${inputs.roleAssignmentName}`, state: { ...inputs, name: inputs.roleAssignmentName } };
        default:
            throw new Error(`no mock for resource type ${type}`);
    }
}

export const azureMocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
        if (!args.custom) return { id: "", state: args.inputs };
        return azureState(args.type, args.name, args.inputs);
    },
    call: (args) => {
        switch (args.token) {
            case "azure-native:authorization:getClientConfig":
                return { clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", objectId: "e3b0c442-98fc-4c14-9afb-f4c8996fb924", subscriptionId: SUBSCRIPTION_ID, tenantId: TENANT_ID };
            case "azure-native:cognitiveservices:listAccountKeys":
                return { key1: fakeKey(args.inputs.accountName, 1), key2: fakeKey(args.inputs.accountName, 2) };
            default:
                throw new Error(`no mock for invoke ${args.token}`);
        }
    },
};

/** One RegisterResource request, whole, as the engine would receive it. */
export interface Registration {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent: string;
    inputs: Inputs;
    /** Input property paths (e.g. `properties`) sent as secrets. */
    secretInputs: string[];
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    protect: boolean;
}

/**
 * Unwraps the secret markers the runtime leaves in deserialised inputs and returns the plain inputs
 * with the paths that were secret (e.g. `properties` when the SDK marks the whole object secret).
 */
function unwrapSecrets(value: unknown, path: string, secrets: string[]): unknown {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return value.map((item, index) => unwrapSecrets(item, `${path}[${index}]`, secrets));
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
        secrets.push(path);
        return unwrapSecrets(record.value, path, []);
    }
    return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, unwrapSecrets(child, path ? `${path}.${key}` : key, secrets)]));
}

/** A MockMonitor that also records each registration with what `mocks` never sees (deps, parent, secrets). */
class RecordingMonitor extends MockMonitor {
    readonly registrations: Registration[] = [];
    readonly invokes: { token: string }[] = [];

    async registerResource(req: any, callback: (err: any, resp: any) => void) {
        const secretInputs: string[] = [];
        const inputs = unwrapSecrets(pulumi.runtime.deserializeProperties(req.getObject()), "", secretInputs) as Inputs;
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const parent: string = req.getParent();
        const qualifiedType = parent ? `${parent.split("::")[2].split("$").pop()}$${req.getType()}` : req.getType();
        this.registrations.push({
            urn: `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualifiedType}::${req.getName()}`,
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent,
            inputs,
            secretInputs,
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            protect: req.getProtect(),
        });
        return super.registerResource(req, callback);
    }

    async invoke(req: any, callback: (err: any, resp: any) => void) {
        this.invokes.push({ token: req.getTok() });
        return super.invoke(req, callback);
    }
}

let monitor: RecordingMonitor | undefined;

/** Installs the recording Azure mocks for this test file (project `azure-custom-vision`). */
export function useAzureMocks(stack = "dev", project = "azure-custom-vision"): RecordingMonitor {
    monitor = new RecordingMonitor(azureMocks);
    // setMocks installs a plain MockMonitor and turns on the features mocks support (secrets among
    // them); install ours in its place without resetting those features.
    void pulumi.runtime.setMocks(azureMocks, project, stack, false);
    getStore().settings.monitor = monitor;
    return monitor;
}

/** Resolves an Output's value (mocks resolve every value). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Runs `build`, waits until every registration has reached the monitor, returns what it registered. */
export async function register(build: () => unknown): Promise<Registration[]> {
    if (!monitor) throw new Error("call useAzureMocks() first");
    const start = monitor.registrations.length;
    build();
    // Each registration holds the runtime's RPC queue open until it has been sent: drain it.
    await waitForRPCs();
    return monitor.registrations.slice(start);
}

export function ofType(registrations: Registration[], type: string): Registration[] {
    return registrations.filter((r) => r.type === type);
}

export function named(registrations: Registration[], name: string): Registration {
    const found = registrations.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name}; have ${registrations.map((r) => r.name).join(", ")}`);
    return found;
}
