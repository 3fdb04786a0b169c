import { describe, expect, it } from "vitest";
import { compliantDeployment, StackBuilder, TOKEN_FORMS, UNKNOWN, set, violationsOf } from "./harness";

const RULE = "custom-vision-region-match";

describe.each(TOKEN_FORMS)("custom-vision-region-match (%s tokens)", (form) => {
    it("accepts Training and Prediction accounts in one region", () => {
        expect(violationsOf(RULE, compliantDeployment({ form }).resources)).toEqual([]);
    });

    it("rejects a Prediction account in another region than its Training account, naming both and the fix", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.prediction, "location", "westeurope");
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0].enforcementLevel).toBe("mandatory");
        expect(violations[0].urn).toBe(deployment.prediction.urn);
        expect(violations[0].message).toContain(`Prediction account '${deployment.prediction.name}' (${deployment.prediction.type}) is in westeurope`);
        expect(violations[0].message).toContain(`Training account '${deployment.training.name}' (${deployment.training.type})`);
        expect(violations[0].message).toContain("is in eastus");
        expect(violations[0].message).toContain("Put the Training and Prediction accounts in one region");
    });

    it("compares locations normalised: East US, eastus and EastUS are one region", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.training, "location", "East US");
        set(deployment.prediction, "location", "EastUS");
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("skips an account whose location is unknown during preview without hiding a known mismatch elsewhere", () => {
        const builder = new StackBuilder("dev");
        const unknown = compliantDeployment({ form, builder, name: "a", component: true, preview: true });
        set(unknown.prediction, "location", UNKNOWN);
        const mismatched = compliantDeployment({ form: form === "classic" ? "v3" : form, builder, name: "b", component: true });
        set(mismatched.prediction, "location", "northeurope");
        const violations = violationsOf(RULE, builder.resources);
        expect(violations.map((v) => v.urn)).toEqual([mismatched.prediction.urn]);
        expect(violations.every((v) => !v.message.includes("can't run"))).toBe(true);
    });
});

describe("custom-vision-region-match pairing groups", () => {
    it("treats accounts under different components as separate groups", () => {
        const builder = new StackBuilder("dev");
        compliantDeployment({ builder, name: "east" });
        const west = compliantDeployment({ builder, name: "west" });
        set(west.training, "location", "westeurope");
        set(west.prediction, "location", "westeurope");
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });

    it("puts accounts without a component parent into one group per stack", () => {
        const builder = new StackBuilder("dev");
        compliantDeployment({ builder, name: "a", component: false });
        const b = compliantDeployment({ builder, name: "b", component: false });
        set(b.training, "location", "westeurope");
        set(b.prediction, "location", "westeurope");
        const violations = violationsOf(RULE, builder.resources);
        expect(violations.map((v) => v.urn)).toEqual([b.training.urn, b.prediction.urn]);
        expect(violations[0].message).toContain("the accounts without a parent component");
    });

    it("takes the region most Training accounts of a group share as the group's region", () => {
        const builder = new StackBuilder("dev");
        const a = compliantDeployment({ builder, name: "a", component: false });
        set(a.training, "location", "westeurope");
        compliantDeployment({ builder, name: "b", component: false });
        compliantDeployment({ builder, name: "c", component: false });
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn)).toEqual([a.training.urn]);
    });

    it("ignores Cognitive Services accounts of other kinds", () => {
        const deployment = compliantDeployment();
        deployment.builder.add("azure-native:cognitiveservices:Account", "vision-ocr", {
            kind: "ComputerVision", location: "westeurope", sku: { name: "S1" },
        }, { parent: deployment.component });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("follows the configured level and can be disabled", () => {
        const deployment = compliantDeployment();
        set(deployment.prediction, "location", "westeurope");
        expect(violationsOf(RULE, deployment.resources, { config: { [RULE]: "advisory" } })[0].enforcementLevel).toBe("advisory");
        expect(violationsOf(RULE, deployment.resources, { config: { [RULE]: "disabled" } })).toEqual([]);
    });
});
