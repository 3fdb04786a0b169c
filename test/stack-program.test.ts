import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { DEFAULTS } from "../components/defaults";
import { mockAccountKeys } from "../tools/plan/azure-mocks";
import { loadProject } from "../tools/plan/load-project";
import { declaredArguments } from "./components/declared-arguments";
import { recordRequests } from "./components/register-requests";
import { register, useAzureMocks } from "./helpers/mocks";
import { CliRun, runPlanMain } from "./tools/plan-cli";

interface Declaration {
    type: string;
    description?: string;
    default?: unknown;
    items?: { type: string };
}
interface ProjectFile {
    name: string;
    main: string;
    runtime: { name: string; options: Record<string, unknown> };
    backend: { url: string };
    config: Record<string, Declaration>;
}

const root = path.resolve(__dirname, "..");
const rootStacks = path.join(root, "test/fixtures/root-stacks");
const readYaml = <T>(file: string) => parse(fs.readFileSync(file, "utf8")) as T;
const project = readYaml<ProjectFile>(path.join(root, "Pulumi.yaml"));
const fixtureProject = readYaml<ProjectFile>(path.join(rootStacks, "Pulumi.yaml"));
const program = fs.readFileSync(path.join(root, "index.ts"), "utf8");
const keysRead = [
    ...new Set(
        [
            ...program.matchAll(/config\.(?:get|require)(?:Boolean|Number|Object|Secret)?(?:<[^>]+>)?\("([^"]+)"\)/g),
            ...program.matchAll(/(?:text|list|projectSetting)\("([^"]+)"\)/g),
            ...program.matchAll(/(\w+): PrincipalType\.\w+/g),
        ].map((match) => match[1]),
    ),
];
const readerKeys = ["secretReaderUserIds", "secretReaderGroupIds"];
const argumentNames = new Set(declaredArguments().map((argument) => argument.name));
/** The component argument a config key feeds: the same name, or `secretReaders` for the user and group id lists. */
const argumentOf = (key: string) => (readerKeys.includes(key) ? "secretReaders" : argumentNames.has(key) ? key : undefined);
const stackConfig = (dir: string, stack: string) => readYaml<{ config: Record<string, unknown> }>(path.join(dir, `Pulumi.${stack}.yaml`)).config;

describe("the stack program and Pulumi.yaml", () => {
    it("is the azure-custom-vision TypeScript project with index.ts as its program", () => {
        expect(project.name).toBe("azure-custom-vision");
        expect(project.main).toBe("index.ts");
        expect(project.runtime).toMatchObject({ name: "nodejs", options: { typescript: true } });
    });

    it("keeps state in a git-ignored folder inside the project by default", () => {
        expect(project.backend.url).toBe("file://./.pulumi-state");
        const ignore = fs.readFileSync(path.join(root, ".pulumi-state", ".gitignore"), "utf8");
        expect(ignore.split("\n")).toContain("*");
    });

    it("declares every key index.ts reads, with a type and a description, and nothing else", () => {
        expect(keysRead.length).toBeGreaterThan(15);
        expect(Object.keys(project.config).sort()).toEqual([...keysRead].sort());
        for (const key of keysRead) {
            expect(project.config[key].type, key).toMatch(/^(string|integer|boolean|array)$/);
            expect(project.config[key].description?.length, key).toBeGreaterThan(10);
        }
    });

    it("leaves every default of a component argument to the component", () => {
        const fed = keysRead.filter((key) => argumentOf(key) !== undefined);
        expect(fed.length).toBeGreaterThan(14);
        for (const key of fed) {
            const declaration = project.config[key];
            const argument = argumentOf(key)!;
            if (["location", "resourceGroupName"].includes(key)) {
                // Required by the component: required by the stack (the CLI requires a key without default).
                expect(declaration, key).not.toHaveProperty("default");
            } else if (declaration.type === "string" || declaration.type === "array") {
                // The empty value index.ts passes on as "unset".
                expect(declaration.default, key).toEqual(declaration.type === "string" ? "" : []);
            } else {
                // No empty integer or boolean exists: the default must be the component's own.
                expect(declaration.default, key).toEqual(DEFAULTS[argument as keyof typeof DEFAULTS]);
            }
        }
    });

    it("restates no default in index.ts: no `?? value` or `|| value` other than undefined", () => {
        expect(program.match(/(\?\?|\|\|)\s*(?!undefined\b)(["'`\d[{]|true\b|false\b)/g)).toBeNull();
        expect(program).not.toMatch(/DEFAULTS/);
    });

    it("reads the project settings through the one helper that keeps `secure:` values secret", () => {
        for (const key of ["projectId", "publishedIterationName"]) expect(program).toContain(`projectSetting("${key}")`);
        expect(program).toMatch(/config\.requireSecret\(key\)/);
    });

    it("has a dev stack that allows F0 and a prod stack on S0 with environment prod", () => {
        expect(stackConfig(root, "dev")["azure-custom-vision:trainingSku"]).toBe("F0");
        expect(stackConfig(root, "prod")).toMatchObject({
            "azure-custom-vision:environment": "prod",
            "azure-custom-vision:trainingSku": "S0",
            "azure-custom-vision:predictionSku": "S0",
        });
    });

    it("deploys prod into a resource group created beforehand, as docs/gitops.md scopes the deploy identity's roles to it, and lets dev create its own", () => {
        expect(stackConfig(root, "prod")["azure-custom-vision:createResourceGroup"]).toBe(false);
        expect(stackConfig(root, "dev")["azure-custom-vision:createResourceGroup"]).toBe(true);
        const gitops = fs.readFileSync(path.join(root, "docs/gitops.md"), "utf8");
        expect(gitops).toContain('az group create -n "$RG"');
        expect(gitops).toMatch(/Pulumi\.prod\.yaml[^\n]*createResourceGroup: false/);
    });

    it("exports no key: the keys stay in the vault, the secret URIs point there", () => {
        expect(program).not.toMatch(/trainingKey|predictionKey/);
        expect(program).toMatch(/export const secretUris = vision\.secretUris;/);
        expect(program).toMatch(/export const predictionResourceId = vision\.predictionAccountId;/);
    });
});

describe("the root-stacks fixture project", () => {
    const stacks = fs.readdirSync(rootStacks).filter((file) => /^Pulumi\.[\w-]+\.yaml$/.test(file) && file !== "Pulumi.yaml");

    it("declares every key its stacks set in the project's namespace, and the defaults the program relies on", () => {
        const set = new Set(stacks.flatMap((file) => Object.keys(stackConfig(rootStacks, file.slice("Pulumi.".length, -".yaml".length)))));
        const own = [...set].filter((key) => key.startsWith("azure-custom-vision:")).map((key) => key.slice("azure-custom-vision:".length));
        expect(stacks.length).toBeGreaterThanOrEqual(6);
        expect(Object.keys(fixtureProject.config).sort()).toEqual([...own, "createResourceGroup"].sort());
    });

    it("declares each key exactly as the root Pulumi.yaml does, description aside", () => {
        for (const [key, declaration] of Object.entries(fixtureProject.config)) {
            const { description, ...rootDeclaration } = project.config[key];
            void description;
            expect(declaration, key).toEqual(rootDeclaration);
        }
    });
});

/** The plan's JSON view of one stack: URN, type, name and inputs of every resource. */
interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}
const release = JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/release-0.1.0/registrations.json"), "utf8")) as { stacks: Record<string, PlannedResource[]> };
const runs: Record<string, CliRun> = {};

beforeAll(async () => {
    const planned: Record<string, string[]> = {
        dev: ["--json"],
        prod: ["--stack", "prod", "--json"],
        operations: ["--cwd", rootStacks, "--stack", "operations", "--json"],
        mars: ["--cwd", rootStacks, "--stack", "mars"],
        badArguments: ["--cwd", rootStacks, "--stack", "bad-arguments"],
        secureProject: ["--cwd", rootStacks, "--stack", "secure-project", "--json"],
    };
    await Promise.all(Object.entries(planned).map(async ([name, args]) => (runs[name] = await runPlanMain(args))));
}, 240_000);

const resourcesOf = (run: CliRun) => (JSON.parse(run.stdout) as { resources: PlannedResource[] }).resources;

/** The six key secrets 0.1.0 wrote through Pulumi; docs/operations.md removes them from the state before the upgrade. */
const KEY_SECRET_NAMES = ["training-key-1", "training-key-2", "training-key-active", "prediction-key-1", "prediction-key-2", "prediction-key-active"];
const keySecretUrn = (stack: string, secretName: string) => `urn:pulumi:${stack}::azure-custom-vision::azure-custom-vision:index:CustomVision$azure-native:keyvault:Secret::vision-${secretName}`;

/** The physical name inputs that must not change: a new account or vault name is a replacement, and a replacement loses data. */
const PHYSICAL_NAMES: Record<string, string[]> = {
    "azure-native:cognitiveservices:Account": ["accountName"],
    "azure-native:keyvault:Vault": ["vaultName"],
    "azure-native:operationalinsights:Workspace": ["workspaceName"],
    "azure-native:keyvault:Secret": ["vaultName", "secretName"],
    "azure-native:monitor:DiagnosticSetting": ["name", "resourceUri"],
    "azure-native:authorization:ManagementLockByScope": ["lockName", "scope"],
    "azure-native:monitor:MetricAlert": ["ruleName"],
    "azure-native:authorization:RoleAssignment": ["roleAssignmentName", "scope", "principalId"],
};

/** The resource group 0.1.0 created in every stack; prod now uses one created beforehand (createResourceGroup: false). */
const groupUrn = (stack: string) => `urn:pulumi:${stack}::azure-custom-vision::azure-native:resources:ResourceGroup::custom-vision`;
const GROUP_CREATED_BEFOREHAND = ["prod"];

/** What the upgrade does to each resource 0.1.0 registered or the current program registers, by URN. */
function upgradeOf(stack: string): Map<string, "removed" | "added" | "replaced" | "updated"> {
    const before = new Map(release.stacks[stack].map((resource) => [resource.urn, resource]));
    const after = new Map(resourcesOf(runs[stack]).map((resource) => [resource.urn, resource]));
    const changes = new Map<string, "removed" | "added" | "replaced" | "updated">();
    for (const [urn, old] of before) {
        const now = after.get(urn);
        if (now === undefined) changes.set(urn, "removed");
        else if (JSON.stringify(now.inputs) === JSON.stringify(old.inputs)) continue;
        else changes.set(urn, REPLACED_BY_INPUT[old.type]?.some((input) => now.inputs[input] !== old.inputs[input]) ? "replaced" : "updated");
    }
    for (const urn of after.keys()) if (!before.has(urn)) changes.set(urn, "added");
    return changes;
}
/** Inputs whose change replaces the resource (they are part of its ARM id). */
const REPLACED_BY_INPUT: Record<string, string[]> = {
    "azure-native:operationalinsights:SavedSearch": ["savedSearchId"],
    "azure-native:monitor:ActionGroup": ["actionGroupName"],
};

describe("an upgrade from 0.1.0", () => {
    for (const stack of ["dev", "prod", "operations"]) {
        it(`keeps every URN of the ${stack} stack but the six key secrets (and a group created beforehand), and adds only the key export`, () => {
            expect(runs[stack].stderr).toBe("");
            const before = new Set(release.stacks[stack].map((resource) => resource.urn));
            const after = new Set(resourcesOf(runs[stack]).map((resource) => resource.urn));
            const dropped = [...KEY_SECRET_NAMES.map((name) => keySecretUrn(stack, name)), ...(GROUP_CREATED_BEFOREHAND.includes(stack) ? [groupUrn(stack)] : [])];
            expect([...before].filter((urn) => !after.has(urn)).sort()).toEqual(dropped.sort());
            expect([...after].filter((urn) => !before.has(urn))).toEqual([
                `urn:pulumi:${stack}::azure-custom-vision::azure-custom-vision:index:CustomVision$azure-native:resources:Deployment::vision-key-export`,
            ]);
        });

        it(`keeps the physical names of accounts, vault, workspace, secrets, diagnostic settings, lock, alerts and role assignments (${stack})`, () => {
            const after = new Map(resourcesOf(runs[stack]).map((resource) => [resource.urn, resource]));
            const compared = release.stacks[stack].filter((resource) => PHYSICAL_NAMES[resource.type] && after.has(resource.urn));
            expect(compared.length).toBeGreaterThanOrEqual(10);
            for (const old of compared) {
                const names = (resource: PlannedResource) => PHYSICAL_NAMES[old.type].map((input) => resource.inputs[input]);
                expect(names(after.get(old.urn)!), old.urn).toEqual(names(old));
            }
        });

        it(`renames only the saved searches and the action group, adding the stable suffix (${stack})`, () => {
            const after = new Map(resourcesOf(runs[stack]).map((resource) => [resource.urn, resource]));
            const renamed = release.stacks[stack]
                .filter((old) => ["azure-native:operationalinsights:SavedSearch", "azure-native:monitor:ActionGroup"].includes(old.type))
                .map((old) => {
                    const input = old.type.endsWith("SavedSearch") ? "savedSearchId" : "actionGroupName";
                    return [old.inputs[input], after.get(old.urn)!.inputs[input]];
                });
            expect(renamed.length).toBeGreaterThanOrEqual(3);
            for (const [before, now] of renamed) expect(now).toMatch(new RegExp(`^${before}-[0-9a-f]{8}$`));
        });
    }

    const operations = fs.readFileSync(path.join(root, "docs/operations.md"), "utf8");
    const runbook = operations.slice(operations.indexOf("## Upgrading from 0.1.0"), operations.indexOf("## Troubleshooting"));

    it("is a runbook in docs/operations.md that removes exactly those six secrets from the state first, and lets prod's group go only after an update retained it", () => {
        const deletes = KEY_SECRET_NAMES.map((name) => runbook.indexOf(`pulumi state delete --stack prod --yes '${keySecretUrn("prod", name)}'`));
        expect(deletes.every((position) => position > 0)).toBe(true);
        const keepGroup = runbook.indexOf("pulumi config set --stack prod createResourceGroup true");
        const firstUp = runbook.indexOf("pulumi up --stack prod");
        const releaseGroup = runbook.indexOf("pulumi config set --stack prod createResourceGroup false");
        expect(keepGroup).toBeGreaterThan(0);
        expect(firstUp).toBeGreaterThan(Math.max(...deletes, keepGroup));
        expect(releaseGroup).toBeGreaterThan(firstUp);
        expect(runbook.indexOf("pulumi up --stack prod", releaseGroup)).toBeGreaterThan(releaseGroup);
    });

    it("lists, in docs/operations.md, every resource the upgrade touches in the dev, prod and operations stacks, with what the preview shows", () => {
        const rows = runbook.split("\n").filter((line) => line.startsWith("| `"));
        const shown = { removed: /nothing: removed from the state above|delete, retained/, added: /\| create \|/, replaced: /\| replace \|/, updated: /\| update / };
        let listed = 0;
        for (const stack of ["dev", "prod", "operations"]) {
            for (const [urn, change] of upgradeOf(stack)) {
                const name = urn.split("::").pop()!.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "<object id>");
                const row = rows.find((line) => line.split(" | ")[0].includes(`\`${name}\``));
                expect(row, `${stack}: ${name} (${change}) is not in the table`).toBeDefined();
                expect(row, `${stack}: ${name}`).toMatch(shown[change]);
                listed++;
            }
        }
        expect(listed).toBeGreaterThan(40);
    });
});

describe("planning the stack program", () => {
    it("sends no account key anywhere: the key export reads them inside Azure", () => {
        for (const stack of ["dev", "prod", "operations"]) {
            const resources = resourcesOf(runs[stack]);
            const printed = JSON.stringify(resources);
            for (const account of resources.filter((resource) => resource.type === "azure-native:cognitiveservices:Account")) {
                const { key1, key2 } = mockAccountKeys(String(account.inputs.accountName));
                expect(printed).not.toContain(key1);
                expect(printed).not.toContain(key2);
            }
            expect(resources.filter((resource) => resource.type === "azure-native:resources:Deployment")).toHaveLength(1);
        }
    });

    it("states the principal type of every role assignment", () => {
        const assignments = resourcesOf(runs.prod).filter((resource) => resource.type === "azure-native:authorization:RoleAssignment");
        expect(assignments.map((assignment) => assignment.inputs.principalType)).toEqual(["ServicePrincipal"]);
    });

    it("plans a stack whose project settings are `secure:`, storing them as secrets", () => {
        expect(runs.secureProject.stderr).toBe("");
        expect(runs.secureProject.code).toBe(0);
        const secrets = resourcesOf(runs.secureProject).filter((resource) => ["project-id", "published-iteration-name"].includes(String(resource.inputs.secretName)));
        expect(secrets.map((secret) => secret.inputs.properties)).toEqual([expect.objectContaining({ value: "[secret]" }), expect.objectContaining({ value: "[secret]" })]);
    });

    it("names the stack file and config key of a value the component refuses", () => {
        expect(runs.mars.code).toBe(2);
        expect(runs.mars.stderr).toMatch(/^plan: Pulumi\.mars\.yaml: azure-custom-vision:location "mars" is not a region where Custom Vision is offered/);
    });

    it("reports every bad config value of the stack in one message, allowedRegions from config included", () => {
        expect(runs.badArguments.code).toBe(2);
        const message = runs.badArguments.stderr.trim();
        expect(message.split("\n")).toHaveLength(1);
        expect(message).toContain('Pulumi.bad-arguments.yaml: azure-custom-vision:location "eastus" is not a region where Custom Vision is offered; use one of westeurope');
        expect(message).toContain('Pulumi.bad-arguments.yaml: azure-custom-vision:trainingSku "S1" is not a Custom Vision pricing tier');
        expect(message).toContain('Pulumi.bad-arguments.yaml: azure-custom-vision:secretReaderGroupIds[0] "platform-team" is not an Entra ID object id');
    });
});

/** Runs index.ts in this process under the Azure mocks, with the config of a root-stacks fixture stack and `plain` values set in the clear. */
async function runProgram(stack: string, plain: Record<string, string> = {}) {
    const project = loadProject(rootStacks, stack);
    const runtime = useAzureMocks(stack);
    const requests = recordRequests(runtime.monitor);
    const secretKeys = project.secretKeys.filter((key) => !(key in plain));
    pulumi.runtime.setAllConfig({ ...project.config, ...plain }, secretKeys);
    vi.resetModules();
    let error: unknown;
    try {
        await import("../index");
    } catch (thrown) {
        error = thrown;
    }
    await register(() => undefined);
    return { error, registrations: runtime.registrations, requests };
}

describe("the stack program's order", () => {
    it("checks every argument before it registers anything, the resource group included", async () => {
        const { error, registrations } = await runProgram("bad-arguments");
        expect(error).toMatchObject({ name: "CustomVisionArgumentError", message: expect.stringMatching(/^Pulumi\.bad-arguments\.yaml: azure-custom-vision:location "eastus" is not a region/) });
        expect(registrations).toEqual([]);
    });

    it("tags the resource group with the environment as the component spells it, and never deletes the group", async () => {
        const { error, registrations, requests } = await runProgram("dev", { "azure-custom-vision:environment": "Prod" });
        expect(error).toBeUndefined();
        const group = registrations.find((registration) => registration.type === "azure-native:resources:ResourceGroup")!;
        expect(group.inputs.tags).toEqual({ "managed-by": "pulumi", environment: "prod" });
        expect(registrations.find((registration) => registration.type === "azure-native:keyvault:Vault")!.inputs.tags).toMatchObject({ environment: "prod" });
        expect(requests.find((request) => request.type === "azure-native:resources:ResourceGroup")).toMatchObject({ retainondelete: true });
    });

    it("checks a plain project id in the stack file and leaves a `secure:` one unread", async () => {
        const plain = await runProgram("secure-project", { "azure-custom-vision:projectId": "my-project-name" });
        expect(plain.error).toMatchObject({ message: 'Pulumi.secure-project.yaml: azure-custom-vision:projectId "my-project-name" is not a Custom Vision project id (the GUID in the portal URL /projects/<id>)' });
        expect(plain.registrations).toEqual([]);
        const secure = await runProgram("secure-project");
        expect(secure.error).toBeUndefined();
    });
});
