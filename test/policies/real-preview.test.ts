/**
 * Stacks an adversarial review ran through a real preview's view (stack policies over outputs,
 * azure-native's Check defaults, local-package tokens, remote components): each verdict here is the
 * one `pulumi preview --policy-pack` gives, through the harness.
 */
import { describe, expect, it } from "vitest";
import type { StackResource } from "../../tools/policy-engine";
import { existing, placeIn, ResourceOptions, run, StackBuilder, set, UNKNOWN } from "./harness";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const TRAINING = "CustomVision.Training";
const PREDICTION = "CustomVision.Prediction";

/** Mandatory and advisory verdicts as "policy on name", leaving out the two rules every hand-written stack here breaks. */
function verdicts(resources: StackResource[], stackConfig?: Record<string, string>): string[] {
    return run(resources, { stackConfig })
        .violations.filter((v) => v.policy !== "custom-vision-diagnostics" && v.policy !== "custom-vision-public-network-in-prod")
        .map((v) => `${v.enforcementLevel} ${v.policy.replace("custom-vision-", "")} on ${v.urn?.split("::").pop()}`)
        .sort();
}

function account(builder: StackBuilder, name: string, kind: string, inputs: Record<string, unknown>, options: ResourceOptions = {}, type = ACCOUNT) {
    return builder.add(type, name, { accountName: name, kind, sku: { name: "S0" }, ...inputs }, options);
}

describe("hand-wired accounts without tags (their `tags` output is unknown at preview)", () => {
    it("are paired by the resource group they were placed in: a split pair is blocked", () => {
        const builder = new StackBuilder("split");
        const group = builder.resourceGroup("rg-hand-wired", "eastus");
        const training = account(builder, "training", TRAINING, { location: "eastus" });
        const prediction = account(builder, "prediction", PREDICTION, { location: "westeurope" });
        placeIn(group, [training, prediction], true);
        expect(verdicts(builder.resources)).toEqual(["mandatory region-match on prediction"]);
    });

    it("wrapped each in its own component, are still paired by their group", () => {
        const builder = new StackBuilder("wrapped");
        const group = builder.resourceGroup("rg-hand-wired", "eastus");
        const wrap = (name: string) => builder.add("hand-wired:index:Wrapper", `${name}-wrapper`, {});
        const training = account(builder, "training", TRAINING, { location: "eastus" }, { parent: wrap("training") });
        const prediction = account(builder, "prediction", PREDICTION, { location: "westeurope" }, { parent: wrap("prediction") });
        placeIn(group, [training, prediction], true);
        expect(verdicts(builder.resources)).toEqual(["mandatory region-match on prediction"]);
    });

    it("in a group named by a literal (not a resource of the stack) have no group a preview shows, until tagged", () => {
        const builder = new StackBuilder("literal");
        const training = account(builder, "training", TRAINING, { location: "eastus", resourceGroupName: "rg-vision" });
        const prediction = account(builder, "prediction", PREDICTION, { location: "westeurope", resourceGroupName: "rg-vision" });
        expect(verdicts(builder.resources)).toEqual([]);
        for (const resource of [training, prediction]) set(resource, "tags", { "custom-vision-pair": "vision" });
        expect(verdicts(builder.resources)).toEqual(["mandatory region-match on prediction"]);
    });

    it("keep an unknown tag value a program computed from a resource unknown (the account is left out)", () => {
        const builder = new StackBuilder("split");
        const group = builder.resourceGroup("rg-hand-wired", "eastus");
        const training = account(builder, "training", TRAINING, { location: "eastus" });
        const prediction = account(builder, "prediction", PREDICTION, { location: "westeurope", tags: UNKNOWN }, { propertyDependencies: { tags: [group] } });
        placeIn(group, [training, prediction], true);
        expect(verdicts(builder.resources)).toEqual([]);
    });
});

describe("generic azure-native resources at preview (their ARM type is no output, their `type` unknown)", () => {
    it("are Custom Vision accounts by their kind: brazilsouth is rejected", () => {
        const builder = new StackBuilder("dev");
        const group = builder.resourceGroup("rg-generic", "brazilsouth");
        const generic = (role: string, kind: string) => builder.add("azure-native:resources:Resource", role, {
            resourceProviderNamespace: "Microsoft.CognitiveServices", parentResourcePath: "", resourceType: "accounts", resourceName: `generic-${role}`,
            apiVersion: "2025-06-01", location: "brazilsouth", kind, sku: { name: "S0" }, properties: {}, tags: { owner: "me" },
        });
        placeIn(group, [generic("training", TRAINING), generic("prediction", PREDICTION)], true);
        expect(verdicts(builder.resources)).toEqual(["mandatory supported-region on prediction", "mandatory supported-region on training"]);
    });

    it("are told by their `type` output once created", () => {
        const builder = new StackBuilder("dev");
        const storage = builder.add("azure-native:resources:Resource", "storage", { resourceProviderNamespace: "Microsoft.Storage", resourceType: "storageAccounts", kind: TRAINING, location: "brazilsouth" });
        existing(storage, { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st", type: "Microsoft.Storage/storageAccounts", kind: TRAINING, location: "brazilsouth" });
        expect(verdicts(builder.resources)).toEqual([]);
    });
});

describe("azure-native's default location (Check), from the stack config azure-native:location", () => {
    it("puts accounts in an existing group without location where the config says: brazilsouth is rejected", () => {
        const builder = new StackBuilder("dev");
        account(builder, "training", TRAINING, { resourceGroupName: "rg-existing" });
        account(builder, "prediction", PREDICTION, { resourceGroupName: "rg-existing" });
        expect(verdicts(builder.resources, { "azure-native:location": "brazilsouth" })).toEqual(["mandatory supported-region on prediction", "mandatory supported-region on training"]);
    });

    it("takes the config's region before the resource group's: a Prediction account without location is split from its Training account", () => {
        const builder = new StackBuilder("mixed");
        const group = builder.resourceGroup("rg-a", "eastus");
        const training = account(builder, "training", TRAINING, { location: "eastus" });
        const prediction = account(builder, "prediction", PREDICTION, {});
        placeIn(group, [training, prediction], true);
        expect(verdicts(builder.resources)).toEqual([]);
        expect(verdicts(builder.resources, { "azure-native:location": "westeurope" })).toEqual(["mandatory region-match on prediction"]);
    });
});

describe("azure-native local packages (`pulumi package add azure-native <module> <version>`)", () => {
    it("are judged like any other token: F0 in production, an unsupported region, a vault without purge protection", () => {
        const builder = new StackBuilder("prod");
        const local = "azure-native_cognitiveservices_v20250401preview:cognitiveservices:Account";
        const group = builder.resourceGroup("rg-a", "eastus");
        const training = account(builder, "t", TRAINING, { location: "brazilsouth", sku: { name: "F0" } }, {}, local);
        const prediction = account(builder, "p", PREDICTION, { location: "westeurope", sku: { name: "F0" } }, {}, local);
        const vault = builder.add("azure-native_keyvault_v20230701:keyvault:Vault", "kv", { vaultName: "kv", location: "eastus", properties: { enablePurgeProtection: false } });
        placeIn(group, [training, prediction, vault], true);
        expect(verdicts(builder.resources)).toEqual([
            "advisory training-protected-in-prod on t",
            "mandatory key-vault-purge-protection-in-prod on kv",
            "mandatory no-free-tier-in-prod on p",
            "mandatory no-free-tier-in-prod on t",
            "mandatory region-match on p",
            "mandatory supported-region on t",
        ]);
    });
});

describe("multi-language (remote) components, which the engine reports with their plugin's provider", () => {
    it("pair the accounts they hold: two pairs in one resource group, in two regions, pass", () => {
        const builder = new StackBuilder("dev");
        const plugin = builder.add("pulumi:providers:acme", "default_1_0_0", {}, { custom: true });
        const group = builder.resourceGroup("rg-a", "eastus");
        for (const [name, region] of [["primary", "eastus"], ["dr", "westeurope"]]) {
            const component = builder.add("acme:index:VisionPair", name, {}, { custom: false, provider: plugin });
            const training = account(builder, `${name}-training`, TRAINING, { location: region }, { parent: component });
            const prediction = account(builder, `${name}-prediction`, PREDICTION, { location: region }, { parent: component });
            placeIn(group, [training, prediction], true);
        }
        expect(verdicts(builder.resources)).toEqual([]);
    });
});
