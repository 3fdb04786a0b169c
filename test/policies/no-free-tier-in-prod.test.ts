import { describe, expect, it } from "vitest";
import { compliantDeployment, field, StackBuilder, TOKEN_FORMS, UNKNOWN, set, violationsOf } from "./harness";

const RULE = "custom-vision-no-free-tier-in-prod";

function freeTraining(stackName: string, form: (typeof TOKEN_FORMS)[number] = "v3") {
    const deployment = compliantDeployment({ form, stackName });
    set(deployment.training, field(form, "sku"), "F0");
    return deployment;
}

describe.each(TOKEN_FORMS)("custom-vision-no-free-tier-in-prod (%s tokens)", (form) => {
    it("accepts S0 accounts in production", () => {
        expect(violationsOf(RULE, compliantDeployment({ form, stackName: "prod" }).resources)).toEqual([]);
    });

    it("rejects an F0 account in a production stack, naming it and the fix", () => {
        const deployment = freeTraining("prod", form);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({ enforcementLevel: "mandatory", urn: deployment.training.urn });
        expect(violations[0].message).toContain(`Training account '${deployment.training.name}' (${deployment.training.type})`);
        expect(violations[0].message).toContain("Set its SKU to S0");
    });

    it("accepts F0 outside production", () => {
        expect(violationsOf(RULE, freeTraining("dev", form).resources)).toEqual([]);
    });

    it("skips an account whose SKU is unknown and still reports a known F0 one", () => {
        const deployment = compliantDeployment({ form, stackName: "prod", preview: true });
        set(deployment.training, field(form, "sku"), UNKNOWN);
        set(deployment.prediction, field(form, "sku"), "f0");
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.prediction.urn]);
        expect(violations[0].message).not.toContain("can't run");
    });
});

describe("production detection", () => {
    it.each(["prod", "production", "prod-eastus", "prod_weu", "prod.2", "PROD", "production-blue"])("treats stack %s as production by name", (stackName) => {
        expect(violationsOf(RULE, freeTraining(stackName).resources)).toHaveLength(1);
    });

    it.each(["product-demo", "preprod", "prodx", "my-prod", "dev", "productionish", "staging"])("does not treat look-alike stack %s as production", (stackName) => {
        expect(violationsOf(RULE, freeTraining(stackName).resources)).toEqual([]);
    });

    it.each(["prod", "production", "Production"])("treats the stack tag environment=%s as production", (value) => {
        expect(violationsOf(RULE, freeTraining("team-a").resources, { stackTags: { environment: value } })).toHaveLength(1);
    });

    it("does not treat other tag values or other tag keys as production", () => {
        const resources = freeTraining("team-a").resources;
        expect(violationsOf(RULE, resources, { stackTags: { environment: "staging" } })).toEqual([]);
        expect(violationsOf(RULE, resources, { stackTags: { env: "prod" } })).toEqual([]);
    });

    it("uses the configured tag key, values and name pattern instead of the defaults", () => {
        const config = { [RULE]: { productionTagKey: "tier", productionTagValues: ["live"], productionStackNamePattern: "^live(-.*)?$" } };
        expect(violationsOf(RULE, freeTraining("live-eu").resources, { config })).toHaveLength(1);
        expect(violationsOf(RULE, freeTraining("team-a").resources, { config, stackTags: { tier: "LIVE" } })).toHaveLength(1);
        expect(violationsOf(RULE, freeTraining("prod").resources, { config })).toEqual([]);
        expect(violationsOf(RULE, freeTraining("team-a").resources, { config, stackTags: { environment: "prod" } })).toEqual([]);
    });

    it("ignores F0 on Cognitive Services kinds other than Custom Vision", () => {
        const builder = new StackBuilder("prod");
        builder.add("azure-native:cognitiveservices:Account", "ocr", { kind: "ComputerVision", sku: { name: "F0" }, location: "eastus" });
        builder.add("azure:cognitive/account:Account", "speech", { kind: "SpeechServices", skuName: "F0", location: "eastus" });
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });
});
