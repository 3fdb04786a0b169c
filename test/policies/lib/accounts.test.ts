import { describe, expect, it } from "vitest";
import { customVisionAccountOf, customVisionAccountsIn } from "../../../policies/lib/accounts";
import { read, UNKNOWN } from "../../../policies/lib/unknown";
import { unknownCheckingProxy } from "../../../tools/policy-engine";
import { UNKNOWN as SENTINEL } from "../harness";

const resource = (type: string, props: Record<string, unknown>, name = "n") => ({ type, urn: `urn:${name}`, name, props: unknownCheckingProxy(props) });
const view = (type: string, props: Record<string, unknown>) => customVisionAccountOf(resource(type, props));

describe("Custom Vision accounts", () => {
    it("reads kind, SKU, location and key auth in each form's own property names", () => {
        expect(view("azure-native:cognitiveservices:Account", { kind: "customvision.prediction", sku: { name: "F0" }, location: "East US", properties: { disableLocalAuth: true } }))
            .toMatchObject({ kind: "CustomVision.Prediction", sku: "F0", location: "East US", keyAuthDisabled: true });
        expect(view("azure:cognitive/account:Account", { kind: "CustomVision.Training", skuName: "S0", location: "eastus", localAuthEnabled: false }))
            .toMatchObject({ kind: "CustomVision.Training", sku: "S0", location: "eastus", keyAuthDisabled: true });
        expect(view("azure-native:resources:Resource", {
            resourceProviderNamespace: "Microsoft.CognitiveServices", resourceType: "accounts", kind: "CustomVision.Training", sku: { name: "F0" }, properties: { disableLocalAuth: true },
        })).toMatchObject({ kind: "CustomVision.Training", sku: "F0", keyAuthDisabled: true });
    });

    it("is undefined for other kinds and for a kind not known yet", () => {
        expect(view("azure-native:cognitiveservices:Account", { kind: "FormRecognizer" })).toBeUndefined();
        expect(view("azure-native:cognitiveservices:Account", { kind: SENTINEL })).toBeUndefined();
    });

    it("reads unknown values as UNKNOWN, including a whole unknown parent object", () => {
        expect(view("azure-native:cognitiveservices:Account", { kind: "CustomVision.Training", sku: SENTINEL, location: SENTINEL, properties: SENTINEL }))
            .toMatchObject({ sku: UNKNOWN, location: UNKNOWN, keyAuthDisabled: UNKNOWN });
    });

    it("lists a stack's accounts apart from those whose kind is not known yet", () => {
        const { accounts, unknownKind } = customVisionAccountsIn([
            resource("azure-native:cognitiveservices:Account", { kind: "CustomVision.Training" }, "a"),
            resource("azure-native:cognitiveservices:Account", { kind: SENTINEL }, "b"),
            resource("azure-native:cognitiveservices:Account", { kind: "OpenAI" }, "c"),
            resource("azure-native:keyvault:Vault", { kind: SENTINEL }, "d"),
        ]);
        expect(accounts.map((account) => account.resource.name)).toEqual(["a"]);
        expect(unknownKind.map((account) => account.name)).toEqual(["b"]);
    });

    it("lets errors other than unknown values propagate", () => {
        expect(() => read(() => { throw new RangeError("bug"); })).toThrow(RangeError);
    });
});
