import { describe, expect, it } from "vitest";
import { DEFAULTS, describeDefault } from "../../components/defaults";
import { ARGUMENT_NAMES, resolveSettings } from "../../components/settings";
import { declaredArguments } from "./declared-arguments";

describe("the defaults", () => {
    const declared = declaredArguments();

    it("are described for every optional argument and for no required one", () => {
        expect(declared.length).toBeGreaterThan(20);
        for (const argument of declared) {
            expect(describeDefault(argument.name), argument.name).toEqual(argument.optional ? expect.any(String) : undefined);
        }
    });

    it("are only described, never restated, in the arguments' TSDoc", () => {
        const restating = declared.filter((argument) => /\bdefaults?\b/i.test(argument.doc)).map((argument) => argument.name);
        expect(restating).toEqual([]);
    });

    it("are described, never restated, for every setting inside network, by its path", () => {
        const nested = [
            ...declaredArguments("NetworkArgs").map((setting) => ({ ...setting, name: `network.${setting.name}` })),
            ...declaredArguments("PrivateDnsZoneIds").map((setting) => ({ ...setting, name: `network.privateDnsZoneIds.${setting.name}` })),
        ];
        expect(nested.map((setting) => setting.name)).toEqual([
            "network.privateEndpointSubnetId", "network.privateDnsZoneIds", "network.publicNetworkAccess", "network.allowedIpRanges",
            "network.privateDnsZoneIds.cognitiveServices", "network.privateDnsZoneIds.keyVault",
        ]);
        for (const setting of nested) {
            expect(describeDefault(setting.name), setting.name).toEqual(expect.any(String));
            expect(setting.doc, setting.name).not.toMatch(/\bdefaults?\b/i);
        }
        expect(describeDefault("network.publicNetworkAccess")).toBe("`Enabled`");
        expect(describeDefault("network.allowedIpRanges")).toBe("none");
        expect(describeDefault("network.notASetting")).toBeUndefined();
        expect(describeDefault("enablePurgeProtection.inProduction")).toBeUndefined();
    });

    it("read as the reference docs show them", () => {
        expect(describeDefault("trainingSku")).toBe("`S0`");
        expect(describeDefault("logRetentionInDays")).toBe("`30`");
        expect(describeDefault("alertEmails")).toBe("none");
        expect(describeDefault("enablePurgeProtection")).toBe("`true` when `environment` is a production environment (`prod`, `production`), `false` otherwise");
        expect(describeDefault("allowedRegions")).toMatch(/^the built-in Custom Vision region list \(`australiaeast`, .*`westus2`\)$/);
        expect(describeDefault("keyVaultName")).toMatch(/kv-<stack>-<name>-<suffix>/);
        expect(describeDefault("location")).toBeUndefined();
        expect(describeDefault("notAnArgument")).toBeUndefined();
    });

    it("are what the settings apply when an argument is left out", () => {
        const dev = resolveSettings("vision", { resourceGroupName: "rg", location: "eastus" }, "dev");
        expect(dev).toMatchObject({
            environment: DEFAULTS.environment,
            trainingSku: DEFAULTS.trainingSku,
            predictionSku: DEFAULTS.predictionSku,
            logRetentionInDays: DEFAULTS.logRetentionInDays,
            softDeleteRetentionInDays: DEFAULTS.softDeleteRetentionInDays,
            activeKey: DEFAULTS.activeKey,
            keyRotation: DEFAULTS.keyRotation,
            restoreSoftDeleted: DEFAULTS.restoreSoftDeleted,
            enablePurgeProtection: DEFAULTS.enablePurgeProtection.otherwise,
            lockTrainingAccount: DEFAULTS.lockTrainingAccount.otherwise,
            alertEmails: [],
            secretReaders: [],
        });
        const prod = resolveSettings("vision", { resourceGroupName: "rg", location: "eastus", environment: "Production" }, "prod");
        expect([prod.enablePurgeProtection, prod.lockTrainingAccount]).toEqual([DEFAULTS.enablePurgeProtection.inProduction, DEFAULTS.lockTrainingAccount.inProduction]);
    });
});

describe("the argument names the component knows", () => {
    it("are exactly the arguments declared in CustomVisionArgs, which the schema is built from: a misspelt one is refused, none is forgotten", () => {
        expect([...ARGUMENT_NAMES].sort()).toEqual(declaredArguments().map((argument) => argument.name).sort());
    });
});
