import { describe, expect, it } from "vitest";
import { CUSTOM_VISION_REGIONS } from "../../components/regions";
import { compliantDeployment, placeIn, TOKEN_FORMS, run, set, setUnknown, UNKNOWN, violationsOf } from "./harness";

const RULE = "custom-vision-supported-region";

describe.each(TOKEN_FORMS)("custom-vision-supported-region (%s tokens)", (form) => {
    it("accepts accounts in a supported region, in any spelling", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.training, "location", "West US 2");
        set(deployment.prediction, "location", "WestUS2");
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("rejects an account where Custom Vision is not offered, naming it and the allowed regions", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.prediction, "location", "Brazil South");
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({ enforcementLevel: "mandatory", urn: deployment.prediction.urn });
        expect(violations[0].message).toContain(`Prediction account '${deployment.prediction.name}' (${deployment.prediction.type}) is in brazilsouth`);
        expect(violations[0].message).toContain("Use one of: australiaeast");
    });

    it("skips an unknown location, and an absent one inherited from nothing the stack shows", () => {
        const deployment = compliantDeployment({ form, preview: true });
        setUnknown(deployment.training, "location", deployment.workspace);
        // In an existing group named by a literal: the stack's own group (in brazilsouth) is not its group.
        set(deployment.resourceGroup, "location", "brazilsouth");
        set(deployment.prediction, "location", undefined);
        set(deployment.prediction, "resourceGroupName", undefined);
        set(deployment.prediction, "resourceGroupName", "rg-existing");
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });
});

describe.each(["v3", "v2", "versioned"] as const)("custom-vision-supported-region, azure-native's default location (%s tokens)", (form) => {
    it("judges the location an account without one takes from its explicit provider", () => {
        const deployment = compliantDeployment({ form });
        const provider = deployment.builder.add("pulumi:providers:azure-native", "brazil", { location: "brazilsouth" });
        set(deployment.prediction, "location", undefined);
        deployment.prediction.provider = `${provider.urn}::id`;
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.prediction.urn]);
        expect(violations[0].message).toContain("is in brazilsouth, where Custom Vision is not offered");
    });

    it("judges the location the default provider takes from the stack config azure-native:location", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.training, "location", undefined);
        set(deployment.prediction, "location", undefined);
        const violations = violationsOf(RULE, deployment.resources, { stackConfig: { "azure-native:location": "brazilsouth" } });
        expect(violations.map((v) => v.urn).sort()).toEqual([deployment.training.urn, deployment.prediction.urn].sort());
    });
});

describe("custom-vision-supported-region inherited regions", () => {
    it("judges the location Check gives an account from its resource group once the group's name is known (at pulumi up)", () => {
        const deployment = compliantDeployment();
        const group = deployment.builder.resourceGroup("rg-brazil", "Brazil South");
        set(deployment.training, "location", undefined);
        placeIn(group, [deployment.training]);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.training.urn]);
        expect(violations[0].message).toContain("is in brazilsouth, where Custom Vision is not offered");
    });

    it("skips it in a first preview, where the new group's name and so the account's location are unknown", () => {
        const deployment = compliantDeployment();
        const group = deployment.builder.resourceGroup("rg-brazil", "Brazil South");
        set(deployment.training, "location", undefined);
        placeIn(group, [deployment.training], true);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("judges an account whose explicit provider's configuration is unknown at preview (its outputs tell a stack policy nothing)", () => {
        const deployment = compliantDeployment();
        const provider = deployment.builder.add("pulumi:providers:azure-native", "vended", { subscriptionId: UNKNOWN, location: "eastus" });
        deployment.training.provider = `${provider.urn}::${UNKNOWN}`;
        set(deployment.training, "location", "brazilsouth");
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.training.urn]);
    });
});

describe("custom-vision-supported-region config", () => {
    it("defaults allowedRegions to the shared region list", () => {
        const config = run(compliantDeployment().resources).config.get(RULE);
        expect(config?.properties.allowedRegions).toEqual([...CUSTOM_VISION_REGIONS]);
    });

    it("uses allowedRegions from the pack config instead of the list", () => {
        const deployment = compliantDeployment();
        set(deployment.prediction, "location", "brazilsouth");
        const config = { [RULE]: { allowedRegions: ["Brazil South"] } };
        const violations = violationsOf(RULE, deployment.resources, { config });
        expect(violations.map((v) => v.urn)).toEqual([deployment.training.urn]);
    });

    it("rejects an invalid allowedRegions config as the CLI does", () => {
        expect(() => run(compliantDeployment().resources, { config: { [RULE]: { allowedRegions: [] } } })).toThrow(/custom-vision-supported-region: allowedRegions/);
        expect(() => run(compliantDeployment().resources, { config: { [RULE]: { allowedRegions: "eastus" } } })).toThrow(/Invalid type/);
    });
});
