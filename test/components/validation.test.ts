import { describe, expect, it } from "vitest";
import { CUSTOM_VISION_REGIONS, isSupportedRegion, normalizeLocation } from "../../components/regions";
import { namePrefixes, slug, stableGuid, stableSuffix, withSuffix } from "../../components/naming";
import * as check from "../../components/validation";

const fail = check.failer("vision");
const rejection = (run: () => unknown) => {
    try {
        run();
    } catch (error) {
        return error as check.CustomVisionArgumentError;
    }
    throw new Error("expected the check to throw");
};

describe("regions", () => {
    it("normalises display names, programmatic names and mixed case to one region", () => {
        expect(["East US", "eastus", "EastUS", "east-us", " East  US "].map(normalizeLocation)).toEqual(Array(5).fill("eastus"));
    });
    it("accepts every listed region in any spelling and rejects regions without Custom Vision", () => {
        expect(isSupportedRegion("West Europe")).toBe(true);
        expect(isSupportedRegion("Brazil South")).toBe(false);
        expect(isSupportedRegion("brazilsouth", ["Brazil South"])).toBe(true);
        expect(CUSTOM_VISION_REGIONS).toContain("westus2");
    });
});

describe("argument checks", () => {
    it("names the argument and the rule for a location where Custom Vision is not offered", () => {
        const error = rejection(() => check.checkLocation(fail, "mars"));
        expect(error.argument).toBe("location");
        expect(error.message).toMatch(/^CustomVision "vision": location "mars" is not a region where Custom Vision is offered/);
        expect(error.message).toContain("westeurope");
    });
    it("returns the canonical location", () => {
        expect(check.checkLocation(fail, "North Europe")).toBe("northeurope");
    });
    it("accepts F0 and S0 in any case and defaults to S0", () => {
        expect(check.checkSku(fail, "trainingSku", "f0")).toBe("F0");
        expect(check.checkSku(fail, "trainingSku", undefined)).toBe("S0");
        expect(rejection(() => check.checkSku(fail, "predictionSku", "S1")).message).toContain('predictionSku "S1" is not a Custom Vision pricing tier; use F0 or S0');
    });
    it("rejects an empty or malformed resource group name", () => {
        expect(rejection(() => check.checkResourceGroupName(fail, "")).argument).toBe("resourceGroupName");
        expect(rejection(() => check.checkResourceGroupName(fail, "   ")).argument).toBe("resourceGroupName");
        expect(rejection(() => check.checkResourceGroupName(fail, "rg.")).message).toContain("not ending in a period");
        expect(() => check.checkResourceGroupName(fail, "rg-vision_(prod).1")).not.toThrow();
    });
    it("applies Azure's account name rule (2-64, alphanumeric ends)", () => {
        expect(() => check.checkAccountName(fail, "trainingSubdomain", "ab")).not.toThrow();
        expect(() => check.checkAccountName(fail, "trainingSubdomain", "a".repeat(64))).not.toThrow();
        for (const bad of ["a", "a".repeat(65), "-abc", "abc-", "ab_c"]) {
            expect(rejection(() => check.checkAccountName(fail, "trainingSubdomain", bad)).argument).toBe("trainingSubdomain");
        }
    });
    it("applies Azure's Key Vault name rule (3-24, starts with a letter, no --)", () => {
        expect(() => check.checkVaultName(fail, "keyVaultName", "kv-vision-1")).not.toThrow();
        for (const bad of ["kv", "1kv-vision", "kv--vision", "kv-vision-", "k".repeat(25)]) {
            expect(rejection(() => check.checkVaultName(fail, "keyVaultName", bad)).argument).toBe("keyVaultName");
        }
    });
    it("applies Azure's workspace name rule (4-63)", () => {
        expect(() => check.checkWorkspaceName(fail, "workspace name", "logs")).not.toThrow();
        expect(rejection(() => check.checkWorkspaceName(fail, "workspace name", "log")).argument).toBe("workspace name");
        expect(rejection(() => check.checkWorkspaceName(fail, "workspace name", "l".repeat(64))).argument).toBe("workspace name");
    });
    it("keeps retention within Azure's bounds and defaults it", () => {
        expect(check.checkVaultRetention(fail, undefined)).toBe(90);
        expect(check.checkWorkspaceRetention(fail, undefined)).toBe(30);
        expect(check.checkVaultRetention(fail, 7)).toBe(7);
        expect(rejection(() => check.checkVaultRetention(fail, 6)).message).toContain("softDeleteRetentionInDays 6 is out of range: a whole number of days from 7 to 90");
        expect(rejection(() => check.checkVaultRetention(fail, 91)).argument).toBe("softDeleteRetentionInDays");
        expect(rejection(() => check.checkWorkspaceRetention(fail, 731)).argument).toBe("logRetentionInDays");
        expect(rejection(() => check.checkWorkspaceRetention(fail, 45.5)).argument).toBe("logRetentionInDays");
    });
    it("accepts GUID principal ids (deduplicated, lower-cased) and names the bad one", () => {
        const id = "3F2504E0-4F89-41D3-9A0C-0305E82C3301";
        expect(check.checkPrincipalIds(fail, "secretReaderPrincipalIds", [id, id.toLowerCase()])).toEqual([id.toLowerCase()]);
        const error = rejection(() => check.checkPrincipalIds(fail, "secretReaderPrincipalIds", [id, "alice@contoso.com"]));
        expect(error.argument).toBe("secretReaderPrincipalIds[1]");
        expect(error.message).toContain("is not an Entra ID object id");
    });
    it("accepts activeKey 1 or 2 only", () => {
        expect(check.checkActiveKey(fail, undefined)).toBe(1);
        expect(check.checkActiveKey(fail, 2)).toBe(2);
        expect(rejection(() => check.checkActiveKey(fail, 3)).argument).toBe("activeKey");
    });
});

describe("names", () => {
    it("derives prefixes that fit Azure's limits for any stack and component name once suffixed", () => {
        const long = "a-very-long-stack-name-that-goes-on-and-on-for-ever-and-ever";
        for (const [stack, name] of [["dev", "vision"], [long, long], ["prod", "Vision_Team.A"]]) {
            const prefixes = namePrefixes(stack, name);
            const suffixed = (prefix: string) => withSuffix(prefix, "0123abcd");
            expect(() => check.checkAccountName(fail, "training", suffixed(prefixes.training))).not.toThrow();
            expect(() => check.checkAccountName(fail, "prediction", suffixed(prefixes.prediction))).not.toThrow();
            expect(() => check.checkVaultName(fail, "vault", suffixed(prefixes.vault))).not.toThrow();
            expect(() => check.checkWorkspaceName(fail, "workspace", suffixed(prefixes.workspace))).not.toThrow();
        }
    });
    it("is deterministic and differs for different components", () => {
        expect(stableSuffix(["sub", "rg", "p", "dev", "a"])).toBe(stableSuffix(["sub", "rg", "p", "dev", "a"]));
        expect(stableSuffix(["sub", "rg", "p", "dev", "a"])).not.toBe(stableSuffix(["sub", "rg", "p", "dev", "b"]));
        expect(stableSuffix(["x"])).toMatch(/^[0-9a-f]{8}$/);
        expect(stableGuid(["a"])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(slug("  Vision_Team.A ")).toBe("vision-team-a");
    });
});
