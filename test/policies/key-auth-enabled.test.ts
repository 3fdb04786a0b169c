import { describe, expect, it } from "vitest";
import { compliantDeployment, disableKeyAuth, TOKEN_FORMS, UNKNOWN, set, violationsOf } from "./harness";

const RULE = "custom-vision-key-auth-enabled";

describe.each(TOKEN_FORMS)("custom-vision-key-auth-enabled (%s tokens)", (form) => {
    it("accepts accounts with key auth on (explicitly or by default)", () => {
        const deployment = compliantDeployment({ form });
        set(deployment.training, form === "classic" ? "localAuthEnabled" : "properties.disableLocalAuth", undefined);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("warns about an account with key auth disabled, naming it and the fix", () => {
        const deployment = compliantDeployment({ form });
        disableKeyAuth(deployment.prediction, form);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({ enforcementLevel: "advisory", urn: deployment.prediction.urn });
        expect(violations[0].message).toContain(`Prediction account '${deployment.prediction.name}' (${deployment.prediction.type})`);
        expect(violations[0].message).toContain("Re-enable it");
    });

    it("skips an unknown setting and still reports a known one", () => {
        const deployment = compliantDeployment({ form, preview: true });
        set(deployment.training, form === "classic" ? "localAuthEnabled" : "properties", UNKNOWN);
        disableKeyAuth(deployment.prediction, form);
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.prediction.urn]);
    });
});

describe("custom-vision-key-auth-enabled scope", () => {
    it("ignores other Cognitive Services kinds", () => {
        const deployment = compliantDeployment();
        deployment.builder.add("azure-native:cognitiveservices:Account", "openai", { kind: "OpenAI", sku: { name: "S0" }, properties: { disableLocalAuth: true } });
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("can be raised to mandatory through config", () => {
        const deployment = compliantDeployment();
        disableKeyAuth(deployment.training, "v3");
        expect(violationsOf(RULE, deployment.resources, { config: { [RULE]: { enforcementLevel: "mandatory" } } })[0].enforcementLevel).toBe("mandatory");
    });
});
