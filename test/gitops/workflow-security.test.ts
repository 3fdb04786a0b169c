import { describe, expect, it } from "vitest";
import {
    DEPLOY_CLIENT_ID,
    REUSABLE_UP,
    type Job,
    type Step,
    type Workflow,
    calledWorkflowSecretProblems,
    deployGateProblems,
    deployIdentityProblems,
    findWorkflow,
    isAzureLogin,
    isPulumiAction,
    loadWorkflows,
    pinnedActions,
    previewIdentityProblems,
    unpinnedUses,
} from "./workflow-rules";

const workflows = loadWorkflows();
const loaded = (file: string) => findWorkflow(workflows, file);
const deploy = loaded("deploy.yml").workflow;
const pulumiUp = loaded("pulumi-up.yml").workflow;
const preview = loaded("preview.yml").workflow;
const copy = (workflow: Workflow): Workflow => structuredClone(workflow);

describe("every action is pinned to a commit, with its version beside it", () => {
    it.each(workflows.map(({ file, source }) => [file, source] as const))("%s pins every uses: to a 40-character SHA", (_, source) => {
        expect(unpinnedUses(source)).toEqual([]);
    });

    it("the rule flags a tag, a short SHA and a pin without a version comment", () => {
        const source = [
            "      - uses: actions/checkout@v7",
            "      - uses: actions/checkout@3d3c42e # v7.0.1",
            "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1",
            "      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7",
            "    uses: ./.github/workflows/pulumi-up.yml",
        ].join("\n");
        expect(unpinnedUses(source)).toEqual([
            "line 1: actions/checkout@v7 is not pinned to a 40-character commit SHA",
            "line 2: actions/checkout@3d3c42e is not pinned to a 40-character commit SHA",
            "line 3: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 has no \"# vX.Y.Z\" version comment",
            "line 4: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 has no \"# vX.Y.Z\" version comment",
        ]);
    });

    it("an action is pinned to the same commit and version in every workflow", () => {
        const pins = new Map<string, Set<string>>();
        for (const { action, sha, version } of workflows.flatMap(({ source }) => pinnedActions(source))) {
            pins.set(action, (pins.get(action) ?? new Set()).add(`${sha} ${version}`));
        }
        expect([...pins.keys()].sort()).toEqual(["actions/checkout", "actions/setup-node", "actions/upload-artifact", "azure/login", "pulumi/actions"]);
        for (const [action, versions] of pins) expect([...versions], action).toHaveLength(1);
    });
});

describe("the reusable update workflow gets its secrets by name", () => {
    it("deploy.yml passes exactly the secrets pulumi-up.yml declares, none by inherit", () => {
        expect(calledWorkflowSecretProblems(deploy, pulumiUp, REUSABLE_UP)).toEqual([]);
        for (const { file, source } of workflows) expect(source, file).not.toMatch(/secrets:\s*inherit/);
    });

    it("the rule flags inherit, a missing required secret and a secret the called workflow does not declare", () => {
        const broken = copy(deploy);
        broken.jobs.dev.secrets = "inherit";
        const prodSecrets = broken.jobs.prod.secrets as Record<string, string>;
        delete prodSecrets.AZURE_DEPLOY_CLIENT_ID;
        prodSecrets.AZURE_CREDENTIALS = "${{ secrets.AZURE_CREDENTIALS }}";
        expect(calledWorkflowSecretProblems(broken, pulumiUp, REUSABLE_UP)).toEqual([
            "dev passes every secret (secrets: inherit)",
            "prod passes AZURE_CREDENTIALS, which the called workflow does not declare",
            "prod does not pass the required secret AZURE_DEPLOY_CLIENT_ID",
        ]);
    });

    it("pulumi-up.yml reads no secret it does not declare (GITHUB_TOKEN aside)", () => {
        const declared = Object.keys(pulumiUp.on.workflow_call?.secrets ?? {});
        const read = [...loaded("pulumi-up.yml").source.matchAll(/secrets\.(\w+)/g)].map(([, name]) => name);
        expect(read.length).toBeGreaterThan(0);
        expect(read.filter((name) => name !== "GITHUB_TOKEN" && !declared.includes(name))).toEqual([]);
    });
});

describe("the deploy path runs a real policy preview and stops on a violation before `up`", () => {
    const upJob = pulumiUp.jobs.up;
    const stepIndex = (job: Job, matches: (step: Step) => boolean) => (job.steps ?? []).findIndex(matches);

    it("pulumi-up.yml previews with --policy-pack policies, then updates", () => {
        expect(deployGateProblems(upJob)).toEqual([]);
    });

    it("the preview runs after the CLI is installed and the identity signed in", () => {
        const gate = stepIndex(upJob, (step) => /\bpulumi\s+preview\b/.test(step.run ?? ""));
        const install = stepIndex(upJob, (step) => isPulumiAction(step) && step.with?.command === undefined);
        expect(install).toBeGreaterThanOrEqual(0);
        expect(stepIndex(upJob, isAzureLogin)).toBeLessThan(install);
        expect(install).toBeLessThan(gate);
    });

    it("deploy.yml reaches Azure only through pulumi-up.yml, dev before prod", () => {
        const callers = Object.entries(deploy.jobs).filter(([, job]) => job.uses !== undefined);
        expect(callers.map(([id, job]) => [id, job.uses, job.with?.stack, job.needs])).toEqual([
            ["dev", REUSABLE_UP, "dev", "test"],
            ["prod", REUSABLE_UP, "prod", "dev"],
        ]);
        expect(Object.values(deploy.jobs).flatMap((job) => job.steps ?? []).filter((step) => isPulumiAction(step) || isAzureLogin(step))).toEqual([]);
    });

    const mutations: [string, (job: Job) => void, string][] = [
        ["the preview step is removed", (job) => { job.steps = job.steps?.filter((step) => !/pulumi preview/.test(step.run ?? "")); }, "no step runs `pulumi preview` before the update"],
        ["the preview moves after `up`", (job) => { job.steps?.push(job.steps.splice(job.steps.findIndex((step) => /pulumi preview/.test(step.run ?? "")), 1)[0]); }, "`pulumi preview` runs after `up`"],
        ["the preview drops the pack", (job) => { const gate = job.steps?.find((step) => /pulumi preview/.test(step.run ?? "")); if (gate) gate.run = gate.run?.replace(/--policy-pack policies/, ""); }, "the preview does not load the policy pack (--policy-pack policies)"],
        ["a failed preview is ignored", (job) => { const gate = job.steps?.find((step) => /pulumi preview/.test(step.run ?? "")); if (gate) gate["continue-on-error"] = true; }, "a failed preview is ignored (continue-on-error)"],
        ["`up` runs whatever happened", (job) => { const up = job.steps?.find((step) => step.with?.command === "up"); if (up) up.if = "${{ always() }}"; }, "Update (pulumi up) runs after a failure (if: ${{ always() }})"],
    ];
    it.each(mutations)("the rule catches it when %s", (_, mutate, problem) => {
        const broken = copy(pulumiUp).jobs.up;
        mutate(broken);
        expect(deployGateProblems(broken)).toContain(problem);
    });
});

describe("pull requests preview as the preview identity, never as a deploy identity", () => {
    const previewJob = preview.jobs.preview;

    it("the preview job signs in with its own client id, outside every environment, with contents read, OIDC and the PR comment only", () => {
        expect(previewIdentityProblems(previewJob)).toEqual([]);
    });

    it("no job in preview.yml names an environment or the deploy identity", () => {
        for (const [id, job] of Object.entries(preview.jobs)) {
            expect(job.environment, id).toBeUndefined();
            expect(JSON.stringify(job), id).not.toContain("AZURE_DEPLOY_CLIENT_ID");
        }
    });

    const mutations: [string, (job: Job) => void, string][] = [
        ["it runs in the prod environment", (job) => { job.environment = "prod"; }, "the job names an environment, so it reads that environment's secrets and changes its OIDC subject"],
        ["it signs in as the deploy identity", (job) => { if (job.env) job.env.ARM_CLIENT_ID = DEPLOY_CLIENT_ID; }, "the job references the deploy identity"],
        ["it asks for actions: write", (job) => { job.permissions = { ...(job.permissions as Record<string, string>), actions: "write" }; }, 'permissions are {"contents":"read","id-token":"write","pull-requests":"write","actions":"write"}, not exactly {"contents":"read","id-token":"write","pull-requests":"write"}'],
        ["it runs `up`", (job) => { const step = job.steps?.find(isPulumiAction); if (step?.with) step.with.command = "up"; }, "the job runs a Pulumi command other than preview"],
    ];
    it.each(mutations)("the rule catches it when %s", (_, mutate, problem) => {
        const broken = copy(preview).jobs.preview;
        mutate(broken);
        expect(previewIdentityProblems(broken)).toContain(problem);
    });

    it("the update job is the deploy identity of the stack's environment, and the rule notices the preview identity there", () => {
        expect(deployIdentityProblems(pulumiUp.jobs.up)).toEqual([]);
        const broken = copy(pulumiUp).jobs.up;
        const login = broken.steps?.find(isAzureLogin);
        if (login?.with) login.with["client-id"] = "${{ secrets.AZURE_PREVIEW_CLIENT_ID }}";
        expect(deployIdentityProblems(broken)).toEqual(["azure/login does not sign in as the deploy identity", "the job references the preview identity"]);
    });
});
