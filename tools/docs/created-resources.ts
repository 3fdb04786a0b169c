import { CustomVision, CustomVisionArgs } from "../../components";
import { AzureMocks } from "../plan/azure-mocks";
import { waitForRPCs } from "../plan/capture";
import { installCapturingMonitor } from "../plan/monitor";
import { KEY_SECRETS, keyExportTemplate } from "../../components/key-export";
import { SECRET_NAMES } from "../../components/naming";
import type { CreatedResource, VaultSecret } from "./component-reference";

/**
 * What the component creates, and under which arguments: registers it under the plan's mocks once
 * with the required arguments only, then once per scenario below, and says for each child in which
 * scenario it appears (or disappears). Nothing here is written by hand but the scenario labels.
 */

const REQUIRED: CustomVisionArgs = { resourceGroupName: "rg-docs", location: "eastus" };
const READER = "00000000-0000-0000-0000-0000000000aa";
const WORKSPACE = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/central";
const ACTION_GROUP = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ops/providers/Microsoft.Insights/actionGroups/oncall";
const SUBNET = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/private-endpoints";
const DNS_ZONES = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones";

interface Scenario {
    /** When the resources this scenario adds exist (or, for removed ones, "unless ..."). */
    label: string;
    args: Partial<CustomVisionArgs>;
}

/** Ordered so that each scenario's label is the narrowest condition for what it adds first. */
const SCENARIOS: readonly Scenario[] = [
    { label: "`environment` is a production environment, or `lockTrainingAccount: true`", args: { environment: "prod" } },
    { label: "one per secret reader (`secretReaderPrincipalIds`, `secretReaders`)", args: { secretReaderPrincipalIds: [READER] } },
    { label: "`alertEmails` or `alertActionGroupId` given", args: { alertActionGroupId: ACTION_GROUP } },
    { label: "`alertEmails` given", args: { alertEmails: ["oncall@example.com"] } },
    { label: "`projectId` given", args: { projectId: "0f8fad5b-d9cb-469f-a165-70867728950e" } },
    { label: "`publishedIterationName` given", args: { publishedIterationName: "Iteration1" } },
    { label: "`logAnalyticsWorkspaceId` given", args: { logAnalyticsWorkspaceId: WORKSPACE } },
    { label: "`network.privateEndpointSubnetId` given", args: { network: { privateEndpointSubnetId: SUBNET } } },
    {
        label: "`network.privateDnsZoneIds` given (per zone)",
        args: {
            network: {
                privateEndpointSubnetId: SUBNET,
                privateDnsZoneIds: { cognitiveServices: `${DNS_ZONES}/privatelink.cognitiveservices.azure.com`, keyVault: `${DNS_ZONES}/privatelink.vaultcore.azure.net` },
            },
        },
    },
];

const SECRET_TYPE = "azure-native:keyvault:Secret";

type Child = { type: string; name: string; inputs: Record<string, unknown> };

export async function createdResources(): Promise<{ resources: CreatedResource[]; secrets: VaultSecret[] }> {
    const monitor = installCapturingMonitor(new AzureMocks(), "docs", "docs", true);
    let serial = 0;
    const childrenOf = async (args: Partial<CustomVisionArgs>): Promise<Child[]> => {
        const name = `docs${serial++}`;
        const start = monitor.registrations.length;
        new CustomVision(name, { ...REQUIRED, ...args } as CustomVisionArgs);
        await waitForRPCs();
        return monitor.registrations
            .slice(start)
            .filter((registration) => registration.parent !== undefined && registration.name !== name)
            .map((registration) => ({ type: registration.type, name: registration.name.replace(name, "<name>").replace(READER, "<principalId>"), inputs: registration.inputs }));
    };
    const key = (child: Child) => `${child.type} ${child.name}`;

    const base = await childrenOf({});
    const rows = new Map<string, CreatedResource>(base.map((child) => [key(child), { type: child.type, name: child.name, when: "always" }]));
    const secrets = new Map<string, VaultSecret>();
    const addSecrets = (children: Child[], when: string) => {
        for (const child of children.filter((candidate) => candidate.type === SECRET_TYPE)) {
            const secretName = String(child.inputs.secretName);
            const properties = child.inputs.properties as { contentType?: unknown } | undefined;
            if (!secrets.has(secretName)) secrets.set(secretName, { secretName, contentType: String(properties?.contentType ?? ""), writtenBy: `\`keyvault.Secret\` \`${child.name}\``, when });
        }
    };
    // The template writes KEY_SECRETS in order, one resource each.
    keyExportTemplate(1).resources.forEach((resource, index) => {
        const secretName = SECRET_NAMES[KEY_SECRETS[index].content];
        secrets.set(secretName, { secretName, contentType: resource.properties.contentType, writtenBy: "the key-export ARM deployment (`<name>-key-export`)", when: "always" });
    });
    addSecrets(base, "always");
    for (const scenario of SCENARIOS) {
        const children = await childrenOf(scenario.args);
        const present = new Set(children.map(key));
        addSecrets(children, scenario.label);
        for (const child of children) {
            if (!rows.has(key(child))) rows.set(key(child), { type: child.type, name: child.name, when: scenario.label });
        }
        for (const child of base) {
            const row = rows.get(key(child));
            if (row && !present.has(key(child))) row.when = `unless ${scenario.label}`;
        }
    }
    return { resources: [...rows.values()], secrets: [...secrets.values()] };
}

