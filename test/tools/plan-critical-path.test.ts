import { describe, expect, it } from "vitest";
import { criticalPath, GraphResource } from "../../tools/plan/critical-path";

const STACK = "urn:stack";

/** A resource for the graph; `custom` unless told otherwise, parented to the stack unless told. */
function resource(urn: string, options: Partial<GraphResource> = {}): GraphResource {
    return { urn, type: "azure-native:test:Thing", name: urn, parent: STACK, inputs: {}, dependencies: [], propertyDependencies: {}, protect: false, custom: true, ...options };
}
const stack = resource(STACK, { type: "pulumi:pulumi:Stack", custom: false, parent: undefined });

describe("criticalPath", () => {
    it("follows dependencies and property dependencies to the longest chain", () => {
        const resources = [
            stack,
            resource("group"),
            resource("account", { dependencies: ["group"] }),
            resource("vault", { propertyDependencies: { resourceGroupName: ["group"] } }),
            resource("secret", { propertyDependencies: { vaultName: ["vault"], value: ["account"] } }),
        ];
        expect(criticalPath(resources)).toEqual(["group", "account", "secret"]);
    });

    it("gives components no length, and waiting for a component waits for what it contains", () => {
        const resources = [
            stack,
            resource("group"),
            resource("component", { type: "pkg:index:Component", custom: false, dependencies: ["group"] }),
            resource("inner", { parent: "component", dependencies: ["group"] }),
            resource("after", { dependencies: ["component"] }),
        ];
        expect(criticalPath(resources)).toEqual(["group", "inner", "after"]);
    });

    it("makes a child of a custom resource wait for its parent, but not a child of a component", () => {
        const customParent = [stack, resource("server"), resource("extension", { parent: "server" })];
        expect(criticalPath(customParent)).toEqual(["server", "extension"]);
        const componentParent = [stack, resource("component", { custom: false, type: "pkg:index:C" }), resource("child", { parent: "component" })];
        expect(criticalPath(componentParent)).toEqual(["child"]);
    });

    it("does not count provider resources but follows what they wait for", () => {
        const resources = [
            stack,
            resource("identity"),
            resource("provider", { type: "pulumi:providers:azure-native", propertyDependencies: { clientId: ["identity"] } }),
            resource("account", { dependencies: ["provider"] }),
        ];
        expect(criticalPath(resources)).toEqual(["identity", "account"]);
    });

    it("breaks ties by registration order and is empty when nothing is created", () => {
        expect(criticalPath([stack, resource("first"), resource("second")])).toEqual(["first"]);
        expect(criticalPath([stack])).toEqual([]);
    });
});
