import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadWorkflows, pinnedActions } from "./workflow-rules";

const GITOPS_DOC = readFileSync(resolve(__dirname, "../../docs/gitops.md"), "utf8");
const workflows = loadWorkflows();
const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";

/** What a role-assignment condition lets its holder assign or remove, per action and attribute source. */
interface DelegationScope {
    write: { roles: string[]; principalTypes: string[] } | undefined;
    delete: { roles: string[]; principalTypes: string[] } | undefined;
}

function listAfter(condition: string, attribute: string): string[] {
    const match = new RegExp(`${attribute.replace(/[[\]/.]/g, "\\$&")}\\] ForAnyOfAnyValues:\\w+ \\{([^}]*)\\}`).exec(condition);
    return match ? match[1].split(",").map((value) => value.trim().replace(/^'|'$/g, "")) : [];
}

/** Reads a condition in the shape of Microsoft's "Constrain roles and principal types" example. */
function delegationScope(condition: string): DelegationScope {
    const [writePart, deletePart] = condition.split(/\)\)\s+AND\s+\(\(/);
    const side = (part: string | undefined, action: string, source: "Request" | "Resource") =>
        part?.includes(`ActionMatches{'Microsoft.Authorization/roleAssignments/${action}'}`)
            ? {
                  roles: listAfter(part, `@${source}[Microsoft.Authorization/roleAssignments:RoleDefinitionId`),
                  principalTypes: listAfter(part, `@${source}[Microsoft.Authorization/roleAssignments:PrincipalType`),
              }
            : undefined;
    return { write: side(writePart, "write", "Request"), delete: side(deletePart, "delete", "Resource") };
}

const documentedCondition = /^CONDITION="(.*)"$/m.exec(GITOPS_DOC)?.[1] ?? "";

describe("docs/gitops.md matches the workflows", () => {
    it("lists every secret and variable the workflows read", () => {
        const read = new Set(workflows.flatMap(({ source }) => [...source.matchAll(/\b(?:secrets|vars)\.(\w+)/g)].map(([, name]) => name)));
        read.delete("GITHUB_TOKEN");
        expect(read.size).toBeGreaterThan(5);
        const tableRows = GITOPS_DOC.split("\n").filter((line) => line.startsWith("| `"));
        for (const name of read) expect(tableRows.some((row) => row.startsWith(`| \`${name}\` |`)), name).toBe(true);
    });

    it("shows each pinned action with the version and commit the workflows use", () => {
        const pins = new Set(workflows.flatMap(({ source }) => pinnedActions(source)).map(({ action, sha, version }) => `${action} ${version} ${sha}`));
        const documented = new Set([...GITOPS_DOC.matchAll(/^\s*\| `([\w.-]+\/[\w.-]+)` \| (v[\d.]+) \| `([0-9a-f]{40})` \|$/gm)].map(([, action, version, sha]) => `${action} ${version} ${sha}`));
        expect(pins.size).toBe(5);
        expect([...documented].sort()).toEqual([...pins].sort());
    });

    it("keeps Dependabot watching the pinned actions", () => {
        const config = parse(readFileSync(resolve(__dirname, "../../.github/dependabot.yml"), "utf8")) as { updates: { "package-ecosystem": string; directory: string }[] };
        expect(config.updates).toContainEqual(expect.objectContaining({ "package-ecosystem": "github-actions", directory: "/" }));
    });
});

describe("the deploy identity's role-assignment condition", () => {
    it("lets it assign and remove Key Vault Secrets User only, for users, groups and service principals", () => {
        const scope = delegationScope(documentedCondition);
        const expected = { roles: [KEY_VAULT_SECRETS_USER], principalTypes: ["ServicePrincipal", "Group", "User"] };
        expect(scope).toEqual({ write: expected, delete: expected });
    });

    it("the reading of the condition notices a second role and a missing delete clause", () => {
        const widened = documentedCondition.replace(`{${KEY_VAULT_SECRETS_USER}} AND @Request`, `{${KEY_VAULT_SECRETS_USER}, 8e3af657-a8ff-443c-a75c-2fe8c4bcb635} AND @Request`);
        expect(delegationScope(widened).write?.roles).toEqual([KEY_VAULT_SECRETS_USER, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"]);
        const writeOnly = documentedCondition.split(/\)\)\s+AND\s+\(\(/)[0] + "))";
        expect(delegationScope(writeOnly).delete).toBeUndefined();
    });

    it("is assigned with condition version 2.0 on Role Based Access Control Administrator, and no command grants a wider role", () => {
        expect(GITOPS_DOC).toMatch(/--role "Role Based Access Control Administrator" --scope "\$RG_SCOPE" \\\n\s+--condition "\$CONDITION" --condition-version "2.0"/);
        const grants = GITOPS_DOC.replace(/\\\n\s*/g, "").split("\n").filter((line) => /^\s*az role assignment create /.test(line));
        expect(grants.length).toBeGreaterThan(5);
        expect(grants.filter((line) => /User Access Administrator|"Owner"|Cognitive Services User/.test(line))).toEqual([]);
    });
});
