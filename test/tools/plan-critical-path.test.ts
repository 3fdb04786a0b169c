import { describe, expect, it } from "vitest";
import type { AzureCall, PlannedResource } from "../../tools/plan/monitor";
import { creationDependencies, criticalPath } from "../../tools/plan/critical-path";

const STACK = "urn:stack";

/** A resource for the graph; `custom` unless told otherwise, parented to the stack unless told. */
function resource(urn: string, options: Partial<PlannedResource> = {}): PlannedResource {
    return { urn, type: "azure-native:test:Thing", name: urn, parent: STACK, inputs: {}, dependencies: [], propertyDependencies: {}, protect: false, custom: true, ...options };
}
const stack = resource(STACK, { type: "pulumi:pulumi:Stack", custom: false, parent: undefined });

/** The create call of `of`, answered in `round`; its Azure name is its URN. */
function created(of: PlannedResource, round: number): AzureCall {
    return { kind: "create", type: of.type, name: of.name, urn: of.urn, round, references: [`/id/${of.urn}`, of.urn] };
}
function invoked(token: string, round: number, references: string[] = []): AzureCall {
    return { kind: "invoke", type: token, name: "", round, references };
}
const names = (steps: { name: string; kind: string }[]) => steps.map((step) => (step.kind === "invoke" ? `invoke(${step.name})` : step.name));

describe("creationDependencies", () => {
    it("follows dependencies and property dependencies", () => {
        const edges = creationDependencies([
            stack,
            resource("group"),
            resource("account", { dependencies: ["group"] }),
            resource("secret", { propertyDependencies: { vaultName: ["vault"], value: ["account"] } }),
            resource("vault"),
        ]);
        expect(edges.get("account")).toEqual(["group"]);
        expect(edges.get("secret")).toEqual(["account", "vault"]);
    });

    it("makes waiting for a component wait for what it contains, and gives a component no edges of its own", () => {
        const edges = creationDependencies([
            stack,
            resource("component", { type: "pkg:index:Component", custom: false }),
            resource("inner", { parent: "component" }),
            resource("after", { dependencies: ["component"] }),
        ]);
        expect(edges.get("after")).toEqual(["inner"]);
        expect(edges.get("inner")).toEqual([]);
        expect(edges.has("component")).toBe(false);
    });

    it("makes a child of a custom resource wait for its parent", () => {
        expect(creationDependencies([stack, resource("server"), resource("extension", { parent: "server" })]).get("extension")).toEqual(["server"]);
    });

    it("does not count provider resources but follows what they wait for", () => {
        const edges = creationDependencies([
            stack,
            resource("identity"),
            resource("provider", { type: "pulumi:providers:azure-native", propertyDependencies: { clientId: ["identity"] } }),
            resource("account", { dependencies: ["provider"] }),
        ]);
        expect(edges.get("account")).toEqual(["identity"]);
        expect(edges.has("provider")).toBe(false);
    });
});

describe("criticalPath", () => {
    const group = resource("group");
    const account = resource("account", { type: "azure-native:cognitiveservices:Account", dependencies: ["group"] });
    const workspace = resource("workspace", { type: "azure-native:operationalinsights:Workspace", dependencies: ["group"] });
    const secret = resource("secret", { type: "azure-native:keyvault:Secret", propertyDependencies: { value: ["account"] } });
    const diagnostics = resource("diagnostics", { dependencies: ["workspace"] });

    it("counts an invoke that feeds an input as one more call, naming the resource it reads", () => {
        const resources = [stack, group, account, secret];
        const calls = [created(group, 1), created(account, 2), invoked("azure-native:cognitiveservices:listAccountKeys", 3, ["account", "group"]), created(secret, 4)];
        const path = criticalPath(resources, calls);
        expect(names(path)).toEqual(["group", "account", "invoke(account)", "secret"]);
        expect(path.map((step) => step.round)).toEqual([1, 2, 3, 4]);
        expect(path[2]).toEqual({ round: 3, kind: "invoke", type: "azure-native:cognitiveservices:listAccountKeys", name: "account" });
    });

    it("picks the invoke that reads a resource the waiting one depends on, not another of the same round", () => {
        const other = resource("other-account", { type: "azure-native:cognitiveservices:Account", dependencies: ["group"] });
        const resources = [stack, group, other, account, secret];
        const calls = [
            created(group, 1),
            created(other, 2),
            created(account, 2),
            invoked("azure-native:cognitiveservices:listAccountKeys", 3, ["other-account"]),
            invoked("azure-native:cognitiveservices:listAccountKeys", 3, ["account"]),
            created(secret, 4),
        ];
        expect(names(criticalPath(resources, calls))).toEqual(["group", "account", "invoke(account)", "secret"]);
    });

    it("blames an invoke of the previous round when a resource waited for nothing it depends on", () => {
        const vault = resource("vault", { type: "azure-native:keyvault:Vault" });
        const calls = [invoked("azure-native:authorization:getClientConfig", 1), created(vault, 2)];
        expect(names(criticalPath([stack, vault], calls))).toEqual(["invoke()", "vault"]);
    });

    it("breaks a tie in favour of the chain through an account or a vault, whatever was registered first", () => {
        const resources = [stack, group, workspace, diagnostics, account, secret];
        const calls = [created(group, 1), created(workspace, 2), created(account, 2), created(diagnostics, 3), created(secret, 3)];
        expect(names(criticalPath(resources, calls))).toEqual(["group", "account", "secret"]);
    });

    it("breaks a tie between equally slow chains by registration order, and is empty without calls", () => {
        const first = resource("first");
        const second = resource("second");
        expect(names(criticalPath([stack, first, second], [created(first, 1), created(second, 1)]))).toEqual(["first"]);
        expect(criticalPath([stack], [])).toEqual([]);
    });
});
