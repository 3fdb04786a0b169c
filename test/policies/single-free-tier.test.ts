import { describe, expect, it } from "vitest";
import { compliantDeployment, field, StackBuilder, TOKEN_FORMS, UNKNOWN, set, violationsOf } from "./harness";

const RULE = "custom-vision-single-free-tier";

describe.each(TOKEN_FORMS)("custom-vision-single-free-tier (%s tokens)", (form) => {
    it("accepts one F0 Training and one F0 Prediction account", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.training, field(form, "sku"), "F0");
        set(deployment.prediction, field(form, "sku"), "F0");
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("warns about each F0 account beyond the first of its kind, naming both", () => {
        const builder = new StackBuilder("dev");
        const a = compliantDeployment({ form, builder, name: "a" });
        const b = compliantDeployment({ form, builder, name: "b" });
        set(a.training, field(form, "sku"), "F0");
        set(b.training, field(form, "sku"), "F0");
        const violations = violationsOf(RULE, builder.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({ enforcementLevel: "advisory", urn: b.training.urn });
        expect(violations[0].message).toContain(`'${a.training.name}' (${a.training.type})`);
        expect(violations[0].message).toContain(`'${b.training.name}' (${b.training.type})`);
        expect(violations[0].message).toContain("Set it to S0");
    });

    it("reports every extra F0 account, not one per stack", () => {
        const builder = new StackBuilder("dev");
        const deployments = ["a", "b", "c"].map((name) => compliantDeployment({ form, builder, name }));
        deployments.forEach((d) => set(d.prediction, field(form, "sku"), "F0"));
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn)).toEqual([deployments[1].prediction.urn, deployments[2].prediction.urn]);
    });

    it("does not count an account whose SKU is unknown", () => {
        const builder = new StackBuilder("dev");
        const a = compliantDeployment({ form, builder, name: "a" });
        const b = compliantDeployment({ form, builder, name: "b", preview: true });
        set(a.prediction, field(form, "sku"), "F0");
        set(b.prediction, field(form, "sku"), UNKNOWN);
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });
});
