import { describe, expect, it } from "vitest";
import * as rules from "../../components/argument-rules";
import { ACTION_GROUP_NAME_MAX_LENGTH, SAVED_SEARCH_ID_MAX_LENGTH } from "../../components/azure";
import { namePrefixes, slug, stableGuid, stableSuffix, withSuffix } from "../../components/naming";
import { SAVED_QUERIES } from "../../components/operations";
import { CUSTOM_VISION_REGIONS, isSupportedRegion, normalizeLocation } from "../../components/regions";
import { ArgumentProblems, describeValue } from "../../components/validation";

/** Runs one check and returns what it returned and what it reported. */
function check<T>(run: (problems: ArgumentProblems) => T): { value: T; problems: string[] } {
    const problems = new ArgumentProblems();
    const value = run(problems);
    return { value, problems: problems.list.map((problem) => `${problem.argument} ${problem.rule}`) };
}

describe("regions", () => {
    it("normalises display names, programmatic names and mixed case to one region", () => {
        expect(["East US", "eastus", "EastUS", "east-us", " East  US "].map(normalizeLocation)).toEqual(Array(5).fill("eastus"));
    });
    it("accepts every listed region in any spelling and rejects regions without Custom Vision", () => {
        expect(isSupportedRegion("West Europe")).toBe(true);
        expect(isSupportedRegion("Brazil South")).toBe(false);
        expect(isSupportedRegion("brazilsouth", ["Brazil South"])).toBe(true);
        expect(CUSTOM_VISION_REGIONS.every((region) => region === normalizeLocation(region))).toBe(true);
    });
});

describe("argument rules", () => {
    it("return the canonical location, or name the argument and the list", () => {
        expect(check((p) => rules.checkLocation(p, "North Europe", CUSTOM_VISION_REGIONS))).toEqual({ value: "northeurope", problems: [] });
        const mars = check((p) => rules.checkLocation(p, "mars", ["eastus", "westeurope"]));
        expect(mars.problems).toEqual(['location "mars" is not a region where Custom Vision is offered; use one of eastus, westeurope (or set allowedRegions if Azure has added one)']);
    });
    it("accept F0 and S0 in any case, fall back when unset", () => {
        expect(check((p) => rules.checkSku(p, "trainingSku", "f0", "S0")).value).toBe("F0");
        expect(check((p) => rules.checkSku(p, "trainingSku", undefined, "S0"))).toEqual({ value: "S0", problems: [] });
        expect(check((p) => rules.checkSku(p, "predictionSku", "S1", "S0")).problems).toEqual(['predictionSku "S1" is not a Custom Vision pricing tier; use F0 or S0']);
    });
    it("reject an empty or malformed resource group name", () => {
        expect(check((p) => rules.checkResourceGroupName(p, "   ")).problems).toEqual(["resourceGroupName is required and must not be empty"]);
        expect(check((p) => rules.checkResourceGroupName(p, "rg.")).problems[0]).toContain("not ending in a period");
        expect(check((p) => rules.checkResourceGroupName(p, "rg-vision_(prod).1")).problems).toEqual([]);
    });
    it("apply Azure's account name rule (2-64, alphanumeric ends)", () => {
        expect(check((p) => rules.checkAccountName(p, "trainingSubdomain", "ab")).problems).toEqual([]);
        expect(check((p) => rules.checkAccountName(p, "trainingSubdomain", "a".repeat(64))).problems).toEqual([]);
        for (const bad of ["a", "a".repeat(65), "-abc", "abc-", "ab_c"]) {
            expect(check((p) => rules.checkAccountName(p, "trainingSubdomain", bad)).problems).toHaveLength(1);
        }
    });
    it("apply Azure's Key Vault name rule (3-24, starts with a letter, no --)", () => {
        expect(check((p) => rules.checkVaultName(p, "keyVaultName", "kv-vision-1")).problems).toEqual([]);
        for (const bad of ["kv", "1kv-vision", "kv--vision", "kv-vision-", "k".repeat(25)]) {
            expect(check((p) => rules.checkVaultName(p, "keyVaultName", bad)).problems).toHaveLength(1);
        }
    });
    it("apply Azure's workspace name rule (4-63)", () => {
        expect(check((p) => rules.checkWorkspaceName(p, "workspace name", "logs")).problems).toEqual([]);
        expect(check((p) => rules.checkWorkspaceName(p, "workspace name", "log")).problems).toHaveLength(1);
        expect(check((p) => rules.checkWorkspaceName(p, "workspace name", "l".repeat(64))).problems).toHaveLength(1);
    });
    it("keep retention a whole number of days within the bounds", () => {
        const bounds = { min: 7, max: 90 };
        expect(check((p) => rules.checkDays(p, "softDeleteRetentionInDays", 7, bounds, 90))).toEqual({ value: 7, problems: [] });
        expect(check((p) => rules.checkDays(p, "softDeleteRetentionInDays", 6, bounds, 90)).problems).toEqual(["softDeleteRetentionInDays 6 is out of range: a whole number of days from 7 to 90"]);
        expect(check((p) => rules.checkDays(p, "logRetentionInDays", 45.5, { min: 30, max: 730 }, 30)).problems).toHaveLength(1);
    });
    it("lower-case GUID principal ids and name the bad one by index", () => {
        const id = "3F2504E0-4F89-41D3-9A0C-0305E82C3301";
        expect(check((p) => rules.checkPrincipalIds(p, "secretReaderPrincipalIds", [id])).value).toEqual([id.toLowerCase()]);
        expect(check((p) => rules.checkPrincipalIds(p, "secretReaderPrincipalIds", [id, "alice@contoso.com"])).problems).toEqual([
            'secretReaderPrincipalIds[1] "alice@contoso.com" is not an Entra ID object id (a GUID such as 00000000-0000-0000-0000-000000000000)',
        ]);
    });
    it("accept activeKey 1 or 2 only", () => {
        expect(check((p) => rules.checkActiveKey(p, undefined, 1)).value).toBe(1);
        expect(check((p) => rules.checkActiveKey(p, 2, 1)).value).toBe(2);
        expect(check((p) => rules.checkActiveKey(p, 3, 1)).problems).toEqual(["activeKey 3 must be 1 or 2 (the account key applications read)"]);
    });
    it("name a wrong value by its type and content", () => {
        expect([describeValue("30"), describeValue(30), describeValue(true), describeValue([1]), describeValue({}), describeValue(null)]).toEqual([
            'the string "30"',
            "the number 30",
            "the boolean true",
            "a list",
            "an object",
            "null",
        ]);
    });
});

describe("names", () => {
    it("derive prefixes that fit Azure's limits for any stack and component name once suffixed", () => {
        const long = "a-very-long-stack-name-that-goes-on-and-on-for-ever-and-ever";
        for (const [stack, name] of [["dev", "vision"], [long, long], ["prod", "Vision_Team.A"]]) {
            const prefixes = namePrefixes(stack, name);
            const suffixed = (prefix: string) => withSuffix(prefix, "0123abcd");
            const problems = check((p) => {
                rules.checkAccountName(p, "training", suffixed(prefixes.training));
                rules.checkAccountName(p, "prediction", suffixed(prefixes.prediction));
                rules.checkVaultName(p, "vault", suffixed(prefixes.vault));
                rules.checkWorkspaceName(p, "workspace", suffixed(prefixes.workspace));
            }).problems;
            expect(problems).toEqual([]);
            expect(suffixed(prefixes.keyExport).length).toBeLessThanOrEqual(64);
            expect(suffixed(prefixes.keyExport)).toMatch(/^[a-z0-9-]+-key-export-0123abcd$/);
        }
    });
    it("shorten the action group and saved search names of very long stack and component names, keeping the suffix", () => {
        const suffixed = (prefix: string) => withSuffix(prefix, "0123abcd");
        const long = namePrefixes("s".repeat(100), "c".repeat(300));
        expect(suffixed(long.actionGroup)).toHaveLength(ACTION_GROUP_NAME_MAX_LENGTH);
        expect(suffixed(long.actionGroup)).toMatch(/^s{100}-c+-custom-vision-alerts-0123abcd$/);
        expect(Object.keys(long.savedSearches)).toEqual(SAVED_QUERIES.map((query) => query.id));
        for (const query of SAVED_QUERIES) {
            expect(suffixed(long.savedSearches[query.id]).length).toBeLessThanOrEqual(SAVED_SEARCH_ID_MAX_LENGTH);
            expect(suffixed(long.savedSearches[query.id])).toMatch(new RegExp(`^s+-${query.id}-0123abcd$`));
        }
        // Short names keep their full readable part: the 0.1.0 names plus the suffix.
        expect(namePrefixes("prod", "vision").actionGroup).toBe("prod-vision-custom-vision-alerts");
        expect(namePrefixes("prod", "vision").savedSearches["failed-calls"]).toBe("prod-vision-failed-calls");
    });
    it("are deterministic and differ for different components", () => {
        expect(stableSuffix(["sub", "rg", "p", "dev", "a"])).toBe(stableSuffix(["sub", "rg", "p", "dev", "a"]));
        expect(stableSuffix(["sub", "rg", "p", "dev", "a"])).not.toBe(stableSuffix(["sub", "rg", "p", "dev", "b"]));
        expect(stableSuffix(["x"])).toMatch(/^[0-9a-f]{8}$/);
        expect(stableGuid(["a"])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(slug("  Vision_Team.A ")).toBe("vision-team-a");
    });
});
