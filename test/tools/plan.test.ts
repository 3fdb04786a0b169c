import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { mockAccountKeys } from "../../tools/plan/azure-mocks";
import type { PlanDocument } from "../../tools/plan/render";
import { CliRun, FIXTURES, REPO_ROOT, runPlanCli } from "./plan-cli";

const SECURE_CIPHERTEXT = "AAABAGZha2UtY2lwaGVydGV4dC1uZXZlci1wcmludGVk";
const rootStacks = path.join(FIXTURES, "root-stacks");
const handWired = path.join(FIXTURES, "hand-wired");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "plan-test-"));

/** Every plan the suite looks at, run once and in parallel (each is a fresh process). */
const runs: Record<string, CliRun> = {};
const graphs: Record<string, string> = {};

beforeAll(async () => {
    const disableFreeTierRule = path.join(scratch, "policy-config.json");
    fs.writeFileSync(disableFreeTierRule, JSON.stringify({ "custom-vision-no-free-tier-in-prod": "disabled" }));
    const planned: Record<string, string[]> = {
        devText: ["--graph", path.join(scratch, "dev.mmd")],
        devJson: ["--json"],
        prodFree: ["--cwd", rootStacks, "--stack", "prod-free", "--json"],
        prodFreeText: ["--cwd", rootStacks, "--stack", "prod-free"],
        prodFreeRuleDisabled: ["--cwd", rootStacks, "--stack", "prod-free", "--policy-config", disableFreeTierRule],
        mars: ["--cwd", rootStacks, "--stack", "mars"],
        operations: ["--cwd", rootStacks, "--stack", "operations"],
        badRetention: ["--cwd", rootStacks, "--stack", "bad-retention"],
        missingStack: ["--cwd", rootStacks, "--stack", "staging"],
        splitText: ["--cwd", handWired, "--stack", "split", "--graph", path.join(scratch, "split.mmd")],
        splitJson: ["--cwd", handWired, "--stack", "split", "--json"],
        same: ["--cwd", handWired, "--stack", "same"],
    };
    await Promise.all(Object.entries(planned).map(async ([name, args]) => (runs[name] = await runPlanCli(args))));
    for (const name of ["dev", "split"]) {
        const file = path.join(scratch, `${name}.mmd`);
        graphs[name] = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    }
}, 180_000);

const documentOf = (run: CliRun): PlanDocument => JSON.parse(run.stdout) as PlanDocument;
const resourceNamed = (document: PlanDocument, name: string) => {
    const found = document.resources.find((resource) => resource.name === name);
    if (!found) throw new Error(`no resource named ${name}`);
    return found;
};

describe("a stack that turns the operational features on", () => {
    it("shows the saved queries, the alerts, the active key, the project settings and the restore flags", () => {
        const { code, stdout, stderr } = runs.operations;
        expect(stderr).toBe("");
        expect(code).toBe(0);
        for (const query of ["failed-calls", "throttled-calls", "auth-failures"]) {
            expect(stdout).toMatch(new RegExp(`operationalinsights:SavedSearch  vision-query-${query} `));
        }
        expect(stdout).toMatch(/monitor:ActionGroup  vision-alerts/);
        expect(stdout).toMatch(/vision-training-client-errors .*alert ClientErrors > 10 over PT15M/);
        expect(stdout).toMatch(/vision-prediction-throttling .*alert BlockedCalls > 0 over PT15M/);
        expect(stdout).toMatch(/resources:Deployment  vision-key-export /);
        expect(stdout).toMatch(/keyvault:Secret  vision-project-id /);
        expect(stdout).toMatch(/keyvault:Secret  vision-published-iteration-name /);
        expect(stdout).toMatch(/vision-training  \(kind CustomVision.Training.*restores soft-deleted/);
        expect(stdout).toMatch(/keyvault:Vault  vision-vault .*restores soft-deleted/);
        expect(stdout).not.toContain("0f8fad5b-d9cb-469f-a165-70867728950e");
    });
});

describe("the dev stack", () => {
    it("exits 0 with no mandatory violation", () => {
        expect(runs.devText.stderr).toBe("");
        expect(runs.devText.code).toBe(0);
        expect(runs.devText.stdout).toContain("Verdict: OK to deploy");
    });

    it("plans the paired F0 accounts, the vault, the workspace and their diagnostics", () => {
        const document = documentOf(runs.devJson);
        const count = (type: string) => document.resources.filter((resource) => resource.type === type).length;
        expect(count("azure-custom-vision:index:CustomVision")).toBe(1);
        expect(count("azure-native:cognitiveservices:Account")).toBe(2);
        expect(count("azure-native:keyvault:Vault")).toBe(1);
        expect(count("azure-native:operationalinsights:Workspace")).toBe(1);
        expect(count("azure-native:monitor:DiagnosticSetting")).toBe(3);
        expect(count("azure-native:authorization:ManagementLockByScope")).toBe(0);
        for (const [name, kind] of [["vision-training", "CustomVision.Training"], ["vision-prediction", "CustomVision.Prediction"]]) {
            const account = resourceNamed(document, name);
            expect(account.inputs).toMatchObject({ kind, location: "westeurope", sku: { name: "F0" } });
            expect(account.parent).toBe(resourceNamed(document, "vision").urn);
        }
    });

    it("finds a three-step critical path: resource group, then a resource in it, then one that needs that", () => {
        const document = documentOf(runs.devJson);
        const path = document.criticalPath.map((urn) => document.resources.find((resource) => resource.urn === urn));
        expect(path.map((resource) => resource?.type)).toHaveLength(3);
        expect(path[0]?.type).toBe("azure-native:resources:ResourceGroup");
        path.slice(1).forEach((resource, index) => expect(resource?.dependencies).toContain(path[index]?.urn));
        expect(runs.devText.stdout).toContain("Critical path: 3 resources created one after another");
    });

    it("prints the resources as a tree with kind, SKU, location and names", () => {
        expect(runs.devText.stdout).toMatch(/└─ azure-custom-vision:index:CustomVision {2}vision|├─ azure-custom-vision:index:CustomVision {2}vision/);
        expect(runs.devText.stdout).toMatch(/azure-native:cognitiveservices:Account {2}vision-training {2}\(kind CustomVision\.Training, sku F0, location westeurope, name dev-vision-training-/);
    });

    it("writes a Mermaid flowchart with the component as a subgraph and the critical path marked", () => {
        expect(graphs.dev).toMatch(/^flowchart TD\n/);
        expect(graphs.dev).toMatch(/subgraph r\d+\["vision \(CustomVision\)"\]/);
        expect(graphs.dev).toMatch(/\n {4}class r\d+,r\d+,r\d+ critical\n/);
    });
});

describe("a production stack on the free tier", () => {
    it("exits 1 naming custom-vision-no-free-tier-in-prod on the Training account", () => {
        expect(runs.prodFree.code).toBe(1);
        const violations = documentOf(runs.prodFree).violations.filter((violation) => violation.enforcementLevel === "mandatory");
        expect(violations.map((violation) => violation.policy)).toEqual(["custom-vision-no-free-tier-in-prod"]);
        expect(violations[0].urn).toBe(resourceNamed(documentOf(runs.prodFree), "vision-training").urn);
    });

    it("prints the violation under its level with the rule's fix", () => {
        expect(runs.prodFreeText.code).toBe(1);
        expect(runs.prodFreeText.stdout).toMatch(/ {2}mandatory \(1\)\n {4}✗ custom-vision-no-free-tier-in-prod {2}on vision-training/);
        expect(runs.prodFreeText.stdout).toMatch(/\n {6}fix: Set the account's SKU to S0/);
        expect(runs.prodFreeText.stdout).toContain("Verdict: BLOCKED, 1 mandatory violation");
    });

    it("passes when --policy-config disables that rule", () => {
        expect(runs.prodFreeRuleDisabled.code).toBe(0);
        expect(runs.prodFreeRuleDisabled.stdout).not.toContain("✗ custom-vision-no-free-tier-in-prod");
    });
});

describe("Custom Vision wired by hand, without the component", () => {
    it("exits 1 naming custom-vision-region-match when the accounts are in different regions", () => {
        expect(runs.splitJson.code).toBe(1);
        const violations = documentOf(runs.splitJson).violations;
        expect(violations.map((violation) => violation.policy)).toEqual(["custom-vision-region-match"]);
        expect(runs.splitText.stdout).toContain("✗ custom-vision-region-match");
    });

    it("exits 0 when both accounts share a region", () => {
        expect(runs.same.code).toBe(0);
        expect(runs.same.stdout).toContain("Policies: all 10 enabled rules pass");
    });

    it("records the key secret's dependency on the account it reads the keys of", () => {
        const document = documentOf(runs.splitJson);
        expect(resourceNamed(document, "training-key").dependencies).toContain(resourceNamed(document, "training").urn);
    });
});

describe("invalid programs and config", () => {
    const expectOneCleanMessage = (run: CliRun) => {
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr.trim().split("\n")).toHaveLength(1);
        expect(run.stderr).not.toMatch(/\n\s+at /);
    };

    it("exits 2 with the component's own message naming location", () => {
        expectOneCleanMessage(runs.mars);
        expect(runs.mars.stderr).toMatch(/^plan: Pulumi\.mars\.yaml: azure-custom-vision:location "mars" /);
    });

    it("exits 2 naming a config value of the wrong type", () => {
        expectOneCleanMessage(runs.badRetention);
        expect(runs.badRetention.stderr).toContain("logRetentionInDays");
    });

    it("exits 2 naming the missing stack file", () => {
        expectOneCleanMessage(runs.missingStack);
        expect(runs.missingStack.stderr).toContain("Pulumi.staging.yaml");
    });
});

describe("--json", () => {
    it("prints exactly one document with project, stack, resources, criticalPath and violations", () => {
        const document = documentOf(runs.devJson);
        expect(Object.keys(document)).toEqual(["project", "stack", "resources", "criticalPath", "violations"]);
        expect(document).toMatchObject({ project: "azure-custom-vision", stack: "dev", violations: [] });
        for (const resource of document.resources) {
            expect(Object.keys(resource)).toEqual(["urn", "type", "name", "parent", "inputs", "dependencies", "protect"]);
            expect(resource.urn).toMatch(/^urn:pulumi:dev::azure-custom-vision::/);
        }
        const urns = new Set(document.resources.map((resource) => resource.urn));
        expect(document.criticalPath.every((urn) => urns.has(urn))).toBe(true);
    });

    it("gives every violation its policy, level, message and resource URN", () => {
        for (const violation of documentOf(runs.prodFree).violations) {
            expect(Object.keys(violation)).toEqual(["policy", "enforcementLevel", "message", "urn"]);
            expect(violation.message.length).toBeGreaterThan(0);
        }
    });
});

describe("secrets", () => {
    const everyOutput = () =>
        [...Object.values(runs).flatMap((run) => [run.stdout, run.stderr]), ...Object.values(graphs)].join("\n");

    it("never prints a mocked account key in text, JSON or Mermaid output", () => {
        const accountNames = [documentOf(runs.devJson), documentOf(runs.prodFree), documentOf(runs.splitJson)].flatMap((document) =>
            document.resources.filter((resource) => resource.type === "azure-native:cognitiveservices:Account").map((resource) => String(resource.inputs.accountName)),
        );
        expect(accountNames).toHaveLength(6);
        const output = everyOutput();
        for (const name of accountNames) {
            const { key1, key2 } = mockAccountKeys(name);
            expect(output).not.toContain(key1);
            expect(output).not.toContain(key2);
        }
    });

    it("shows secret inputs as [secret]", () => {
        const secret = resourceNamed(documentOf(runs.devJson), "vision-training-endpoint");
        expect(secret.inputs.properties).toEqual({ value: "[secret]", contentType: expect.any(String) });
    });

    it("passes secure: config as a placeholder and never prints the ciphertext", () => {
        expect(resourceNamed(documentOf(runs.splitJson), "app-password").inputs.properties).toEqual({ value: "[secret]" });
        expect(everyOutput()).not.toContain(SECURE_CIPHERTEXT);
    });
});

it("runs from the repository root by default", () => {
    expect(documentOf(runs.devJson).resources[0].urn).toBe("urn:pulumi:dev::azure-custom-vision::pulumi:pulumi:Stack::azure-custom-vision-dev");
    expect(fs.existsSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"))).toBe(true);
});
