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

    it.each(["product-demo", "preprod", "prodx", "my-prod", "dev", "productionish", "staging", "eu-prod", "live", "prd"])("does not treat stack %s as production by its name", (stackName) => {
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
        expect(violationsOf(RULE, freeTraining("team-a").resources, { config, stackTags: { Tier: "LIVE" } })).toHaveLength(1);
        expect(violationsOf(RULE, freeTraining("prod").resources, { config })).toEqual([]);
        expect(violationsOf(RULE, freeTraining("team-a").resources, { config, stackTags: { environment: "prod" } })).toEqual([]);
    });

    it.each(["eu-prod", "live", "prd", "dev"])("rejects F0 on stack %s when the account itself is tagged environment=prod", (stackName) => {
        const deployment = freeTraining(stackName);
        set(deployment.training, "tags", { "managed-by": "pulumi", environment: "prod" });
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.training.urn]);
        expect(violations[0].message).toContain("uses the free F0 tier in production");
    });

    it("reads the production tag in every form's tags, its name and value in any case", () => {
        for (const form of TOKEN_FORMS) {
            const deployment = freeTraining("live", form);
            set(deployment.training, "tags", { Environment: "PRODUCTION" });
            expect(violationsOf(RULE, deployment.resources), form).toHaveLength(1);
        }
    });

    it("decides per resource: an F0 account tagged for another environment passes beside a production one", () => {
        const builder = new StackBuilder("shared");
        const test = compliantDeployment({ builder, name: "test" });
        const prod = compliantDeployment({ builder, name: "prod" });
        set(test.training, "sku.name", "F0");
        set(prod.prediction, "sku.name", "F0");
        set(test.training, "tags", { environment: "test" });
        set(prod.prediction, "tags", { environment: "prod" });
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn)).toEqual([prod.prediction.urn]);
    });

    it("skips an F0 account whose tags are not known yet, unless the stack says production", () => {
        const deployment = freeTraining("live");
        set(deployment.training, "tags", UNKNOWN);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        expect(violationsOf(RULE, deployment.resources, { stackTags: { environment: "prod" } })).toHaveLength(1);
    });

    it("ignores F0 on Cognitive Services kinds other than Custom Vision", () => {
        const builder = new StackBuilder("prod");
        builder.add("azure-native:cognitiveservices:Account", "ocr", { kind: "ComputerVision", sku: { name: "F0" }, location: "eastus" });
        builder.add("azure:cognitive/account:Account", "speech", { kind: "SpeechServices", skuName: "F0", location: "eastus" });
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });
});
