/**
 * What the engine emulation hands policies in a first preview of a new stack: resource policies the
 * checked inputs, stack policies each resource's create-preview outputs, per provider.
 */
import type { Policies, PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { parseDeclaration } from "../../tools/policy-engine/sdk-shapes";
import { existing, run, StackBuilder, UNKNOWN } from "./harness";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const CLASSIC_ACCOUNT = "azure:cognitive/account:Account";

/** Runs a resource policy and a stack policy that only record what they are given. */
function observe(builder: StackBuilder, stackConfig?: Record<string, string>) {
    const inputs: Record<string, ResourceValidationArgs> = {};
    let stack: PolicyResource[] = [];
    const policies: Policies = [
        { name: "inputs", description: "Records inputs.", enforcementLevel: "advisory", validateResource: (args) => { inputs[args.name] = args; } },
        { name: "outputs", description: "Records outputs.", enforcementLevel: "advisory", validateStack: (args) => { stack = args.resources; } },
    ];
    run(builder.resources, { policies, stackConfig });
    const outputs = (name: string): PolicyResource => stack.find((resource) => resource.name === name) as PolicyResource;
    return { inputs: (name: string) => inputs[name], outputs };
}

/** Each prop as the policy reads it: its value, or "unknown" when reading it throws the unknown error. */
function described(props: Record<string, unknown>): Record<string, unknown> {
    const shown: Record<string, unknown> = {};
    for (const key of Object.keys(props).sort()) {
        try {
            shown[key] = props[key];
        } catch {
            shown[key] = "unknown";
        }
    }
    return shown;
}

describe("stack policies at a first preview: azure-native", () => {
    const accountInputs = { accountName: "cv-training", resourceGroupName: "rg-vision", kind: "CustomVision.Training", location: "eastus", sku: { name: "S0" }, properties: { disableLocalAuth: false } };

    it("see the inputs mapped to the output shape: path parameters dropped, absent outputs and the id unknown", () => {
        const builder = new StackBuilder("dev");
        builder.add(ACCOUNT, "training", { ...accountInputs });
        const { inputs, outputs } = observe(builder);
        expect(described(outputs("training").props)).toEqual({
            azureApiVersion: "unknown",
            etag: "unknown",
            id: "unknown",
            identity: "unknown",
            kind: "CustomVision.Training",
            location: "eastus",
            name: "unknown",
            properties: { disableLocalAuth: false },
            sku: { name: "S0" },
            systemData: "unknown",
            tags: "unknown",
            type: "unknown",
        });
        // Resource policies keep the checked inputs.
        expect(described(inputs("training").props)).toEqual(accountInputs);
    });

    it("read an explicit API version or a local package's type from the default version's declaration", () => {
        const builder = new StackBuilder("dev");
        builder.add("azure-native:cognitiveservices/v20230501:Account", "versioned", { ...accountInputs });
        builder.add("azure-native_cognitiveservices_v20250401preview:cognitiveservices:Account", "local", { ...accountInputs });
        const { outputs } = observe(builder);
        for (const name of ["versioned", "local"]) {
            expect(Object.keys(outputs(name).props).sort()).toEqual(["azureApiVersion", "etag", "id", "identity", "kind", "location", "name", "properties", "sku", "systemData", "tags", "type"]);
            expect(outputs(name).props.accountName).toBeUndefined();
        }
    });

    it("see no target on a lock or a diagnostic setting: scope and resourceUri are path parameters", () => {
        const builder = new StackBuilder("dev");
        builder.add("azure-native:authorization:ManagementLockByScope", "lock", { scope: "/subscriptions/s/resourceGroups/rg", level: "CanNotDelete", lockName: "keep" });
        builder.add("azure-native:monitor:DiagnosticSetting", "diag", { resourceUri: "/subscriptions/s", name: "logs", workspaceId: "w", logs: [] });
        const { outputs } = observe(builder);
        expect(outputs("lock").props.scope).toBeUndefined();
        expect(outputs("lock").props.level).toBe("CanNotDelete");
        expect(outputs("diag").props.resourceUri).toBeUndefined();
        expect(outputs("diag").props.workspaceId).toBe("w");
    });

    it("see a generic resource's kind but neither its ARM type inputs nor its type (unknown until created)", () => {
        const builder = new StackBuilder("dev");
        builder.add("azure-native:resources:Resource", "generic", { resourceProviderNamespace: "Microsoft.CognitiveServices", resourceType: "accounts", resourceName: "g", resourceGroupName: "rg", parentResourcePath: "", apiVersion: "2025-06-01", kind: "CustomVision.Training" });
        const shown = described(observe(builder).outputs("generic").props);
        expect(shown).toMatchObject({ kind: "CustomVision.Training", type: "unknown" });
        expect(Object.keys(shown)).not.toContain("resourceProviderNamespace");
        expect(Object.keys(shown)).not.toContain("resourceType");
    });
});

describe("stack policies at a first preview: classic @pulumi/azure", () => {
    it("see every input, computed attributes unknown, optional ones left unset absent", () => {
        const builder = new StackBuilder("dev");
        builder.add(CLASSIC_ACCOUNT, "training", { name: "cv-training", resourceGroupName: "rg-vision", kind: "CustomVision.Training", location: "eastus", skuName: "S0" });
        const shown = described(observe(builder).outputs("training").props);
        expect(shown).toMatchObject({ name: "cv-training", resourceGroupName: "rg-vision", kind: "CustomVision.Training", skuName: "S0", id: "unknown", endpoint: "unknown", primaryAccessKey: "unknown" });
        expect(Object.keys(shown)).not.toContain("customSubdomainName");
        expect(Object.keys(shown)).not.toContain("tags");
    });
});

describe("stack policies at a first preview: anything else", () => {
    it("see the inputs of a type no installed SDK declares, of a component, and of a provider", () => {
        const builder = new StackBuilder("dev");
        builder.add("random:index/randomPassword:RandomPassword", "password", { length: 24 }, { custom: true });
        builder.add("azure-native:insights:DiagnosticSetting", "v2-diag", { resourceUri: "/subscriptions/s", workspaceId: "w" });
        builder.add("acme:index:Wrapper", "wrapper", { note: "kept" });
        builder.add("pulumi:providers:azure-native", "westeu", { location: "westeurope" });
        const { outputs } = observe(builder);
        expect(outputs("password").props).toEqual({ length: 24 });
        expect(outputs("v2-diag").props.resourceUri).toBe("/subscriptions/s");
        expect(outputs("wrapper").props).toEqual({ note: "kept" });
        expect(outputs("westeu").props).toEqual({ location: "westeurope" });
    });

    it("see no outputs at all of a resource whose provider's configuration is not known yet", () => {
        const builder = new StackBuilder("dev");
        const provider = builder.add("pulumi:providers:azure-native", "later", { location: UNKNOWN });
        builder.add(ACCOUNT, "training", { kind: "CustomVision.Training", location: "eastus" }, { provider });
        expect(observe(builder).outputs("training").props).toEqual({});
    });

    it("see the outputs a test gives a resource that exists already, without the engine's internal keys", () => {
        const builder = new StackBuilder("dev");
        existing(builder.add(ACCOUNT, "training", { accountName: "t" }), { id: "/subscriptions/s/x", kind: "CustomVision.Training", __inputs: { accountName: "t" } });
        expect(observe(builder).outputs("training").props).toEqual({ id: "/subscriptions/s/x", kind: "CustomVision.Training" });
    });
});

describe("azure-native's Check: the default location", () => {
    const accountOf = (builder: StackBuilder, inputs: Record<string, unknown>, provider?: ReturnType<StackBuilder["add"]>) =>
        builder.add(ACCOUNT, "account", { kind: "CustomVision.Training", ...inputs }, provider ? { provider } : {});

    it("takes an explicit provider's location, for resource and stack policies alike", () => {
        const builder = new StackBuilder("dev");
        const provider = builder.add("pulumi:providers:azure-native", "westeu", { location: "westeurope" });
        accountOf(builder, { resourceGroupName: "rg" }, provider);
        const { inputs, outputs } = observe(builder);
        expect(inputs("account").props.location).toBe("westeurope");
        expect(outputs("account").props.location).toBe("westeurope");
    });

    it("takes the default provider's location from the stack config azure-native:location", () => {
        const builder = new StackBuilder("dev");
        accountOf(builder, { resourceGroupName: "rg" });
        const { inputs } = observe(builder, { "azure-native:location": "brazilsouth", "azure:location": "eastus", "hand-wired:sku": "F0" });
        expect(inputs("account").props.location).toBe("brazilsouth");
        expect(inputs("account").provider?.props).toEqual({ location: "brazilsouth" });
    });

    it("makes it unknown while the resource group name is, and leaves it unset for a known group (read from ARM)", () => {
        const unknownGroup = new StackBuilder("dev");
        accountOf(unknownGroup, { resourceGroupName: UNKNOWN });
        expect(() => observe(unknownGroup).inputs("account").props.location).toThrow();
        const knownGroup = new StackBuilder("dev");
        accountOf(knownGroup, { resourceGroupName: "rg-existing" });
        expect(observe(knownGroup).inputs("account").props.location).toBeUndefined();
    });

    it("keeps a given location and leaves types without a location alone", () => {
        const builder = new StackBuilder("dev");
        accountOf(builder, { location: "eastus" });
        builder.add("azure-native:authorization:ManagementLockByScope", "lock", { scope: "/subscriptions/s", level: "CanNotDelete" });
        const { inputs } = observe(builder, { "azure-native:location": "westeurope" });
        expect(inputs("account").props.location).toBe("eastus");
        expect(inputs("lock").props.location).toBeUndefined();
    });

    it("names a local package's default provider by its package", () => {
        const builder = new StackBuilder("dev");
        builder.add("azure-native_cognitiveservices_v20250401preview:cognitiveservices:Account", "local", { kind: "CustomVision.Training" });
        expect(observe(builder).inputs("local").provider?.type).toBe("pulumi:providers:azure-native_cognitiveservices_v20250401preview");
    });
});

describe("SDK declarations", () => {
    const declaration = [
        "export declare class Thing extends pulumi.CustomResource {",
        "    static get(name: string, id: pulumi.Input<pulumi.ID>): Thing;",
        "    /**",
        "     * readonly fake: pulumi.Output<string>;",
        "     */",
        "    readonly kind: pulumi.Output<string | undefined>;",
        "    readonly name: pulumi.Output<string>;",
        "    readonly tags: pulumi.Output<{",
        "        [key: string]: string;",
        "    } | undefined>;",
        "    readonly sku: pulumi.Output<outputs.SkuResponse>;",
        "    constructor(name: string, args: ThingArgs);",
        "}",
        "export interface ThingArgs {",
        "    kind?: pulumi.Input<string | undefined>;",
        "    thingName: pulumi.Input<string>;",
        "    tags?: pulumi.Input<{",
        "        [key: string]: pulumi.Input<string>;",
        "    } | undefined>;",
        "}",
    ].join("\n");

    it("list output fields with whether they may be undefined, and input members, multi-line types included", () => {
        const shape = parseDeclaration(declaration, "Thing");
        expect([...(shape?.outputs ?? [])]).toEqual([["kind", true], ["name", false], ["tags", true], ["sku", false]]);
        expect([...(shape?.inputs ?? [])]).toEqual(["kind", "thingName", "tags"]);
        expect(parseDeclaration(declaration, "Other")).toBeUndefined();
    });
});
