import { describe, expect, it } from "vitest";
import { compliantDeployment, placeIn, RESOURCE_GROUP, StackBuilder, TOKEN_FORMS, set, setUnknown, violationsOf } from "./harness";

const RULE = "custom-vision-paired-accounts";

describe.each(TOKEN_FORMS)("custom-vision-paired-accounts (%s tokens)", (form) => {
    it("accepts a group with a Training and a Prediction account", () => {
        expect(violationsOf(RULE, compliantDeployment({ form }).resources)).toEqual([]);
    });

    it("warns about a group without a Prediction account, naming the present account and the fix", () => {
        const deployment = compliantDeployment({ form });
        deployment.builder.remove(deployment.prediction);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({ enforcementLevel: "advisory", urn: deployment.training.urn });
        expect(violations[0].message).toContain("No Prediction account");
        expect(violations[0].message).toContain(`'${deployment.training.name}' (${deployment.training.type})`);
        expect(violations[0].message).toContain("Add a CustomVision.Prediction account");
    });

    it("warns about a group without a Training account", () => {
        const deployment = compliantDeployment({ form });
        deployment.builder.remove(deployment.training);
        expect(violationsOf(RULE, deployment.resources)[0].message).toContain("No Training account");
    });

    it("does not judge a group holding an account whose kind is unknown", () => {
        const deployment = compliantDeployment({ form, preview: true });
        setUnknown(deployment.prediction, "kind", deployment.workspace);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("leaves a group undecided when an account's kind is not known at preview (it may be the missing half)", () => {
        const deployment = compliantDeployment({ form, preview: true });
        set(deployment.prediction, "kind", undefined);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });
});

describe("custom-vision-paired-accounts groups", () => {
    it("judges each group separately and keeps reporting past a group with unknowns", () => {
        const builder = new StackBuilder("dev");
        compliantDeployment({ builder, name: "a" });
        const unknown = compliantDeployment({ builder, name: "b", preview: true });
        setUnknown(unknown.training, "kind", unknown.workspace);
        placeIn(builder.resourceGroup("rg-b"), [unknown.training], true);
        builder.remove(unknown.prediction);
        const lonely = compliantDeployment({ builder, name: "c", component: false });
        builder.remove(lonely.training);
        const violations = violationsOf(RULE, builder.resources);
        expect(violations.map((v) => v.urn)).toEqual([lonely.prediction.urn]);
        expect(violations[0].message).toContain(`No Training account in resource group '${lonely.resourceGroup.name}'`);
    });

    it("does not judge a group an account of unknown kind could complete, through a component it shares", () => {
        const builder = new StackBuilder("dev");
        const deployment = compliantDeployment({ builder, preview: true });
        setUnknown(deployment.prediction, "kind", deployment.workspace);
        placeIn(builder.resourceGroup("rg-elsewhere"), [deployment.prediction], true);
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });

    it("does not judge a group missing a kind while an account of that kind has a group not known yet", () => {
        const builder = new StackBuilder("dev");
        const deployment = compliantDeployment({ builder, component: false, preview: true });
        const elsewhere = builder.resourceGroup("rg-elsewhere");
        // Computed from two groups' outputs: either may be its group.
        deployment.prediction.propertyDependencies.resourceGroupName.push(elsewhere.urn);
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
        placeIn(elsewhere, [deployment.prediction], true);
        expect(violationsOf(RULE, builder.resources)).toHaveLength(2);
    });

    it("keeps the message short for a group of many accounts", () => {
        const builder = new StackBuilder("dev");
        for (let i = 0; i < 8; i++) builder.remove(compliantDeployment({ builder, name: `n${i}`, component: false }).prediction);
        const violations = violationsOf(RULE, builder.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0].message).toContain("and 3 more");
    });

    it("pairs accounts without a component within their resource group", () => {
        const builder = new StackBuilder("dev");
        const a = compliantDeployment({ builder, name: "a", component: false });
        builder.remove(a.prediction);
        const b = compliantDeployment({ builder, name: "b", component: false });
        builder.remove(b.training);
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
        placeIn(builder.resourceGroup("rg-other"), [b.prediction]);
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn).sort()).toEqual([a.training.urn, b.prediction.urn].sort());
    });

    it("pairs classic accounts by the resource group name their outputs carry, over the group it was derived from", () => {
        const builder = new StackBuilder("dev");
        const a = compliantDeployment({ builder, name: "a", form: "classic" });
        builder.remove(a.prediction);
        const b = compliantDeployment({ builder, name: "b", form: "classic" });
        builder.remove(b.training);
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
        // `${group.name}-dr`: computed from the same group, but another group.
        set(b.prediction, "resourceGroupName", `${RESOURCE_GROUP}-dr`);
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn).sort()).toEqual([a.training.urn, b.prediction.urn].sort());
    });

    it("pairs accounts by their custom-vision-pair tag across resource groups", () => {
        const builder = new StackBuilder("dev");
        const a = compliantDeployment({ builder, name: "a", component: false });
        builder.remove(a.prediction);
        const b = compliantDeployment({ builder, name: "b", component: false });
        builder.remove(b.training);
        placeIn(builder.resourceGroup("rg-other"), [b.prediction]);
        set(a.training, "tags", { "custom-vision-pair": "vision" });
        set(b.prediction, "tags", { "custom-vision-pair": "vision" });
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });
});
