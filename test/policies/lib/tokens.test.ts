import { Account } from "@pulumi/azure-native/cognitiveservices";
import { Vault } from "@pulumi/azure-native/keyvault";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor";
import { ManagementLockAtResourceGroupLevel, ManagementLockAtResourceLevel, ManagementLockAtSubscriptionLevel, ManagementLockByScope } from "@pulumi/azure-native/authorization";
import { ResourceGroup } from "@pulumi/azure-native/resources";
import { Account as ClassicAccount } from "@pulumi/azure/cognitive";
import { ResourceGroup as ClassicResourceGroup } from "@pulumi/azure/core";
import { KeyVault as ClassicKeyVault } from "@pulumi/azure/keyvault";
import { DiagnosticSetting as ClassicDiagnosticSetting } from "@pulumi/azure/monitoring";
import { Lock as ClassicLock } from "@pulumi/azure/management";
import * as fs from "fs";
import { describe, expect, it } from "vitest";
import { isAzureType, kindOf, packageOf, parseTypeToken, propertyFormOf, providerPackageOf, resourceKindOf } from "../../../policies/lib/tokens";
import { unknownCheckingProxy } from "../../../tools/policy-engine";
import { UNKNOWN as SENTINEL } from "../harness";

const tokenOf = (resourceClass: unknown): string => (resourceClass as { __pulumiType: string }).__pulumiType;
const aliasesOf = (resourceClass: { prototype: object }, file: string): string[] => {
    // The SDK lists every versioned token a resource was known by as an alias in its constructor.
    const source = fs.readFileSync(require.resolve(file), "utf8");
    return [...source.matchAll(/type: "([^"]+)"/g)].map((m) => m[1]).filter((t) => t.split(":").pop() === tokenOf(resourceClass).split(":").pop());
};

describe("type tokens", () => {
    it.each([
        [Account, "cognitiveAccount"], [ClassicAccount, "cognitiveAccount"],
        [Vault, "keyVault"], [ClassicKeyVault, "keyVault"],
        [DiagnosticSetting, "diagnosticSetting"], [ClassicDiagnosticSetting, "diagnosticSetting"],
        [ManagementLockByScope, "managementLock"], [ManagementLockAtResourceLevel, "managementLock"],
        [ManagementLockAtResourceGroupLevel, "managementLock"], [ManagementLockAtSubscriptionLevel, "managementLock"], [ClassicLock, "managementLock"],
        [ResourceGroup, "resourceGroup"], [ClassicResourceGroup, "resourceGroup"],
    ])("recognises the SDK's own token of %o", (resourceClass, kind) => {
        expect(resourceKindOf(tokenOf(resourceClass))).toBe(kind);
    });

    it("recognises every versioned and v2 alias the azure-native SDK lists", () => {
        const cases: [{ prototype: object }, string, string][] = [
            [Account, "@pulumi/azure-native/cognitiveservices/account.js", "cognitiveAccount"],
            [Vault, "@pulumi/azure-native/keyvault/vault.js", "keyVault"],
            [DiagnosticSetting, "@pulumi/azure-native/monitor/diagnosticSetting.js", "diagnosticSetting"],
            [ManagementLockByScope, "@pulumi/azure-native/authorization/managementLockByScope.js", "managementLock"],
        ];
        for (const [resourceClass, file, kind] of cases) {
            const aliases = aliasesOf(resourceClass, file);
            expect(aliases.length).toBeGreaterThan(1);
            expect(aliases.filter((alias) => resourceKindOf(alias) !== kind)).toEqual([]);
        }
        expect(aliasesOf(DiagnosticSetting, "@pulumi/azure-native/monitor/diagnosticSetting.js")).toContain("azure-native:insights:DiagnosticSetting");
    });

    it("ignores look-alike tokens", () => {
        for (const type of ["azure-native:cognitiveservices:Deployment", "azure-native:keyvault:Secret", "azure:cognitive/deployment:Deployment", "aws:s3/bucket:Bucket", "Account", "azure-native:cognitiveservices:Account:extra"]) {
            expect(resourceKindOf(type)).toBeUndefined();
        }
    });

    it("splits tokens into provider, module and resource without the API version", () => {
        expect(parseTypeToken("azure-native:cognitiveservices/v20230501:Account")).toEqual({ provider: "azure-native", module: "cognitiveservices", resource: "Account" });
        expect(parseTypeToken("azure:cognitive/account:Account")).toEqual({ provider: "azure", module: "cognitive", resource: "Account" });
    });

    it("reads azure-native local packages (`pulumi package add azure-native <module> <version>`) as azure-native", () => {
        expect(resourceKindOf("azure-native_cognitiveservices_v20250401preview:cognitiveservices:Account")).toBe("cognitiveAccount");
        expect(resourceKindOf("azure-native_keyvault_v20230701:keyvault:Vault")).toBe("keyVault");
        expect(resourceKindOf("azure-native_authorization_v20200501:authorization:ManagementLockByScope")).toBe("managementLock");
        expect(parseTypeToken("azure-native_monitor_v20210501preview:monitor:DiagnosticSetting")).toEqual({ provider: "azure-native", module: "monitor", resource: "DiagnosticSetting" });
        expect(propertyFormOf("azure-native_resources_v20240301:resources:Resource")).toBe("generic");
        expect(packageOf("azure-native_cognitiveservices_v20250401preview:cognitiveservices:Account")).toBe("azure-native");
        expect(providerPackageOf("pulumi:providers:azure-native_cognitiveservices_v20250401preview")).toBe("azure-native");
        // Look-alikes stay other packages.
        expect(resourceKindOf("azure-nativex:cognitiveservices:Account")).toBeUndefined();
        expect(packageOf("azure-native_cognitiveservices:cognitiveservices:Account")).toBe("azure-native_cognitiveservices");
    });

    it("tells Azure types (any azure-native form, classic) from other packages' and providers", () => {
        expect(["azure-native:resources:ResourceGroup", "azure:core/resourceGroup:ResourceGroup", "azure-native_keyvault_v20230701:keyvault:Vault"].map(isAzureType)).toEqual([true, true, true]);
        expect(["acme:index:VisionPair", "azure-custom-vision:index:CustomVision", "pulumi:pulumi:Stack"].map(isAzureType)).toEqual([false, false, false]);
        expect(providerPackageOf("azure-native:resources:ResourceGroup")).toBeUndefined();
    });

    it("tells which property names a token's inputs use", () => {
        expect(propertyFormOf("azure-native:cognitiveservices/v20230501:Account")).toBe("native");
        expect(propertyFormOf(tokenOf(ClassicAccount))).toBe("classic");
        expect(propertyFormOf("azure-native:resources:Resource")).toBe("generic");
        expect(propertyFormOf("azure-native:resources/v20240301:Resource")).toBe("generic");
    });
});

describe("generic azure-native resources", () => {
    const generic = (props: Record<string, unknown>) => ({ type: "azure-native:resources:Resource", urn: "urn", name: "n", props: unknownCheckingProxy(props) });

    it("are accounts or vaults by the ARM type their inputs name, in any case", () => {
        expect(kindOf(generic({ resourceProviderNamespace: "Microsoft.CognitiveServices", resourceType: "accounts" }))).toBe("cognitiveAccount");
        expect(kindOf(generic({ resourceProviderNamespace: "microsoft.keyvault", resourceType: "Vaults" }))).toBe("keyVault");
    });

    it("are none of the pack's kinds for other ARM types or a type not known yet", () => {
        expect(kindOf(generic({ resourceProviderNamespace: "Microsoft.CognitiveServices", resourceType: "accounts/deployments" }))).toBeUndefined();
        expect(kindOf(generic({ resourceProviderNamespace: "Microsoft.Storage", resourceType: "storageAccounts", kind: "CustomVision.Training" }))).toBeUndefined();
        expect(kindOf(generic({ resourceProviderNamespace: SENTINEL, resourceType: "accounts" }))).toBeUndefined();
    });

    it("are accounts or vaults by their `type` output once created", () => {
        expect(kindOf(generic({ type: "Microsoft.KeyVault/vaults", kind: "x" }))).toBe("keyVault");
        expect(kindOf(generic({ type: "Microsoft.Storage/storageAccounts", kind: "CustomVision.Training" }))).toBeUndefined();
    });

    it("at preview, with no ARM type shown, are Cognitive Services accounts only by a Custom Vision kind", () => {
        expect(kindOf(generic({ type: SENTINEL, kind: "customvision.prediction" }))).toBe("cognitiveAccount");
        expect(kindOf(generic({ type: SENTINEL, kind: "OpenAI" }))).toBeUndefined();
        expect(kindOf(generic({ type: SENTINEL, kind: SENTINEL }))).toBeUndefined();
    });
});
