import { describe, expect, it, vi } from "vitest";
import * as pulumi from "@pulumi/pulumi";
import * as aliases from "../../components/aliases";
import { CustomVision, CustomVisionArgs } from "../../components";
import { register, useAzureMocks } from "../helpers/mocks";
import { RawRegisterRequest, recordRequests } from "./register-requests";

// The component installs the stripping through this function; the test can switch it off to see
// what the children would send without it.
vi.mock("../../components/aliases", async (importOriginal) => {
    const original = await importOriginal<typeof import("../../components/aliases")>();
    return { ...original, withApiVersionAliasesStripped: vi.fn(original.withApiVersionAliasesStripped) };
});
const installStripping = vi.mocked(aliases.withApiVersionAliasesStripped);

const runtime = useAzureMocks("dev");
const requests = recordRequests(runtime.monitor);
const args: CustomVisionArgs = { resourceGroupName: "rg-vision", location: "eastus", environment: "prod", secretReaderPrincipalIds: ["3f2504e0-4f89-41d3-9a0c-0305e82c3301"], alertEmails: ["oncall@contoso.com"] };

/** The requests one component sends, in order. */
async function requestsOf(build: () => unknown): Promise<RawRegisterRequest[]> {
    const start = requests.length;
    await register(build);
    return requests.slice(start);
}

const aliasTypes = (request: RawRegisterRequest) => request.aliasesList.map((alias) => alias.spec?.type ?? "");
/** A request without what the stripping changes and without where in this file it was made. */
const comparable = ({ aliasesList, sourceposition, stacktrace, ...rest }: RawRegisterRequest) => {
    void [aliasesList, sourceposition, stacktrace];
    return rest;
};

describe("azure-native's API-version aliases", async () => {
    const stripped = await requestsOf(() => new CustomVision("vision", args));
    installStripping.mockImplementationOnce((opts) => ({ ...opts }));
    const unstripped = await requestsOf(() => new CustomVision("vision", args));

    it("are what azure-native adds: one per older API version of each child's type", () => {
        const secret = unstripped.find((request) => request.type === "azure-native:keyvault:Secret")!;
        expect(aliasTypes(secret).length).toBeGreaterThanOrEqual(15);
        expect(aliasTypes(secret).every((type) => /^azure-native:keyvault\/v\d{8}[a-z]*:Secret$/.test(type))).toBe(true);
        expect(unstripped.reduce((total, request) => total + request.aliasesList.length, 0)).toBeGreaterThan(200);
    });

    it("are gone from every child; only the module renames stay (insights to monitor: state from azure-native v2)", () => {
        const left = stripped.filter((request) => request.aliasesList.length > 0);
        expect(left.map((request) => request.type).sort()).toEqual([
            "azure-native:monitor:ActionGroup",
            ...Array(3).fill("azure-native:monitor:DiagnosticSetting"),
            ...Array(6).fill("azure-native:monitor:MetricAlert"),
        ]);
        for (const request of left) expect(aliasTypes(request)).toEqual([request.type.replace(":monitor:", ":insights:")]);
    });

    it("leave every other part of every registration as it was", () => {
        // Registration order follows how fast each resource's options resolve; compare by resource.
        const byResource = (sent: RawRegisterRequest[]) => Object.fromEntries(sent.map((request) => [`${request.type}::${request.name}`, comparable(request)]));
        expect(stripped).toHaveLength(unstripped.length);
        expect(byResource(stripped)).toEqual(byResource(unstripped));
    });
});

describe("aliases a user gives", () => {
    it("stay: on the component, and on a child through the user's own transformation", async () => {
        const addOldName: pulumi.ResourceTransformation = ({ type, name, props, opts }) =>
            type === "azure-native:keyvault:Vault" ? { props, opts: { ...opts, aliases: [...(opts.aliases ?? []), { name: `old-${name}` }, { type: "azure-native:keyvault/v20230701:Vault" }] } } : undefined;
        const sent = await requestsOf(() => new CustomVision("kept", { resourceGroupName: "rg-vision", location: "eastus" }, { aliases: [{ name: "renamed" }], transformations: [addOldName] }));
        const component = sent.find((request) => request.type === "azure-custom-vision:index:CustomVision")!;
        expect(component.aliasesList.map((alias) => alias.spec?.name)).toEqual(["renamed"]);
        const vault = sent.find((request) => request.type === "azure-native:keyvault:Vault")!;
        expect(vault.aliasesList.map((alias) => alias.spec?.name || alias.spec?.type)).toEqual(["old-kept-vault", "azure-native:keyvault/v20230701:Vault"]);
    });
});

describe("isApiVersionAlias", () => {
    it("matches a lone versioned type token and nothing else", () => {
        expect(aliases.isApiVersionAlias({ type: "azure-native:keyvault/v20241101:Secret" })).toBe(true);
        expect(aliases.isApiVersionAlias({ type: "azure-native:insights/v20210501preview:DiagnosticSetting" })).toBe(true);
        expect(aliases.isApiVersionAlias({ type: "azure-native:insights:DiagnosticSetting" })).toBe(false);
        expect(aliases.isApiVersionAlias({ type: "azure-native:keyvault/v20241101:Secret", name: "old" })).toBe(false);
        expect(aliases.isApiVersionAlias("urn:pulumi:dev::p::azure-native:keyvault/v20241101:Secret::s")).toBe(false);
    });
});
