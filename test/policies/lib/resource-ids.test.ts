import { describe, expect, it } from "vitest";
import { armIdKey, carriedResourceGroupOf, IdIndex, idKeysOf, resourceGroupOfId, scopeOfExtensionId, subscriptionOfId } from "../../../policies/lib/resource-ids";
import { unknownCheckingProxy } from "../../../tools/policy-engine";
import { UNKNOWN as SENTINEL } from "../harness";

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

    it("reads the scope an existing lock's or diagnostic setting's own id names", () => {
        const account = "/subscriptions/S/resourceGroups/RG/providers/Microsoft.CognitiveServices/accounts/t";
        expect(scopeOfExtensionId(`${account}/providers/Microsoft.Authorization/locks/keep`, "Microsoft.Authorization/locks")).toBe(account);
        expect(scopeOfExtensionId("/subscriptions/S/providers/microsoft.authorization/locks/keep", "Microsoft.Authorization/locks")).toBe("/subscriptions/S");
        expect(scopeOfExtensionId(`${account}/providers/Microsoft.Insights/diagnosticSettings/logs`, "Microsoft.Insights/diagnosticSettings")).toBe(account);
        expect(scopeOfExtensionId(account, "Microsoft.Authorization/locks")).toBeUndefined();
    });

    it("reads the group and subscription any id within one names", () => {
        expect(resourceGroupOfId("/subscriptions/S/resourceGroups/RG-A/providers/Microsoft.KeyVault/vaults/kv")).toBe("RG-A");
        expect(resourceGroupOfId("/subscriptions/S")).toBeUndefined();
        expect(subscriptionOfId("/subscriptions/ABC/resourceGroups/rg")).toBe("abc");
    });

    it("takes a resource's group from its props: the name it carries, else its known id, else unknown while computed", () => {
        const withProps = (props: Record<string, unknown>) => ({ type: "azure-native:cognitiveservices:Account", urn: "u", name: "n", props: unknownCheckingProxy(props), propertyDependencies: {} });
        expect(carriedResourceGroupOf(withProps({ resourceGroupName: "rg-a", id: "/subscriptions/s/resourceGroups/rg-b/x" }))).toBe("rg-a");
        expect(carriedResourceGroupOf(withProps({ id: "/subscriptions/s/resourceGroups/rg-b/providers/a/b/c" }))).toBe("rg-b");
        expect(carriedResourceGroupOf(withProps({ id: SENTINEL }))).toBeUndefined();
        expect(typeof carriedResourceGroupOf({ ...withProps({ resourceGroupName: SENTINEL }), propertyDependencies: { resourceGroupName: [{ urn: "g" }] } })).toBe("symbol");
    });
});
