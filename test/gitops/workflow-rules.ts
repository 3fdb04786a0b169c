/**
 * The rules this project's GitHub workflows must keep, as functions that return the problems they
 * find (empty when the rule holds). The tests run them on the committed workflows and on broken
 * copies, so every rule is shown to catch what it is about.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

const WORKFLOW_DIR = resolve(__dirname, "../../.github/workflows");
export const REUSABLE_UP = "./.github/workflows/pulumi-up.yml";

export interface Step {
    id?: string;
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
    "continue-on-error"?: boolean | string;
}
type Permissions = string | Record<string, string>;
export interface Job {
    name?: string;
    needs?: string | string[];
    if?: string;
    environment?: string | { name: string };
    permissions?: Permissions;
    concurrency?: string | { group: string; "cancel-in-progress"?: boolean };
    env?: Record<string, string>;
    steps?: Step[];
    uses?: string;
    with?: Record<string, unknown>;
    secrets?: string | Record<string, string>;
    "continue-on-error"?: boolean | string;
    strategy?: { matrix?: Record<string, unknown>; "fail-fast"?: boolean };
}
interface WorkflowCallSecret {
    description?: string;
    required?: boolean;
}
export interface Workflow {
    name?: string;
    on: Record<string, unknown> & { workflow_call?: { inputs?: Record<string, unknown>; secrets?: Record<string, WorkflowCallSecret> } };
    permissions?: Permissions;
    jobs: Record<string, Job>;
}
export interface LoadedWorkflow {
    file: string;
    source: string;
    workflow: Workflow;
}

export function loadWorkflows(): LoadedWorkflow[] {
    return readdirSync(WORKFLOW_DIR)
        .filter((file) => /\.ya?ml$/.test(file))
        .sort()
        .map((file) => {
            const source = readFileSync(join(WORKFLOW_DIR, file), "utf8");
            return { file, source, workflow: parse(source) as Workflow };
        });
}

/** The committed workflow of that file name; throws when it is missing. */
export function findWorkflow(workflows: LoadedWorkflow[], file: string): LoadedWorkflow {
    const found = workflows.find((candidate) => candidate.file === file);
    if (!found) throw new Error(`.github/workflows/${file} is missing`);
    return found;
}

export const isPulumiAction = (step: Step): boolean => step.uses?.startsWith("pulumi/actions@") ?? false;
export const isAzureLogin = (step: Step): boolean => step.uses?.startsWith("azure/login@") ?? false;
const runsPulumiCli = (step: Step): boolean => /(^|[\s;&|])pulumi\s+\w/.test(step.run ?? "");
/** A step that talks to the stack: pulumi/actions with a command, or the pulumi CLI. */
export const usesStack = (step: Step): boolean => (isPulumiAction(step) && step.with?.command !== undefined) || runsPulumiCli(step);

export function grantsOf(job: Job): Record<string, string> {
    return typeof job.permissions === "object" ? job.permissions : {};
}

// ---------------------------------------------------------------------------------------------
// Pinning: `uses: owner/repo@<40 hex> # v1.2.3`; a tag or branch can be moved under us, a commit cannot.

const USES_LINE = /^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(.*?))?\s*$/;
const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+\.\d+\.\d+$/;

export interface ActionPin {
    action: string;
    sha: string;
    version: string;
}

/** The actions a workflow source pins by commit, with the version from the comment. */
export function pinnedActions(source: string): ActionPin[] {
    return [...source.matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@([0-9a-f]{40})\s*#\s*(\S+)/g)].map(([, action, sha, version]) => ({ action, sha, version }));
}

/** Every `uses:` line of a workflow source that is not a local workflow and not pinned to a commit with its version. */
export function unpinnedUses(source: string): string[] {
    const problems: string[] = [];
    source.split("\n").forEach((line, index) => {
        const match = USES_LINE.exec(line);
        if (!match) return;
        const [, reference, comment] = match;
        if (reference.startsWith("./")) return;
        if (!PINNED.test(reference)) problems.push(`line ${index + 1}: ${reference} is not pinned to a 40-character commit SHA`);
        else if (!comment || !VERSION_COMMENT.test(comment)) problems.push(`line ${index + 1}: ${reference} has no "# vX.Y.Z" version comment`);
    });
    return problems;
}

// ---------------------------------------------------------------------------------------------
// Secrets of reusable workflows: passed by name, exactly the ones the called workflow declares.

export function calledWorkflowSecretProblems(caller: Workflow, called: Workflow, calledPath: string): string[] {
    const declared = called.on.workflow_call?.secrets ?? {};
    const problems: string[] = [];
    for (const [id, job] of Object.entries(caller.jobs)) {
        if (job.uses !== calledPath) continue;
        if (job.secrets === "inherit") {
            problems.push(`${id} passes every secret (secrets: inherit)`);
            continue;
        }
        const passed = typeof job.secrets === "object" ? job.secrets : {};
        for (const [name, value] of Object.entries(passed)) {
            if (!(name in declared)) problems.push(`${id} passes ${name}, which the called workflow does not declare`);
            else if (value !== `\${{ secrets.${name} }}`) problems.push(`${id} passes ${name} from ${value}, not from the secret of that name`);
        }
        for (const [name, secret] of Object.entries(declared)) {
            if (secret.required && !(name in passed)) problems.push(`${id} does not pass the required secret ${name}`);
        }
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------
// The deploy path: a real preview with the pack, then the update, and nothing that runs on.

/** `if:` conditions that let a step run after an earlier step failed. */
const RUNS_AFTER_FAILURE = /\b(always|failure|cancelled)\s*\(\s*\)/;

export function deployGateProblems(job: Job): string[] {
    const steps = job.steps ?? [];
    const upIndex = steps.findIndex((step) => isPulumiAction(step) && step.with?.command === "up");
    if (upIndex < 0) return ["no pulumi/actions step runs `up`"];
    const gateIndex = steps.findIndex((step) => /\bpulumi\s+preview\b/.test(step.run ?? ""));
    if (gateIndex < 0) return ["no step runs `pulumi preview` before the update"];
    const problems: string[] = [];
    const gate = steps[gateIndex];
    const gateRun = gate.run ?? "";
    if (gateIndex > upIndex) problems.push("`pulumi preview` runs after `up`");
    if (!/--policy-pack[ =]policies\b/.test(gateRun)) problems.push("the preview does not load the policy pack (--policy-pack policies)");
    if (!/--stack[ =]/.test(gateRun)) problems.push("the preview does not name the stack (--stack)");
    if (gate["continue-on-error"] !== undefined && gate["continue-on-error"] !== false) problems.push("a failed preview is ignored (continue-on-error)");
    if (gate.if !== undefined) problems.push(`the preview runs only if ${gate.if}`);
    if (job["continue-on-error"] !== undefined && job["continue-on-error"] !== false) problems.push("the job continues on error");
    for (const step of steps.slice(gateIndex + 1, upIndex + 1)) {
        if (step.if !== undefined && RUNS_AFTER_FAILURE.test(step.if)) problems.push(`${step.name ?? step.uses ?? step.run} runs after a failure (if: ${step.if})`);
    }
    if (steps[upIndex].with?.policyPacks !== "policies") problems.push("the update does not load the policy pack");
    return problems;
}

// ---------------------------------------------------------------------------------------------
// Identities: the preview job is the preview identity and nothing else.

const PREVIEW_CLIENT_ID = "${{ secrets.AZURE_PREVIEW_CLIENT_ID }}";
export const DEPLOY_CLIENT_ID = "${{ secrets.AZURE_DEPLOY_CLIENT_ID }}";
const PREVIEW_GRANTS = { contents: "read", "id-token": "write", "pull-requests": "write" };

/** Problems with a job that previews code under review. */
export function previewIdentityProblems(job: Job): string[] {
    const problems: string[] = [];
    const text = JSON.stringify(job);
    if (job.environment !== undefined) problems.push("the job names an environment, so it reads that environment's secrets and changes its OIDC subject");
    if (job.env?.ARM_CLIENT_ID !== PREVIEW_CLIENT_ID) problems.push(`ARM_CLIENT_ID is ${String(job.env?.ARM_CLIENT_ID)}, not the preview identity`);
    const login = (job.steps ?? []).find(isAzureLogin);
    if (login?.with?.["client-id"] !== PREVIEW_CLIENT_ID) problems.push("azure/login does not sign in as the preview identity");
    if (text.includes("AZURE_DEPLOY_CLIENT_ID")) problems.push("the job references the deploy identity");
    const grants = grantsOf(job);
    if (JSON.stringify(Object.entries(grants).sort()) !== JSON.stringify(Object.entries(PREVIEW_GRANTS).sort())) {
        problems.push(`permissions are ${JSON.stringify(job.permissions)}, not exactly ${JSON.stringify(PREVIEW_GRANTS)}`);
    }
    if ((job.steps ?? []).some((step) => isPulumiAction(step) && step.with?.command !== undefined && step.with.command !== "preview")) {
        problems.push("the job runs a Pulumi command other than preview");
    }
    return problems;
}

/** Problems with the job that updates a stack. */
export function deployIdentityProblems(job: Job): string[] {
    const problems: string[] = [];
    if (job.environment !== "${{ inputs.stack }}") problems.push("the job does not run in the environment named like the stack");
    if (job.env?.ARM_CLIENT_ID !== DEPLOY_CLIENT_ID) problems.push(`ARM_CLIENT_ID is ${String(job.env?.ARM_CLIENT_ID)}, not the deploy identity`);
    const login = (job.steps ?? []).find(isAzureLogin);
    if (login?.with?.["client-id"] !== DEPLOY_CLIENT_ID) problems.push("azure/login does not sign in as the deploy identity");
    if (JSON.stringify(job).includes("AZURE_PREVIEW_CLIENT_ID")) problems.push("the job references the preview identity");
    return problems;
}

// ---------------------------------------------------------------------------------------------
// Keys: GitHub rejects a workflow with an unknown key only when it runs it; this finds it first.
// The lists come from GitHub's workflow syntax reference and its "Supported keywords for jobs that
// call a reusable workflow".

const WORKFLOW_KEYS = new Set(["name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs"]);
const JOB_KEYS = new Set([
    "name", "permissions", "needs", "if", "runs-on", "environment", "concurrency", "outputs", "env", "defaults", "steps",
    "timeout-minutes", "strategy", "continue-on-error", "container", "services",
]);
const CALLER_JOB_KEYS = new Set(["name", "uses", "with", "secrets", "strategy", "needs", "if", "concurrency", "permissions"]);
const STEP_KEYS = new Set(["id", "if", "name", "uses", "run", "working-directory", "shell", "with", "env", "continue-on-error", "timeout-minutes"]);

export function unknownKeys(workflow: Workflow): string[] {
    const problems: string[] = [];
    for (const key of Object.keys(workflow)) if (!WORKFLOW_KEYS.has(key)) problems.push(`workflow key ${key}`);
    for (const [id, job] of Object.entries(workflow.jobs)) {
        const allowed = job.uses !== undefined ? CALLER_JOB_KEYS : JOB_KEYS;
        for (const key of Object.keys(job)) if (!allowed.has(key)) problems.push(`jobs.${id}.${key}`);
        if (job.uses === undefined && !Array.isArray(job.steps)) problems.push(`jobs.${id} has neither steps nor uses`);
        if (job.uses === undefined && !("runs-on" in job)) problems.push(`jobs.${id} has no runs-on`);
        (job.steps ?? []).forEach((step, index) => {
            for (const key of Object.keys(step)) if (!STEP_KEYS.has(key)) problems.push(`jobs.${id}.steps[${index}].${key}`);
            if ((step.uses === undefined) === (step.run === undefined)) problems.push(`jobs.${id}.steps[${index}] needs exactly one of uses and run`);
        });
    }
    return problems;
}
