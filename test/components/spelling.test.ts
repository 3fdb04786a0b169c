import { describe, expect, it } from "vitest";
import { closestName } from "../../components/spelling";

describe("closestName", () => {
    const known = ["location", "resourceGroupName", "enablePurgeProtection", "tags", "sku"];

    it("finds a name that differs only in case", () => {
        expect(closestName("enablePurgeprotection", known)).toBe("enablePurgeProtection");
    });

    it("finds a name a few edits away, within a third of its length", () => {
        expect(closestName("locaton", known)).toBe("location");
        expect(closestName("resourceGroupNme", known)).toBe("resourceGroupName");
    });

    it("suggests nothing for a short name that is merely near another short one", () => {
        expect(closestName("tag", ["sku"])).toBeUndefined();
        expect(closestName("zone", known)).toBeUndefined();
    });
});
