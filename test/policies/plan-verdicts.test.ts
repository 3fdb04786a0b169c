/**
 * The pack's verdicts through the real plan CLI (`npm run plan`): programs that try to sidestep it
 * (inherited regions, wrapped accounts, production on stacks not named for it), the classic
 * provider, and pack config the CLI would refuse. The plan models a first preview of a new stack:
 * stack rules judge each resource's preview outputs, as `pulumi preview` hands them. Each plan is a
 * fresh process, run once, in parallel.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanDocument } from "../../tools/plan/render";
import { CliRun, FIXTURES, runPlanMain } from "../tools/plan-cli";

const classic = path.join(FIXTURES, "classic");
const handWired = path.join(FIXTURES, "hand-wired");
const rootStacks = path.join(FIXTURES, "root-stacks");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "plan-verdicts-"));
const runs: Record<string, CliRun> = {};

beforeAll(async () => {
    const unknownRuleConfig = path.join(scratch, "unknown-rule.json");
    fs.writeFileSync(unknownRuleConfig, JSON.stringify({ "key-vault-purge-protection-in-prod": { productionTagKey: "stage" } }));
    const planned: Record<string, string[]> = {
        classicSame: ["--cwd", classic, "--stack", "same", "--json"],
        classicSplit: ["--cwd", classic, "--stack", "split", "--json"],
        classicPrd: ["--cwd", classic, "--stack", "prd", "--json"],
        classicDisasterRecovery: ["--cwd", classic, "--stack", "dr", "--json"],
        classicLockedWorkspace: ["--cwd", classic, "--stack", "prd-locked", "--json"],
        configLocation: ["--cwd", handWired, "--stack", "config-location", "--json"],
        inherited: ["--cwd", handWired, "--stack", "inherited"],
        disasterRecovery: ["--cwd", handWired, "--stack", "dr", "--json"],
        wrapped: ["--cwd", handWired, "--stack", "wrapped", "--json"],
        live: ["--cwd", handWired, "--stack", "live", "--json"],
        euProd: ["--cwd", rootStacks, "--stack", "eu-prod", "--json"],
        devTaggedProd: ["--cwd", rootStacks, "--stack", "dev", "--json"],
        unknownRule: ["--cwd", handWired, "--stack", "same", "--policy-config", unknownRuleConfig],
    };
    await Promise.all(Object.entries(planned).map(async ([name, args]) => (runs[name] = await runPlanMain(args))));
}, 240_000);

const documentOf = (run: CliRun): PlanDocument => JSON.parse(run.stdout) as PlanDocument;
/** The mandatory violations as "policy on resource-name", in the plan's order. */
const blocking = (run: CliRun): string[] =>
    documentOf(run).violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => `${violation.policy} on ${violation.urn?.split("::").pop()}`);

describe("the classic @pulumi/azure provider", () => {
    it("passes with both accounts in one region", () => {
        expect(runs.classicSame.code).toBe(0);
        expect(documentOf(runs.classicSame).violations).toEqual([]);
    });

    it("is blocked by custom-vision-region-match when the Prediction account is elsewhere", () => {
        expect(runs.classicSplit.code).toBe(1);
        expect(blocking(runs.classicSplit)).toEqual(["custom-vision-region-match on prediction"]);
        expect(documentOf(runs.classicSplit).violations[0].message).toContain("of resource group 'rg-classic' is in eastus");
    });

    it("is blocked on the free tier in production found from its tags, on a stack named prd", () => {
        expect(runs.classicPrd.code).toBe(1);
        expect(blocking(runs.classicPrd)).toEqual(["custom-vision-no-free-tier-in-prod on training", "custom-vision-no-free-tier-in-prod on prediction"]);
    });

    it("passes a disaster-recovery pair in a group whose name is derived from the first pair's group (the outputs carry the name)", () => {
        expect(runs.classicDisasterRecovery.code).toBe(0);
        const accounts = documentOf(runs.classicDisasterRecovery).resources.filter((resource) => resource.type === "azure:cognitive/account:Account");
        expect(accounts.map((account) => `${account.inputs.resourceGroupName} ${account.inputs.location}`)).toEqual([
            "rg-classic eastus", "rg-classic eastus", "rg-classic-dr westeurope", "rg-classic-dr westeurope",
        ]);
        expect(documentOf(runs.classicDisasterRecovery).violations).toEqual([]);
    });

    it("reports the production Training account when the only lock is on the workspace its resource group name came from", () => {
        const protection = documentOf(runs.classicLockedWorkspace).violations.filter((violation) => violation.policy === "custom-vision-training-protected-in-prod");
        expect(protection.map((violation) => `${violation.enforcementLevel} on ${violation.urn?.split("::").pop()}`)).toEqual(["advisory on training"]);
    });

    it("gets ARM-shaped ids from the mocks, so diagnostic settings name their accounts", () => {
        const settings = documentOf(runs.classicSame).resources.filter((resource) => resource.type === "azure:monitoring/diagnosticSetting:DiagnosticSetting");
        expect(settings.map((setting) => String(setting.inputs.targetResourceId).replace(/^.*\/providers\//, "")).sort()).toEqual([
            "Microsoft.CognitiveServices/accounts/classic-prediction",
            "Microsoft.CognitiveServices/accounts/classic-training",
            "Microsoft.KeyVault/vaults/kv-classic",
        ]);
    });
});

describe("stacks that tried to sidestep the pack", () => {
    it("blocks a Prediction account that inherits another region from its explicit provider", () => {
        expect(runs.inherited.code).toBe(1);
        expect(runs.inherited.stdout).toContain("✗ custom-vision-region-match  on prediction");
        // azure-native's Check fills the account's location from its provider: the outputs carry westeurope.
        expect(runs.inherited.stdout).toContain("Prediction account 'prediction' (azure-native:cognitiveservices:Account) is in westeurope, but Training account 'training'");
    });

    it("blocks a Prediction account without location that azure-native's Check puts where the stack config azure-native:location says", () => {
        expect(runs.configLocation.code).toBe(1);
        expect(blocking(runs.configLocation)).toEqual(["custom-vision-supported-region on prediction", "custom-vision-region-match on prediction"]);
        expect(documentOf(runs.configLocation).violations[0].message).toContain("Prediction account 'prediction' (azure-native:cognitiveservices:Account) is in brazilsouth");
    });

    it("passes a disaster-recovery stack with one pair per resource group in two regions", () => {
        expect(runs.disasterRecovery.code).toBe(0);
        const accounts = documentOf(runs.disasterRecovery).resources.filter((resource) => resource.type === "azure-native:cognitiveservices:Account");
        expect(accounts.map((account) => account.inputs.location)).toEqual(["eastus", "eastus", "westeurope", "westeurope"]);
        expect(documentOf(runs.disasterRecovery).violations).toEqual([]);
    });

    it("blocks a split pair whose accounts are each wrapped in their own component", () => {
        expect(runs.wrapped.code).toBe(1);
        expect(blocking(runs.wrapped)).toEqual(["custom-vision-region-match on prediction"]);
        const prediction = documentOf(runs.wrapped).resources.find((resource) => resource.name === "prediction");
        expect(prediction?.urn).toContain("hand-wired:index:Wrapper$azure-native:cognitiveservices:Account");
    });

    it.each([
        ["live", "hand-wired, tagged environment=prod", ["custom-vision-no-free-tier-in-prod on training", "custom-vision-no-free-tier-in-prod on prediction"]],
        ["euProd", "the CustomVision component with environment prod", ["custom-vision-no-free-tier-in-prod on vision-training"]],
        ["devTaggedProd", "the CustomVision component with environment prod, on a stack named dev", ["custom-vision-no-free-tier-in-prod on vision-training"]],
    ])("blocks F0 in production on stack %s (%s)", (name, _program, expected) => {
        expect(runs[name].code).toBe(1);
        expect(blocking(runs[name]).filter((line) => line.startsWith("custom-vision-no-free-tier-in-prod"))).toEqual(expected);
    });
});

describe("pack config the CLI refuses", () => {
    it("exits 2 with one message naming the unknown policy and the pack's policy names", () => {
        const { code, stdout, stderr } = runs.unknownRule;
        expect(code).toBe(2);
        expect(stdout).toBe("");
        expect(stderr.trim().split("\n")).toHaveLength(1);
        expect(stderr).toContain('"key-vault-purge-protection-in-prod"');
        expect(stderr).toContain("custom-vision-key-vault-purge-protection-in-prod, ");
        expect(stderr).toContain("invalid enforcement level");
    });
});
