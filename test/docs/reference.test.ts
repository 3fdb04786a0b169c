import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Policies } from "@pulumi/policy";
import { policies, PREVIEW_LIMITS } from "../../policies/rules";
import { generateReferencePages } from "../../tools/docs/generate";
import { policyReference } from "../../tools/docs/policy-reference";

const REPO = resolve(__dirname, "../..");
let pages: Record<string, string>;

beforeAll(async () => {
    pages = await generateReferencePages();
}, 120_000);

describe("the generated reference pages", () => {
    it("are committed exactly as `npm run docs` writes them from the code", () => {
        expect(Object.keys(pages).sort()).toEqual(["docs/component.md", "docs/policies.md"]);
        for (const [file, content] of Object.entries(pages)) {
            expect(readFileSync(join(REPO, file), "utf8"), `${file} is stale: run npm run docs`).toBe(content);
        }
    });

    it("take each argument's default from components/defaults.ts and each description from the TSDoc", () => {
        const component = pages["docs/component.md"];
        expect(component).toContain("| `trainingSku` | string | `S0` | Pricing tier of the Training account");
        expect(component).toContain("| `resourceGroupName` | Input<string> | **required** |");
        expect(component).toMatch(/\| `enablePurgeProtection` \| boolean \| `true` when `environment` is a production environment/);
    });

    it("say which resources appear only under which arguments, from what the component registers", () => {
        const component = pages["docs/component.md"];
        expect(component).toContain("| `azure-native:authorization:ManagementLockByScope` | `<name>-training-lock` | `environment` is a production environment");
        expect(component).toContain("| `azure-native:operationalinsights:Workspace` | `<name>-logs` | unless `logAnalyticsWorkspaceId` given |");
        expect(component).toContain("| `prediction-key-active` | Custom Vision Prediction-Key header value (active: key 1) | the key-export ARM deployment");
    });

    it("sort every rule of the pack, by its current name, into resource or stack rules where they explain what a preview can judge", () => {
        const named = new Set(PREVIEW_LIMITS[0].match(/`[a-z-]+`/g)?.map((quoted) => `custom-vision-${quoted.slice(1, -1)}`));
        expect([...named].sort()).toEqual(policies.map((policy) => policy.name).sort());
    });

    it("list every rule of the pack with its default level, and change when a rule's metadata changes", () => {
        const policiesPage = pages["docs/policies.md"];
        for (const policy of policies) {
            expect(policiesPage).toContain(`| [\`${policy.name}\`](#${policy.name}) |`);
            expect(policiesPage).toContain(`## ${policy.name}\n`);
        }
        const renamed: Policies = policies.map((policy, index) => (index === 0 ? { ...policy, description: "A changed description." } : policy));
        const changed = policyReference({ name: "custom-vision-guard", version: "0", policies: renamed, pairingGroups: "", productionDetection: "", previewLimits: [] });
        expect(changed).toContain("A changed description.");
    });
});
