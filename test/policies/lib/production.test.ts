import { describe, expect, it } from "vitest";
import { DEFAULT_PRODUCTION_CONFIG, isInProduction, stackNameFromUrn } from "../../../policies/lib/production";
import { UNKNOWN } from "../../../policies/lib/unknown";
import { unknownCheckingProxy } from "../../../tools/policy-engine";
import { UNKNOWN as SENTINEL } from "../harness";

const urn = (stack: string) => `urn:pulumi:${stack}::vision::azure-native:keyvault:Vault::kv`;
const resource = (stack: string, props: Record<string, unknown> = {}) => ({ type: "azure-native:keyvault:Vault", urn: urn(stack), name: "kv", props: unknownCheckingProxy(props) });
const noTags: ReadonlyMap<string, string> = new Map();

describe("production detection", () => {
    it("reads the stack name from a URN", () => {
        expect(stackNameFromUrn(urn("prod-eastus"))).toBe("prod-eastus");
    });

    it.each(["prod", "production", "prod-eastus", "prod_1", "prod.weu", "Prod"])("stack %s is production by name", (stack) => {
        expect(isInProduction(resource(stack), noTags, {})).toBe(true);
    });

    it.each(["product-demo", "preprod", "prods", "productions", "dev-prod", "staging", "eu-prod", "live", "prd"])("stack %s is not production by name", (stack) => {
        expect(isInProduction(resource(stack), noTags, {})).toBe(false);
    });

    it.each([{ environment: "prod" }, { Environment: "Production" }, { ENVIRONMENT: "PROD", team: "vision" }])("a resource tagged %o is production on any stack", (tags) => {
        expect(isInProduction(resource("live", { tags }), noTags, {})).toBe(true);
    });

    it("does not take other tag values or other tag names for production", () => {
        expect(isInProduction(resource("eu-prod", { tags: { environment: "staging" } }), noTags, {})).toBe(false);
        expect(isInProduction(resource("eu-prod", { tags: { env: "prod" } }), noTags, {})).toBe(false);
    });

    it("accepts the stack tag alone, its name compared case-insensitively, and honours configured keys and values", () => {
        expect(isInProduction(resource("team-a"), new Map([["Environment", "PRODUCTION"]]), {})).toBe(true);
        expect(isInProduction(resource("team-a"), new Map([["stage", "live"]]), { productionTagKey: "stage", productionTagValues: ["live"] })).toBe(true);
        expect(isInProduction(resource("team-a", { tags: { Stage: "LIVE" } }), noTags, { productionTagKey: "stage", productionTagValues: ["live"] })).toBe(true);
        expect(isInProduction(resource("team-a", { tags: { environment: "prod" } }), noTags, { productionTagKey: "stage", productionTagValues: ["live"] })).toBe(false);
    });

    it("is unknown only when tags not known yet are all that could tell", () => {
        expect(isInProduction(resource("team-a", { tags: SENTINEL }), noTags, {})).toBe(UNKNOWN);
        expect(isInProduction(resource("team-a", { tags: { environment: SENTINEL } }), noTags, {})).toBe(UNKNOWN);
        expect(isInProduction(resource("team-a", { tags: { owner: SENTINEL } }), noTags, {})).toBe(false);
        expect(isInProduction(resource("prod", { tags: SENTINEL }), noTags, DEFAULT_PRODUCTION_CONFIG)).toBe(true);
    });
});
