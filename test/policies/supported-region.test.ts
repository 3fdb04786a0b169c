import { describe, expect, it } from "vitest";
import { CUSTOM_VISION_REGIONS } from "../../components/regions";
import { compliantDeployment, TOKEN_FORMS, UNKNOWN, run, set, violationsOf } from "./harness";

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

    it("skips an unknown or absent location", () => {
        const deployment = compliantDeployment({ form, preview: true });
        set(deployment.training, "location", UNKNOWN);
        set(deployment.prediction, "location", undefined);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
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
