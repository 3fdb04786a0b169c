import { describe, expect, it } from "vitest";
import { compliantDeployment, field, run, TOKEN_FORMS, UNKNOWN, set, violationsOf } from "./harness";

const RULE = "custom-vision-key-vault-purge-protection-in-prod";

describe.each(TOKEN_FORMS)("custom-vision-key-vault-purge-protection-in-prod (%s tokens)", (form) => {
    it("accepts a purge-protected vault in production", () => {
        expect(violationsOf(RULE, compliantDeployment({ form, stackName: "prod" }).resources)).toEqual([]);
    });

    it.each([false, undefined])("rejects a production vault with purge protection %s, naming it and the fix", (value) => {
        const deployment = compliantDeployment({ form, stackName: "production" });
        set(deployment.vault, field(form, "purgeProtection"), value);
        const violations = violationsOf(RULE, deployment.resources);
        expect(violations).toHaveLength(1);
        expect(violations[0]).toMatchObject({ enforcementLevel: "mandatory", urn: deployment.vault.urn });
        expect(violations[0].message).toContain(`Key Vault '${deployment.vault.name}' (${deployment.vault.type})`);
        expect(violations[0].message).toContain("Enable purge protection");
    });

    it("accepts a vault without purge protection outside production", () => {
        const deployment = compliantDeployment({ form, stackName: "product-demo" });
        set(deployment.vault, field(form, "purgeProtection"), false);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
    });

    it("reports production by stack tag", () => {
        const deployment = compliantDeployment({ form, stackName: "team-a" });
        set(deployment.vault, field(form, "purgeProtection"), false);
        expect(violationsOf(RULE, deployment.resources, { stackTags: { environment: "production" } })).toHaveLength(1);
    });

    it("skips a vault whose purge protection is unknown", () => {
        const deployment = compliantDeployment({ form, stackName: "prod", preview: true });
        set(deployment.vault, field(form, "purgeProtection"), UNKNOWN);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        if (form !== "classic") {
            set(deployment.vault, "properties", UNKNOWN);
            expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        }
    });
});

describe("custom-vision-key-vault-purge-protection-in-prod production detection", () => {
    it("rejects a vault tagged for production on a stack whose name says nothing", () => {
        const deployment = compliantDeployment({ stackName: "live" });
        set(deployment.vault, "properties.enablePurgeProtection", false);
        expect(violationsOf(RULE, deployment.resources)).toEqual([]);
        set(deployment.vault, "tags", { Environment: "Production" });
        expect(violationsOf(RULE, deployment.resources).map((v) => v.urn)).toEqual([deployment.vault.urn]);
    });

    it("skips a vault whose tags are not known yet on a stack not named for production", () => {
        const deployment = compliantDeployment({ stackName: "live", preview: true });
        set(deployment.vault, "properties.enablePurgeProtection", false);
        set(deployment.vault, "tags", UNKNOWN);
        const result = run(deployment.resources);
        expect(result.violations.filter((v) => v.policy === RULE)).toEqual([]);
    });
});
