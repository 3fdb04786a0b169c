// Over 300 lines on purpose: the rule holds the pack's region inheritance and pairing groups, each case stated here once.
import { describe, expect, it } from "vitest";
import { COMPONENT_TYPE, compliantDeployment, existing, placeIn, RESOURCE_GROUP, RESOURCE_GROUP_TOKENS, StackBuilder, TOKEN_FORMS, UNKNOWN, set, setUnknown, violationsOf } from "./harness";

const RULE = "custom-vision-region-match";
const NATIVE_PROVIDER = "pulumi:providers:azure-native";

describe.each(TOKEN_FORMS)("custom-vision-region-match (%s tokens)", (form) => {
    it("accepts Training and Prediction accounts in one region", () => {
        expect(violationsOf(RULE, compliantDeployment({ form }).resources)).toEqual([]);
    });

    it("rejects a Prediction account in another region than its Training account, naming both, the group and the fix", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.prediction, "location", "westeurope");
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0].enforcementLevel).toBe("mandatory");
        expect(violations[0].urn).toBe(deployment.prediction.urn);
        expect(violations[0].message).toContain(`Prediction account '${deployment.prediction.name}' (${deployment.prediction.type}) is in westeurope`);
        expect(violations[0].message).toContain(`Training account '${deployment.training.name}' (${deployment.training.type})`);
        expect(violations[0].message).toContain("is in eastus");
        expect(violations[0].message).toContain(deployment.component ? `component '${deployment.component.name}'` : `resource group '${RESOURCE_GROUP}'`);
        expect(violations[0].message).toContain("Put the Training and Prediction accounts of a pair in one region");
        expect(violations[0].message).toContain("`custom-vision-pair` tag");
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
        setUnknown(unknown.prediction, "location", unknown.resourceGroup);
        const mismatched = compliantDeployment({ form: form === "classic" ? "v3" : form, builder, name: "b", component: true });
        set(mismatched.prediction, "location", "northeurope");
        const violations = violationsOf(RULE, builder.resources);
        expect(violations.map((v) => v.urn)).toEqual([mismatched.prediction.urn]);
        expect(violations.every((v) => !v.message.includes("can't run"))).toBe(true);
    });

});

describe.each(["v3", "v2", "versioned"] as const)("custom-vision-region-match, azure-native's default location (%s tokens)", (form) => {
    it("sees the region azure-native's Check gives an account without location from its explicit provider", () => {
        const deployment = compliantDeployment({ form });
        const provider = deployment.builder.add(NATIVE_PROVIDER, "westeu", { location: "westeurope" });
        deployment.prediction.provider = `${provider.urn}::westeu-id`;
        set(deployment.prediction, "location", undefined);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.prediction.urn]);
        expect(violations[0].message).toContain(`Prediction account '${deployment.prediction.name}' (${deployment.prediction.type}) is in westeurope`);
    });

    it("sees the region the default provider takes from the stack config azure-native:location, before the resource group's", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.prediction, "location", undefined);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        const violations = violationsOf(RULE, deployment.resources, { stackConfig: { "azure-native:location": "westeurope" } });
        expect(violations.map((v) => v.urn)).toEqual([deployment.prediction.urn]);
        expect(violations[0].message).toContain("is in westeurope");
    });
});

describe("custom-vision-region-match inherited regions", () => {
    function withoutLocations() {
        const deployment = compliantDeployment({ component: false });
        set(deployment.training, "location", undefined);
        set(deployment.prediction, "location", undefined);
        return deployment;
    }

    it("keeps an account's own location over its provider's", () => {
        const deployment = compliantDeployment();
        const provider = deployment.builder.add(NATIVE_PROVIDER, "westeu", { location: "westeurope" });
        deployment.prediction.provider = `${provider.urn}::id`;
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("does not take the provider's location for an account whose own location the program gave as unknown (Check keeps it)", () => {
        const deployment = compliantDeployment();
        const provider = deployment.builder.add(NATIVE_PROVIDER, "westeu", { location: "westeurope" });
        deployment.prediction.provider = `${provider.urn}::id`;
        // An invoke's result at preview: unknown, and computed from no resource.
        set(deployment.prediction, "location", UNKNOWN);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("takes the location of the stack's resource group the account depends on, while the group's name is unknown", () => {
        const deployment = withoutLocations();
        const { builder } = deployment;
        const east = builder.resourceGroup("rg-east", "eastus");
        const west = builder.resourceGroup("rg-west", "westeurope");
        placeIn(east, [deployment.training], true);
        placeIn(west, [deployment.prediction], true);
        // Two resource groups: two pairing groups, each with one account, so nothing to compare.
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        set(deployment.prediction, "tags", { "custom-vision-pair": "main" });
        set(deployment.training, "tags", { "Custom-Vision-Pair": "main" });
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.prediction.urn]);
        // At preview an azure-native group's `name` output is unknown: the message names its resource.
        expect(violations[0].message).toContain(`is in westeurope (from its resource group '${west.name}')`);
        expect(violations[0].message).toContain(`is in eastus (from its resource group '${east.name}')`);
        expect(violations[0].message).toContain("pairing group 'main'");
    });

    it("finds a classic resource group by the name the account's outputs carry, case-insensitively", () => {
        const deployment = compliantDeployment({ form: "classic" });
        set(deployment.prediction, "location", undefined);
        set(deployment.prediction, "resourceGroupName", "RG-West");
        delete deployment.prediction.propertyDependencies.resourceGroupName;
        deployment.builder.add(RESOURCE_GROUP_TOKENS.classic, "west", { name: "rg-west", location: "West Europe" });
        for (const account of [deployment.training, deployment.prediction]) set(account, "tags", { "custom-vision-pair": "main" });
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.prediction.urn]);
        expect(violations[0].message).toContain("is in westeurope (from its resource group 'rg-west')");
    });

    it("finds the resource group of an existing account from its known id", () => {
        const deployment = withoutLocations();
        const west = deployment.builder.resourceGroup("rg-west", "westeurope");
        set(deployment.training, "location", "eastus");
        set(deployment.prediction, "tags", { "custom-vision-pair": "main" });
        set(deployment.training, "tags", { "custom-vision-pair": "main" });
        existing(west, { id: "/subscriptions/s/resourceGroups/rg-west", name: "rg-west", location: "westeurope" });
        existing(deployment.prediction, {
            id: "/subscriptions/s/resourceGroups/rg-west/providers/Microsoft.CognitiveServices/accounts/p", name: "p", kind: "CustomVision.Prediction", tags: { "custom-vision-pair": "main" },
        });
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([deployment.prediction.urn]);
        expect(violations[0].message).toContain("is in westeurope (from its resource group 'rg-west')");
    });

    it("leaves out an account whose region comes from nothing the stack shows", () => {
        const deployment = withoutLocations();
        delete deployment.resourceGroup.inputs.location;
        set(deployment.training, "location", "eastus");
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        const provider = deployment.builder.add(NATIVE_PROVIDER, "unknown", { location: UNKNOWN });
        deployment.prediction.provider = `${provider.urn}::id`;
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
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

    it("groups accounts without a component by the resource group their `resourceGroupName` was computed from, naming it", () => {
        const builder = new StackBuilder("dev");
        const a = compliantDeployment({ builder, name: "a", component: false });
        const b = compliantDeployment({ builder, name: "b", component: false });
        set(b.training, "location", "westeurope");
        set(b.prediction, "location", "westeurope");
        const violations = violationsOf(RULE, builder.resources);
        expect(violations.map((v) => v.urn).sort()).toEqual([b.training.urn, b.prediction.urn].sort());
        expect(violations[0].message).toContain(`resource group '${a.resourceGroup.name}'`);
    });

    it("accepts a disaster-recovery stack with one pair per resource group in two regions", () => {
        const builder = new StackBuilder("prod");
        compliantDeployment({ builder, name: "primary", component: false });
        const secondary = compliantDeployment({ builder, name: "secondary", component: false });
        for (const account of [secondary.training, secondary.prediction]) set(account, "location", "westeurope");
        placeIn(builder.resourceGroup("rg-vision-dr", "westeurope"), [secondary.training, secondary.prediction]);
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });

    it("cannot tell at preview an azure-native group name derived from another group's name: the pair tag tells", () => {
        const builder = new StackBuilder("prod");
        const primary = compliantDeployment({ builder, name: "primary", component: false, preview: true });
        const secondary = compliantDeployment({ builder, name: "secondary", component: false, preview: true });
        // `resourceGroupName: interpolate\`${group.name}-dr\``: depends on the primary's group, its value unknown at preview.
        for (const account of [secondary.training, secondary.prediction]) set(account, "location", "westeurope");
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn).sort()).toEqual([secondary.training.urn, secondary.prediction.urn].sort());
        for (const account of [primary.training, primary.prediction]) set(account, "tags", { "custom-vision-pair": "primary" });
        for (const account of [secondary.training, secondary.prediction]) set(account, "tags", { "custom-vision-pair": "dr" });
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });

    it("takes a known group name over the group it was derived from (classic outputs carry it)", () => {
        const builder = new StackBuilder("prod");
        compliantDeployment({ builder, name: "primary", form: "classic" });
        const secondary = compliantDeployment({ builder, name: "secondary", form: "classic" });
        for (const account of [secondary.training, secondary.prediction]) {
            set(account, "location", "westeurope");
            set(account, "resourceGroupName", "rg-vision-dr");
        }
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
        set(secondary.prediction, "location", "eastus");
        const violations = violationsOf(RULE, builder.resources);
        expect(violations.map((v) => v.urn)).toEqual([secondary.prediction.urn]);
        expect(violations[0].message).toContain("of resource group 'rg-vision-dr'");
    });

    it("accepts two pairs in one resource group told apart by the custom-vision-pair tag, and checks each", () => {
        const builder = new StackBuilder("dev");
        const a = compliantDeployment({ builder, name: "a", component: false });
        const b = compliantDeployment({ builder, name: "b", component: false });
        for (const account of [a.training, a.prediction]) set(account, "tags", { "custom-vision-pair": "primary" });
        for (const account of [b.training, b.prediction]) {
            set(account, "tags", { "custom-vision-pair": "dr" });
            set(account, "location", "westeurope");
        }
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
        set(b.prediction, "location", "northeurope");
        const violations = violationsOf(RULE, builder.resources);
        expect(violations.map((v) => v.urn)).toEqual([b.prediction.urn]);
        expect(violations[0].message).toContain("of pairing group 'dr' (tag custom-vision-pair)");
    });

    it("catches a pair split by wrapping each account in its own component", () => {
        const builder = new StackBuilder("dev");
        const deployment = compliantDeployment({ builder, component: false });
        for (const account of [deployment.training, deployment.prediction]) {
            account.parent = builder.add("acme:index:Wrapper", `${account.name}-wrapper`, {}).urn;
        }
        set(deployment.prediction, "location", "westeurope");
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn)).toEqual([deployment.prediction.urn]);
    });

    it("pairs wrapped accounts by the nearest component holding both, at any depth", () => {
        const builder = new StackBuilder("dev");
        const outer = builder.add("acme:index:Platform", "platform", {});
        const wrap = (name: string) => builder.add("acme:index:Wrapper", name, {}, { parent: outer });
        const east = compliantDeployment({ builder, name: "east", component: false });
        const west = compliantDeployment({ builder, name: "west", component: false });
        east.training.parent = wrap("east-training").urn;
        east.prediction.parent = wrap("east-prediction").urn;
        west.training.parent = builder.add("acme:index:Platform", "platform-west", {}).urn;
        west.prediction.parent = west.training.parent;
        for (const account of [west.training, west.prediction]) set(account, "location", "westeurope");
        // Same resource group, but the west pair has its own component: two groups, each in one region.
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
        set(east.prediction, "location", "westeurope");
        const violations = violationsOf(RULE, builder.resources);
        expect(violations.map((v) => v.urn)).toEqual([east.prediction.urn]);
        expect(violations[0].message).toContain("component 'platform' (acme:index:Platform)");
    });

    it("does not take a custom resource parent for a component: two pairs under one resource stay two groups", () => {
        const builder = new StackBuilder("prod");
        const parent = builder.add("azure-native:resources:ResourceGroup", "landing-zone", { resourceGroupName: "rg-landing-zone", location: "eastus" });
        const primary = compliantDeployment({ builder, name: "primary", component: false });
        const secondary = compliantDeployment({ builder, name: "secondary", component: false });
        for (const account of [secondary.training, secondary.prediction]) set(account, "location", "westeurope");
        placeIn(builder.resourceGroup("rg-vision-dr", "westeurope"), [secondary.training, secondary.prediction]);
        for (const account of [primary.training, primary.prediction, secondary.training, secondary.prediction]) account.parent = parent.urn;
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });

    it("counts the CustomVision component as a component even when it comes with a provider (a multi-language package)", () => {
        const builder = new StackBuilder("dev");
        const provider = builder.add("pulumi:providers:azure-custom-vision", "plugin", {});
        const east = compliantDeployment({ builder, name: "east" });
        const west = compliantDeployment({ builder, name: "west" });
        for (const component of [east.component, west.component]) if (component) component.provider = `${provider.urn}::id`;
        for (const account of [west.training, west.prediction]) set(account, "location", "westeurope");
        expect(west.component?.type).toBe(COMPONENT_TYPE);
        expect(violationsOf(RULE, builder.resources)).toEqual([]);
    });

    it("treats a generic azure-native resource naming Microsoft.CognitiveServices/accounts like an account", () => {
        const deployment = compliantDeployment({ component: false });
        const generic = deployment.builder.add("azure-native:resources:Resource", "generic-prediction", {
            resourceProviderNamespace: "Microsoft.CognitiveServices", resourceType: "accounts", parentResourcePath: "", apiVersion: "2024-10-01",
            resourceName: "generic-prediction", kind: "CustomVision.Prediction", location: "westeurope", sku: { name: "S0" },
        });
        placeIn(deployment.resourceGroup, [generic]);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations.map((v) => v.urn)).toEqual([generic.urn]);
        expect(violations[0].message).toContain("Prediction account 'generic-prediction' (azure-native:resources:Resource) is in westeurope");
    });

    it("leaves out an account whose group is not known yet without hiding a known mismatch in another group", () => {
        const builder = new StackBuilder("dev");
        const undecided = compliantDeployment({ builder, name: "a", component: false, preview: true });
        // `resourceGroupName: workspace.resourceGroupName`: computed from no resource group.
        set(undecided.prediction, "resourceGroupName", undefined);
        setUnknown(undecided.prediction, "resourceGroupName", undecided.workspace);
        set(undecided.prediction, "location", "westeurope");
        const mismatched = compliantDeployment({ builder, name: "b" });
        set(mismatched.prediction, "location", "northeurope");
        expect(violationsOf(RULE, builder.resources).map((v) => v.urn)).toEqual([mismatched.prediction.urn]);
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
