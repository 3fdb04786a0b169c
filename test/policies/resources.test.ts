import { Account } from "@pulumi/azure-native/cognitiveservices";
import { Vault } from "@pulumi/azure-native/keyvault";
import { DiagnosticSetting } from "@pulumi/azure-native/monitor";
import { ManagementLockAtResourceGroupLevel, ManagementLockAtResourceLevel, ManagementLockAtSubscriptionLevel, ManagementLockByScope } from "@pulumi/azure-native/authorization";
import { Workspace } from "@pulumi/azure-native/operationalinsights";
import { Account as ClassicAccount } from "@pulumi/azure/cognitive";
import { KeyVault as ClassicKeyVault } from "@pulumi/azure/keyvault";
import { DiagnosticSetting as ClassicDiagnosticSetting } from "@pulumi/azure/monitoring";
import { Lock as ClassicLock } from "@pulumi/azure/management";
import { AnalyticsWorkspace as ClassicWorkspace } from "@pulumi/azure/operationalinsights";
import * as fs from "fs";
import { describe, expect, it } from "vitest";
import {
    armIdKey,
    customVisionAccountOf,
    DEFAULT_PRODUCTION_CONFIG,
    isProductionStack,
    parseTypeToken,
    read,
    resourceKindOf,
    stackNameFromUrn,
    typeFromUrn,
    UNKNOWN,
} from "../../policies/rules/resources";
import { unknownCheckingProxy } from "../../tools/policy-engine";
import { UNKNOWN as SENTINEL } from "./harness";

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
        [Workspace, "logAnalyticsWorkspace"], [ClassicWorkspace, "logAnalyticsWorkspace"],
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
});

describe("Custom Vision accounts", () => {
    const view = (type: string, props: Record<string, unknown>) => customVisionAccountOf({ type, urn: "urn", name: "n", props: unknownCheckingProxy(props) });

    it("reads kind, SKU, location and key auth in each form's own property names", () => {
        expect(view("azure-native:cognitiveservices:Account", { kind: "customvision.prediction", sku: { name: "F0" }, location: "East US", properties: { disableLocalAuth: true } }))
            .toMatchObject({ kind: "CustomVision.Prediction", sku: "F0", location: "East US", keyAuthDisabled: true });
        expect(view("azure:cognitive/account:Account", { kind: "CustomVision.Training", skuName: "S0", location: "eastus", localAuthEnabled: false }))
            .toMatchObject({ kind: "CustomVision.Training", sku: "S0", location: "eastus", keyAuthDisabled: true });
    });

    it("is undefined for other kinds and for a kind not known yet", () => {
        expect(view("azure-native:cognitiveservices:Account", { kind: "FormRecognizer" })).toBeUndefined();
        expect(view("azure-native:cognitiveservices:Account", { kind: SENTINEL })).toBeUndefined();
    });

    it("reads unknown values as UNKNOWN, including a whole unknown parent object", () => {
        expect(view("azure-native:cognitiveservices:Account", { kind: "CustomVision.Training", sku: SENTINEL, location: SENTINEL, properties: SENTINEL }))
            .toMatchObject({ sku: UNKNOWN, location: UNKNOWN, keyAuthDisabled: UNKNOWN });
    });

    it("lets errors other than unknown values propagate", () => {
        expect(() => read(() => { throw new RangeError("bug"); })).toThrow(RangeError);
    });
});

describe("production stacks", () => {
    const urn = (stack: string) => `urn:pulumi:${stack}::vision::pulumi:pulumi:Stack::vision-${stack}`;
    const noTags: ReadonlyMap<string, string> = new Map();

    it("reads the stack name from a URN", () => {
        expect(stackNameFromUrn(urn("prod-eastus"))).toBe("prod-eastus");
        expect(typeFromUrn("urn:pulumi:dev::p::a:b:C$azure-native:keyvault:Vault::kv")).toBe("azure-native:keyvault:Vault");
    });

    it.each(["prod", "production", "prod-eastus", "prod_1", "prod.weu", "Prod"])("%s is production", (stack) => {
        expect(isProductionStack(noTags, urn(stack), {})).toBe(true);
    });

    it.each(["product-demo", "preprod", "prods", "productions", "dev-prod", "staging"])("%s is not production", (stack) => {
        expect(isProductionStack(noTags, urn(stack), {})).toBe(false);
    });

    it("accepts the tag alone, case-insensitively, and honours configured keys", () => {
        expect(isProductionStack(new Map([["environment", "PRODUCTION"]]), urn("team-a"), {})).toBe(true);
        expect(isProductionStack(new Map([["stage", "live"]]), urn("team-a"), { productionTagKey: "stage", productionTagValues: ["live"] })).toBe(true);
        expect(isProductionStack(noTags, undefined, DEFAULT_PRODUCTION_CONFIG)).toBe(false);
    });
});

describe("resource ids", () => {
    it("keys an ARM id by resource group, type and name, case-insensitively", () => {
        expect(armIdKey("/subscriptions/S/resourceGroups/RG/providers/Microsoft.CognitiveServices/accounts/Acct"))
            .toBe("rg/microsoft.cognitiveservices/accounts/acct");
        expect(armIdKey("/subscriptions/S/resourceGroups/RG")).toBeUndefined();
    });
});
