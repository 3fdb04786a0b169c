import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { mockAccountKeys } from "../../tools/plan/azure-mocks";
import type { PlanDocument } from "../../tools/plan/render";
import { CliRun, FIXTURES, REPO_ROOT, runPlanMain, runPlanProcess } from "./plan-cli";

const SECURE_CIPHERTEXT = "AAABAGZha2UtY2lwaGVydGV4dC1uZXZlci1wcmludGVk";
const rootStacks = path.join(FIXTURES, "root-stacks");
const handWired = path.join(FIXTURES, "hand-wired");
const adversarial = path.join(FIXTURES, "plan-adversarial");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "plan-test-"));

/**
 * Every plan the suite looks at, run once and in parallel (each plan runs in a fresh worker). The
 * dev stack's text runs as `npm run plan` does, in its own process; the others call the CLI's
 * `main` here, which parses, prints and exits the same way.
 */
const runs: Record<string, CliRun> = {};
const graphs: Record<string, string> = {};

beforeAll(async () => {
    const disableFreeTierRule = path.join(scratch, "policy-config.json");
    fs.writeFileSync(disableFreeTierRule, JSON.stringify({ "custom-vision-no-free-tier-in-prod": "disabled" }));
    const planned: Record<string, string[]> = {
        devText: ["--graph", path.join(scratch, "dev.mmd")],
        devJson: ["--json"],
        prodFreeText: ["--cwd", rootStacks, "--stack", "prod-free"],
        prodFreeRuleDisabled: ["--cwd", rootStacks, "--stack", "prod-free", "--policy-config", disableFreeTierRule],
        mars: ["--cwd", rootStacks, "--stack", "mars"],
        operations: ["--cwd", rootStacks, "--stack", "operations"],
        badRetention: ["--cwd", rootStacks, "--stack", "bad-retention"],
        missingStack: ["--cwd", rootStacks, "--stack", "staging"],
        splitJson: ["--cwd", handWired, "--stack", "split", "--json", "--graph", path.join(scratch, "split.mmd")],
        same: ["--cwd", handWired, "--stack", "same"],
        leaky: ["--cwd", adversarial, "--stack", "leaky", "--json"],
        throws: ["--cwd", adversarial, "--stack", "throws"],
        hangs: ["--cwd", adversarial, "--stack", "hangs", "--timeout", "1"],
        badTimeout: ["--timeout", "soon"],
    };
    await Promise.all(Object.entries(planned).map(async ([name, args]) => (runs[name] = await (name === "devText" ? runPlanProcess(args) : runPlanMain(args)))));
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

    it("measures the critical path from the resource group, one Azure call a round, through an account or the vault", () => {
        const document = documentOf(runs.devJson);
        const steps = document.criticalPathCalls;
        expect(steps.map((step) => step.round)).toEqual(steps.map((_, index) => index + 1));
        expect(steps[0]).toMatchObject({ kind: "create", type: "azure-native:resources:ResourceGroup", name: "custom-vision" });
        // Every chain of the dev stack is as long as the others through the workspace; the tie goes to the slow kinds.
        expect(steps.some((step) => ["azure-native:cognitiveservices:Account", "azure-native:keyvault:Vault"].includes(step.type))).toBe(true);
        expect(document.criticalPath).toEqual(steps.flatMap((step) => (step.urn ? [step.urn] : [])));
        expect(runs.devText.stdout).toContain(`Critical path: ${steps.length} Azure calls one after another\n  1. create azure-native:resources:ResourceGroup  custom-vision\n`);
    });

    it("reports the stack outputs, and no warning for the repository's own stack", () => {
        const document = documentOf(runs.devJson);
        expect(document.outputs).toMatchObject({ region: "westeurope", trainingEndpoint: expect.stringMatching(/^https:\/\/dev-vision-training-[0-9a-f]{8}\.cognitiveservices\.azure\.com\/$/) });
        expect(document.warnings).toEqual([]);
        expect(runs.devText.stdout).toMatch(/\nOutputs\n(  .+\n)*  region  westeurope\n/);
    });

    it("prints the resources as a tree with kind, SKU, location and names", () => {
        expect(runs.devText.stdout).toMatch(/└─ azure-custom-vision:index:CustomVision {2}vision|├─ azure-custom-vision:index:CustomVision {2}vision/);
        expect(runs.devText.stdout).toMatch(/azure-native:cognitiveservices:Account {2}vision-training {2}\(kind CustomVision\.Training, sku F0, location westeurope, name dev-vision-training-/);
    });

    it("writes a Mermaid flowchart with the component as a subgraph and the critical path marked", () => {
        expect(graphs.dev).toMatch(/^flowchart TD\n/);
        expect(graphs.dev).toMatch(/subgraph r\d+\["vision \(CustomVision\)"\]/);
        const onPath = documentOf(runs.devJson).criticalPath.length;
        expect(graphs.dev).toMatch(new RegExp(`\\n {4}class r\\d+${",r\\d+".repeat(onPath - 1)} critical\\n`));
    });
});

describe("a production stack on the free tier", () => {
    it("exits 1 naming custom-vision-no-free-tier-in-prod on the Training account, under its level with the rule's fix", () => {
        expect(runs.prodFreeText.code).toBe(1);
        expect(runs.prodFreeText.stdout).toMatch(/ {2}mandatory \(1\)\n {4}✗ custom-vision-no-free-tier-in-prod {2}on vision-training \(azure-native:cognitiveservices:Account\)\n/);
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
    });

    it("exits 0 when both accounts share a region", () => {
        expect(runs.same.code).toBe(0);
        expect(runs.same.stdout).toContain("Policies: all 10 enabled rules pass");
    });

    it("records the key secret's dependency on the account it reads the keys of", () => {
        const document = documentOf(runs.splitJson);
        expect(resourceNamed(document, "training-key").dependencies).toContain(resourceNamed(document, "training").urn);
    });

    it("counts the listAccountKeys between the account and the key secret as one more Azure call", () => {
        expect(documentOf(runs.splitJson).criticalPathCalls.map((step) => `${step.kind} ${step.type} ${step.name}`)).toEqual([
            "create azure-native:resources:ResourceGroup group",
            "create azure-native:cognitiveservices:Account training",
            "invoke azure-native:cognitiveservices:listAccountKeys training",
            "create azure-native:keyvault:Secret training-key",
        ]);
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

    it("exits 2 saying it is a timeout, with the limit and how to raise it", () => {
        expectOneCleanMessage(runs.hangs);
        expect(runs.hangs.stderr).toBe("plan: timeout: the plan did not finish within 1 s and was stopped; a large stack may need longer: raise the limit with --timeout SECONDS (e.g. --timeout 4)\n");
    });

    it("exits 2 on a --timeout that is not a number of seconds", () => {
        expect(runs.badTimeout.code).toBe(2);
        expect(runs.badTimeout.stderr).toMatch(/^plan: --timeout expects a whole number of seconds, at least 1, got "soon"\n/);
    });
});

describe("stack config the project does not declare", () => {
    it("warns without failing, suggesting the closest declared key", () => {
        expect(runs.leaky.code).toBe(0);
        const warnings = documentOf(runs.leaky).warnings;
        expect(warnings).toContain('Pulumi.leaky.yaml: "plan-adversarial:locaton" is not declared in Pulumi.yaml; did you mean location?');
        expect(warnings).toContain('Pulumi.leaky.yaml: "plan-adversarial:nothingLikeIt" is not declared in Pulumi.yaml; declare it there, or remove it if nothing reads it');
        expect(runs.leaky.stderr).toContain('warning: Pulumi.leaky.yaml: "plan-adversarial:locaton" is not declared');
    });
});

describe("--json", () => {
    it("prints exactly one document: project, stack, resources, criticalPath, violations, then the call chain, outputs, warnings and verdict", () => {
        const document = documentOf(runs.devJson);
        expect(Object.keys(document)).toEqual(["project", "stack", "resources", "criticalPath", "violations", "criticalPathCalls", "outputs", "warnings", "blocked"]);
        expect(document).toMatchObject({ project: "azure-custom-vision", stack: "dev", violations: [], blocked: false });
        expect(documentOf(runs.splitJson).blocked).toBe(true);
        for (const resource of document.resources) {
            expect(Object.keys(resource)).toEqual(["urn", "type", "name", "parent", "inputs", "dependencies", "protect"]);
            expect(resource.urn).toMatch(/^urn:pulumi:dev::azure-custom-vision::/);
        }
        const urns = new Set(document.resources.map((resource) => resource.urn));
        expect(document.criticalPath.every((urn) => urns.has(urn))).toBe(true);
    });

    it("gives every violation its policy, level, message and resource URN", () => {
        expect(documentOf(runs.splitJson).violations).toHaveLength(1);
        for (const violation of documentOf(runs.splitJson).violations) {
            expect(Object.keys(violation)).toEqual(["policy", "enforcementLevel", "message", "urn"]);
            expect(violation.message.length).toBeGreaterThan(0);
        }
    });
});

describe("secrets", () => {
    const everyOutput = () =>
        [...Object.values(runs).flatMap((run) => [run.stdout, run.stderr]), ...Object.values(graphs)].join("\n");

    it("never prints a mocked account key in text, JSON or Mermaid output", () => {
        const fromJson = [documentOf(runs.devJson), documentOf(runs.splitJson), documentOf(runs.leaky)].flatMap((document) =>
            document.resources.filter((resource) => resource.type === "azure-native:cognitiveservices:Account").map((resource) => String(resource.inputs.accountName)),
        );
        const fromText = [runs.prodFreeText, runs.operations].flatMap((run) => [...run.stdout.matchAll(/\(kind CustomVision\.\w+, sku \w+, location \w+, name ([a-z0-9-]+)/g)].map((match) => match[1]));
        const accountNames = [...fromJson, ...fromText];
        expect(accountNames).toHaveLength(9);
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

    it("scrubs a key from the program's error message", () => {
        expect(runs.throws.code).toBe(2);
        expect(runs.throws.stderr).toBe("plan: refusing to deploy with key [secret]\n");
    });

    it("scrubs a key from names and URNs, and warns that a name holds one", () => {
        const document = documentOf(runs.leaky);
        const named = document.resources.find((resource) => resource.name.startsWith("named-after-"));
        expect(named?.name).toBe("named-after-[secret]");
        expect(named?.urn).toBe("urn:pulumi:leaky::plan-adversarial::azure-native:resources:ResourceGroup::named-after-[secret]");
        expect(document.warnings).toContain(`${named?.urn}: the resource's name holds an account key; names and URNs are never secret`);
    });

    it("scrubs keys from stack outputs and warns about an output that carries one without being secret", () => {
        const document = documentOf(runs.leaky);
        expect(document.outputs).toEqual({ accountName: "adversarial-training", markedKey: "[secret]", unmarkedKey: "[secret]" });
        const outputWarnings = document.warnings.filter((warning) => warning.startsWith("stack output"));
        expect(outputWarnings).toEqual(["stack output: unmarkedKey holds an account key that is not marked secret; wrap it in pulumi.secret()"]);
    });

    it("shows a value unknown until deploy as [known after deploy]", () => {
        const named = documentOf(runs.leaky).resources.find((resource) => resource.name.startsWith("named-after-"));
        expect(named?.inputs.tags).toEqual({ etag: "[known after deploy]" });
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
