import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { CustomVision } from "../../components";
import { ALERTS, SAVED_QUERIES, savedQueryText } from "../../components/operations";
import { named, ofType, register, SUBSCRIPTION_ID, useAzureMocks } from "../helpers/mocks";

useAzureMocks("dev");
type Args = ConstructorParameters<typeof CustomVision>[1];

const SAVED_SEARCH = "azure-native:operationalinsights:SavedSearch";
const ALERT = "azure-native:monitor:MetricAlert";
const SECRET = "azure-native:keyvault:Secret";

const build = (name: string, args: Partial<Args> = {}) =>
    register(() => new CustomVision(name, { resourceGroupName: "rg-vision", location: "eastus", ...args }));
const secretValue = (registrations: Awaited<ReturnType<typeof build>>, secretName: string) =>
    ofType(registrations, SECRET).find((r) => r.inputs.secretName === secretName)?.inputs.properties.value;
const accountName = (registrations: Awaited<ReturnType<typeof build>>, childName: string) => named(registrations, childName).inputs.accountName as string;

describe("saved queries", async () => {
    const registrations = await build("ops");
    const searches = ofType(registrations, SAVED_SEARCH);
    const training = accountName(registrations, "ops-training");
    const prediction = accountName(registrations, "ops-prediction");

    it("saves failed calls, throttled calls and authentication failures under the Custom Vision category", () => {
        expect(searches.map((s) => s.inputs.displayName).sort()).toEqual([
            "Custom Vision: authentication failures (401/403)",
            "Custom Vision: failed calls",
            "Custom Vision: throttled calls (429)",
        ]);
        expect(searches.every((s) => s.inputs.category === "Custom Vision")).toBe(true);
        const workspace = ofType(registrations, "azure-native:operationalinsights:Workspace")[0];
        expect(searches.every((s) => s.inputs.workspaceName === workspace.inputs.workspaceName && s.inputs.resourceGroupName === "rg-vision")).toBe(true);
    });

    it("queries AzureDiagnostics for this component's two accounts, newest first, with time, operation, result, description, caller IP and resource", () => {
        const failed = searches.find((s) => s.name === "ops-query-failed-calls")!.inputs.query as string;
        expect(failed.split("\n")[0]).toBe("AzureDiagnostics");
        expect(failed).toContain(`| where Resource in~ ("${training}", "${prediction}")`);
        expect(failed).toContain('| where ResultType != "Success" or toint(ResultSignature) >= 400');
        expect(failed).toContain("| project TimeGenerated, OperationName, ResultType, ResultSignature, ResultDescription, CallerIPAddress, Resource");
        expect(failed.trim().endsWith("| order by TimeGenerated desc")).toBe(true);
        expect(searches.find((s) => s.name === "ops-query-throttled-calls")!.inputs.query).toContain('| where ResultSignature == "429"');
        expect(searches.find((s) => s.name === "ops-query-auth-failures")!.inputs.query).toContain('| where ResultSignature in ("401", "403")');
    });

    it("puts the queries into a given workspace, parsed from its resource id", async () => {
        const workspaceId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-central/providers/Microsoft.OperationalInsights/workspaces/central-logs`;
        const shared = await build("opsshared", { logAnalyticsWorkspaceId: workspaceId });
        const given = ofType(shared, SAVED_SEARCH);
        expect(given).toHaveLength(3);
        expect(given.every((s) => s.inputs.workspaceName === "central-logs" && s.inputs.resourceGroupName === "rg-central")).toBe(true);
    });

    it("carry the component's stable suffix in their ids, so components whose names slug alike never share one", async () => {
        expect(searches.map((s) => s.inputs.savedSearchId)).toEqual(SAVED_QUERIES.map((q) => expect.stringMatching(new RegExp(`^dev-ops-${q.id}-[0-9a-f]{8}$`))));
        const workspaceId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-central/providers/Microsoft.OperationalInsights/workspaces/central-logs`;
        const ids = [...ofType(await build("team-a", { logAnalyticsWorkspaceId: workspaceId }), SAVED_SEARCH), ...ofType(await build("team_a", { logAnalyticsWorkspaceId: workspaceId }), SAVED_SEARCH)].map((s) => s.inputs.savedSearchId);
        expect(ids).toHaveLength(6);
        expect(new Set(ids).size).toBe(6);
    });

    it("do not wait for the accounts: the query is built from names known before they exist", () => {
        const accountUrns = ofType(registrations, "azure-native:cognitiveservices:Account").map((r) => r.urn);
        for (const search of searches) {
            expect(search.dependencies.filter((urn) => accountUrns.includes(urn))).toEqual([]);
            expect(search.propertyDependencies.query ?? []).toEqual([]);
        }
    });

    it("builds the query text from one template", () => {
        expect(SAVED_QUERIES.map((q) => q.id)).toEqual(["failed-calls", "throttled-calls", "auth-failures"]);
        expect(savedQueryText(SAVED_QUERIES[1], ["a", "b"])).toContain('Resource in~ ("a", "b")');
    });
});

describe("alerts", () => {
    it("are off unless receivers are given", async () => {
        const registrations = await build("quiet");
        expect(ofType(registrations, ALERT)).toHaveLength(0);
        expect(ofType(registrations, "azure-native:monitor:ActionGroup")).toHaveLength(0);
    });

    it("send client errors, throttling and server errors of each account to an e-mail action group", async () => {
        const registrations = await build("loud", { alertEmails: ["oncall@contoso.com", "lead@contoso.com"] });
        const [group] = ofType(registrations, "azure-native:monitor:ActionGroup");
        expect(group.inputs.emailReceivers.map((r: { emailAddress: string }) => r.emailAddress)).toEqual(["oncall@contoso.com", "lead@contoso.com"]);
        expect(group.inputs.groupShortName.length).toBeLessThanOrEqual(12);
        const alerts = ofType(registrations, ALERT);
        expect(alerts).toHaveLength(6);
        const training = accountName(registrations, "loud-training");
        const clientErrors = named(registrations, "loud-training-client-errors").inputs;
        expect(clientErrors.scopes).toEqual([`/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vision/providers/Microsoft.CognitiveServices/accounts/${training}`]);
        expect(clientErrors).toMatchObject({ evaluationFrequency: "PT5M", windowSize: "PT15M", enabled: true, severity: 2 });
        expect(clientErrors.criteria.allOf[0]).toMatchObject({ metricName: "ClientErrors", metricNamespace: "Microsoft.CognitiveServices/accounts", operator: "GreaterThan", threshold: 10, timeAggregation: "Total" });
        expect(named(registrations, "loud-prediction-throttling").inputs.criteria.allOf[0]).toMatchObject({ metricName: "BlockedCalls", threshold: 0 });
        expect(named(registrations, "loud-prediction-server-errors").inputs.criteria.allOf[0]).toMatchObject({ metricName: "ServerErrors", threshold: 5 });
        expect(alerts.every((a) => a.inputs.actions.length === 1 && a.inputs.actions[0].actionGroupId === `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-vision/providers/Microsoft.Insights/actionGroups/${group.inputs.actionGroupName}`)).toBe(true);
        expect(alerts.map((a) => a.name).sort()).toEqual(["training", "prediction"].flatMap((purpose) => ALERTS.map((alert) => `loud-${purpose}-${alert.id}`)).sort());
    });

    it("carry the stable suffix in the action group's and every rule's name, whatever the account names", async () => {
        const registrations = await build("named", { alertEmails: ["oncall@contoso.com"], trainingSubdomain: "contoso-train", predictionSubdomain: "contoso-predict" });
        const suffix = /-([0-9a-f]{8})$/.exec(named(registrations, "named-logs").inputs.workspaceName)![1];
        expect(ofType(registrations, "azure-native:monitor:ActionGroup")[0].inputs.actionGroupName).toBe(`dev-named-custom-vision-alerts-${suffix}`);
        expect(named(registrations, "named-training-client-errors").inputs.ruleName).toBe(`dev-named-training-${suffix}-client-errors`);
        expect(named(registrations, "named-prediction-server-errors").inputs.ruleName).toBe(`dev-named-prediction-${suffix}-server-errors`);
    });

    it("use an existing action group without creating one", async () => {
        const actionGroupId = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-ops/providers/Microsoft.Insights/actionGroups/platform-oncall`;
        const registrations = await build("paged", { alertActionGroupId: actionGroupId });
        expect(ofType(registrations, "azure-native:monitor:ActionGroup")).toHaveLength(0);
        expect(ofType(registrations, ALERT).map((a) => a.inputs.actions)).toEqual(Array(6).fill([{ actionGroupId }]));
    });

});

describe("project settings", () => {
    it("stores the project id and published iteration name as secrets next to the keys, only when given", async () => {
        const without = await build("noproject");
        expect(secretValue(without, "project-id")).toBeUndefined();
        const registrations = await build("withproject", { projectId: "0f8fad5b-d9cb-469f-a165-70867728950e", publishedIterationName: "Iteration7" });
        expect(secretValue(registrations, "project-id")).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
        expect(secretValue(registrations, "published-iteration-name")).toBe("Iteration7");
        expect(ofType(registrations, SECRET).find((r) => r.inputs.secretName === "project-id")!.secretInputs).toEqual(["properties.value"]);
    });
});

describe("soft-delete recovery", () => {
    it("sets restore on both accounts and createMode recover on the vault when asked", async () => {
        const registrations = await build("restored", { restoreSoftDeleted: true });
        for (const role of ["restored-training", "restored-prediction"]) {
            expect(named(registrations, role).inputs.properties.restore).toBe(true);
        }
        expect(named(registrations, "restored-vault").inputs.properties.createMode).toBe("recover");
    });

    it("sends neither flag by default", async () => {
        const registrations = await build("fresh");
        expect(named(registrations, "fresh-training").inputs.properties).not.toHaveProperty("restore");
        expect(named(registrations, "fresh-vault").inputs.properties).not.toHaveProperty("createMode");
    });
});

describe("the App Service example in docs/operations.md", () => {
    const operations = fs.readFileSync(path.resolve(__dirname, "../../docs/operations.md"), "utf8");
    const section = operations.slice(operations.indexOf("## App Service and Functions"), operations.indexOf("## Rotating keys"));
    const example = /```typescript\n([\s\S]*?)```/.exec(section)![1];

    it("references the optional project settings only where its component is given them, through keyVaultReference", () => {
        const componentArgs = /new CustomVision\("vision", (\{[\s\S]*?\n\})\);/.exec(example)![1];
        const referenced = [...example.matchAll(/keyVaultReference\("(\w+)"\)/g)].map((match) => match[1]);
        const optional = referenced.filter((content) => ["projectId", "publishedIterationName"].includes(content));
        expect(optional).toEqual(["projectId", "publishedIterationName"]);
        for (const content of optional) expect(componentArgs, content).toMatch(new RegExp(`\\b${content}:`));
        expect(example).not.toMatch(/secretUris\.apply/);
    });
});
