import type { AccountArgs } from "@pulumi/azure-native/cognitiveservices";
import type { VaultArgs } from "@pulumi/azure-native/keyvault";
import type { AccountArgs as ClassicAccountArgs } from "@pulumi/azure/cognitive";
import type { KeyVaultArgs as ClassicKeyVaultArgs } from "@pulumi/azure/keyvault";
import { describe, expect, it } from "vitest";
import { compliantDeployment, field, TOKEN_FORMS, TokenForm, UNKNOWN, set, StackBuilder, violationsOf } from "./harness";

const RULE = "custom-vision-public-network-in-prod";

/** Public access as each form spells it: azure-native and generic `properties.publicNetworkAccess`, classic `publicNetworkAccessEnabled`. */
function setPublicAccess(resource: Parameters<typeof set>[0], form: TokenForm, enabled: boolean | undefined): void {
    if (form === "classic") set(resource, "publicNetworkAccessEnabled", enabled);
    else set(resource, "properties.publicNetworkAccess", enabled === undefined ? undefined : enabled ? "Enabled" : "Disabled");
}

describe.each(TOKEN_FORMS)("custom-vision-public-network-in-prod (%s tokens)", (form) => {
    it("accepts accounts and a vault whose network ACLs deny by default in production", () => {
        expect(violationsOf(RULE, compliantDeployment({ form, stackName: "prod" }).resources)).toEqual([]);
    });

    it("warns about an account and a vault open to every network by Azure's defaults, naming them and the fix", () => {
        const deployment = compliantDeployment({ form, stackName: "prod" });
        for (const resource of [deployment.training, deployment.vault]) set(resource, field(form, "networkAclsDefaultAction"), undefined);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.training.urn, deployment.vault.urn]);
        expect(violations[0]).toMatchObject({ enforcementLevel: "advisory" });
        expect(violations[0].message).toContain(`Training account '${deployment.training.name}' (${deployment.training.type}) accepts traffic from every network in production`);
        expect(violations[1].message).toContain(`Key Vault '${deployment.vault.name}' (${deployment.vault.type})`);
        expect(violations[1].message).toContain("Disable public network access or set networkAcls.defaultAction to Deny");
    });

    it("warns about network ACLs that allow by default with public access explicitly enabled", () => {
        const deployment = compliantDeployment({ form, stackName: "prod" });
        set(deployment.prediction, field(form, "networkAclsDefaultAction"), "Allow");
        setPublicAccess(deployment.prediction, form, true);
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.prediction.urn]);
    });

    it("accepts public network access disabled without any ACL", () => {
        const deployment = compliantDeployment({ form, stackName: "prod" });
        for (const resource of [deployment.training, deployment.prediction, deployment.vault]) {
            set(resource, field(form, "networkAclsDefaultAction"), undefined);
            setPublicAccess(resource, form, false);
        }
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("skips a resource whose access is not known yet and still reports a known open one", () => {
        const deployment = compliantDeployment({ form, stackName: "prod", preview: true });
        set(deployment.training, field(form, "networkAclsDefaultAction"), UNKNOWN);
        set(deployment.vault, field(form, "networkAclsDefaultAction"), undefined);
        setPublicAccess(deployment.vault, form, true);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.vault.urn]);
        expect(violations[0].message).not.toContain("can't run");
    });

    it("accepts open resources outside production", () => {
        const deployment = compliantDeployment({ form, stackName: "dev" });
        for (const resource of [deployment.training, deployment.vault]) set(resource, field(form, "networkAclsDefaultAction"), undefined);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });
});

describe("custom-vision-public-network-in-prod property names", () => {
    // Type-checked against the installed SDKs: a misspelt property would not compile.
    const nativeAccount = { properties: { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow", ipRules: [{ value: "203.0.113.0/24" }] } } } satisfies Partial<AccountArgs>;
    const nativeVault = { properties: { tenantId: "t", sku: { family: "A", name: "standard" }, publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices" } } } satisfies Partial<VaultArgs>;
    const classicAccount = { publicNetworkAccessEnabled: true, networkAcls: { defaultAction: "Allow" } } satisfies Partial<ClassicAccountArgs>;
    const classicVault = { publicNetworkAccessEnabled: true, networkAcls: { defaultAction: "Deny", bypass: "AzureServices" } } satisfies Partial<ClassicKeyVaultArgs>;

    it("reads the SDKs' own property names: an allowing ACL is reported, a denying one is not", () => {
        for (const form of ["v3", "classic"] as const) {
            const deployment = compliantDeployment({ form, stackName: "prod" });
            const [account, vault] = form === "classic" ? [classicAccount, classicVault] : [nativeAccount, nativeVault];
            Object.assign(deployment.training.inputs, structuredClone(account));
            Object.assign(deployment.vault.inputs, structuredClone(vault));
            expect(violationsOf(RULE, deployment.resources).map((v) => v.urn), form).toEqual([deployment.training.urn]);
        }
    });
});

describe("custom-vision-public-network-in-prod scope", () => {
    it("finds production from the resource's own tags and can be raised to mandatory", () => {
        const deployment = compliantDeployment({ stackName: "live" });
        set(deployment.vault, "properties.networkAcls", undefined);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        set(deployment.vault, "tags", { environment: "prod" });
        const violations = violationsOf(RULE, deployment.resources, { config: { [RULE]: "mandatory" } });
        expect(violations.map((v) => [v.urn, v.enforcementLevel])).toEqual([[deployment.vault.urn, "mandatory"]]);
    });

    it("checks a generic resource naming Microsoft.KeyVault/vaults, and ignores other Cognitive Services kinds", () => {
        const builder = new StackBuilder("prod");
        const vault = builder.add("azure-native:resources:Resource", "generic-vault", {
            resourceProviderNamespace: "Microsoft.KeyVault", resourceType: "vaults", parentResourcePath: "", apiVersion: "2024-11-01",
            resourceName: "kv-generic", resourceGroupName: "rg", properties: { publicNetworkAccess: "enabled" },
        });
        builder.add("azure-native:cognitiveservices:Account", "openai", { kind: "OpenAI", sku: { name: "S0" }, properties: {} });
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn)).toEqual([vault.urn]);
    });
});
