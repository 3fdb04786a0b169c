import { describe, expect, it } from "vitest";
import { armIdKey, IdIndex, idKeysOf } from "../../../policies/lib/resource-ids";

describe("resource ids", () => {
    it("keys an ARM id by resource group, type and name, case-insensitively", () => {
        expect(armIdKey("/subscriptions/S/resourceGroups/RG/providers/Microsoft.CognitiveServices/accounts/Acct"))
            .toBe("rg/microsoft.cognitiveservices/accounts/acct");
        expect(armIdKey("/subscriptions/S/resourceGroups/RG")).toBeUndefined();
    });

    it("finds a resource by the id its name and group imply, in every form's name property", () => {
        const index = new IdIndex<string>();
        const account = { type: "azure-native:cognitiveservices:Account", urn: "u1", name: "a", props: { accountName: "Acct", resourceGroupName: "RG" } };
        const classicVault = { type: "azure:keyvault/keyVault:KeyVault", urn: "u2", name: "v", props: { name: "kv", resourceGroupName: "rg" } };
        const generic = { type: "azure-native:resources:Resource", urn: "u3", name: "g", props: { resourceProviderNamespace: "Microsoft.CognitiveServices", resourceType: "accounts", resourceName: "gen", resourceGroupName: "rg" } };
        index.add(idKeysOf(account), "account");
        index.add(idKeysOf(classicVault), "vault");
        index.add(idKeysOf(generic), "generic");
        expect(index.find("/subscriptions/x/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct")).toEqual(["account"]);
        expect(index.find("/subscriptions/x/resourceGroups/RG/providers/Microsoft.KeyVault/vaults/KV")).toEqual(["vault"]);
        expect(index.find("/subscriptions/x/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/gen")).toEqual(["generic"]);
        expect(index.find("/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/acct")).toEqual([]);
    });
});
