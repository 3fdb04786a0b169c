import type { Policies, Policy, PolicyConfigSchema } from "@pulumi/policy";
import { cell, GENERATED_NOTICE, paragraph } from "./markdown";

/**
 * docs/policies.md, written from the pack's own metadata: each rule's name, description, level,
 * severity, remediation and config schema, plus the two explanations the rules share. Nothing in
 * it is typed twice, so the page cannot disagree with the pack.
 */

export interface PackMetadata {
    name: string;
    version: string;
    policies: Policies;
    /** How accounts are grouped into Training/Prediction pairs. */
    pairingGroups: string;
    /** When a resource counts as production. */
    productionDetection: string;
    /** What a preview can judge and what only once the resources exist. */
    previewLimits: readonly string[];
}

export function policyReference(pack: PackMetadata): string {
    const lines = [
        `# Policy pack \`${pack.name}\` ${pack.version}: rule reference`,
        "",
        GENERATED_NOTICE,
        "",
        "Each rule checks every stack it is run on, whether it uses the CustomVision component or not: azure-native v3 and v2",
        "tokens, tokens with an explicit API version, generic `azure-native:resources:Resource` accounts and the classic",
        "`@pulumi/azure` provider. A value not known during preview skips only the resource it belongs to.",
        "",
        "| rule | checks | default level | severity |",
        "|---|---|---|---|",
        ...pack.policies.map((policy) => `| [\`${policy.name}\`](#${policy.name}) | ${kindOf(policy)} | ${policy.enforcementLevel ?? "advisory"} | ${policy.severity ?? ""} |`),
        "",
        "## Pairing groups",
        "",
        paragraph(pack.pairingGroups),
        "",
        "## Production",
        "",
        paragraph(pack.productionDetection),
        "",
        "## What a preview can judge",
        "",
        ...pack.previewLimits.map((limit) => `- ${paragraph(limit)}`),
        "",
        "## Configuring the pack",
        "",
        "A pack config file (`pulumi preview --policy-pack policies --policy-pack-config FILE`, or `npm run plan -- --policy-config FILE`)",
        "maps a rule name to a level (`advisory`, `mandatory`, `disabled`) or to an object with `enforcementLevel` and the",
        "rule's settings. `all` sets the level of every rule. An entry for a name the pack does not have, with settings but",
        "no level, fails the preview; the plan names the key.",
        "",
        "```json",
        JSON.stringify(exampleConfig(pack.policies), null, 2),
        "```",
    ];
    for (const policy of pack.policies) lines.push("", ...ruleSection(policy));
    return `${lines.join("\n")}\n`;
}

function kindOf(policy: Policy): string {
    return "validateStack" in policy ? "the whole stack" : "each resource";
}

function ruleSection(policy: Policy): string[] {
    const lines = [
        `## ${policy.name}`,
        "",
        paragraph(policy.description),
        "",
        `- Checks ${kindOf(policy)}; default level **${policy.enforcementLevel ?? "advisory"}**; severity ${policy.severity ?? "unset"}.`,
    ];
    if (policy.url) lines.push(`- Background: ${policy.url}`);
    if (policy.remediationSteps) lines.push("", `**Fix.** ${paragraph(policy.remediationSteps)}`);
    const settings = Object.entries(policy.configSchema?.properties ?? {});
    if (settings.length > 0) {
        lines.push("", "| setting | type | default | meaning |", "|---|---|---|---|");
        for (const [name, schema] of settings) {
            lines.push(`| \`${name}\` | ${typeOf(schema)} | ${cell(schema.default === undefined ? "" : `\`${JSON.stringify(schema.default)}\``)} | ${cell(schema.description ?? "")} |`);
        }
    }
    return lines;
}

type PropertySchema = PolicyConfigSchema["properties"][string];

function typeOf(schema: PropertySchema): string {
    const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
    if (type === "array" && schema.items && !Array.isArray(schema.items) && typeof schema.items === "object") {
        return `${typeOf(schema.items as PropertySchema)}[]`;
    }
    return type;
}

/** A config that sets the first two rules, one by level and one with settings, from their real defaults. */
function exampleConfig(policies: Policies): Record<string, unknown> {
    const example: Record<string, unknown> = {};
    const configurable = policies.find((policy) => Object.keys(policy.configSchema?.properties ?? {}).length > 0);
    const advisory = policies.find((policy) => policy.enforcementLevel === "advisory");
    if (advisory) example[advisory.name] = "mandatory";
    if (configurable) {
        const settings = Object.fromEntries(Object.entries(configurable.configSchema?.properties ?? {}).map(([name, schema]) => [name, schema.default]));
        example[configurable.name] = { enforcementLevel: configurable.enforcementLevel ?? "advisory", ...settings };
    }
    return example;
}
