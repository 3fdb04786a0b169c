import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

const WORKFLOW_DIR = resolve(__dirname, "../../.github/workflows");

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}
interface Job {
    name?: string;
    needs?: string | string[];
    environment?: string | { name: string };
    permissions?: string | Record<string, string>;
    concurrency?: string | { group: string; "cancel-in-progress"?: boolean };
    env?: Record<string, string>;
    steps?: Step[];
    uses?: string;
    with?: Record<string, unknown>;
    secrets?: string | Record<string, string>;
}
interface Workflow {
    on: Record<string, unknown>;
    permissions?: string | Record<string, string>;
    jobs: Record<string, Job>;
}
interface LoadedWorkflow {
    file: string;
    source: string;
    workflow: Workflow;
}

const workflowFiles = readdirSync(WORKFLOW_DIR).filter((file) => /\.ya?ml$/.test(file));
const workflows: LoadedWorkflow[] = workflowFiles.map((file) => {
    const source = readFileSync(join(WORKFLOW_DIR, file), "utf8");
    return { file, source, workflow: parse(source) as Workflow };
});

function workflow(file: string): Workflow {
    const found = workflows.find((candidate) => candidate.file === file);
    if (!found) throw new Error(`.github/workflows/${file} is missing`);
    return found.workflow;
}

/** Every job of every workflow, with where it lives. */
const allJobs = workflows.flatMap(({ file, workflow }) =>
    Object.entries(workflow.jobs).map(([id, job]) => ({ file, id, job })),
);

const isPulumiAction = (step: Step) => step.uses?.startsWith("pulumi/actions@") ?? false;
const isAzureLogin = (step: Step) => step.uses?.startsWith("azure/login@") ?? false;
const pulumiSteps = allJobs.flatMap(({ file, id, job }) =>
    (job.steps ?? []).filter(isPulumiAction).map((step) => ({ file, id, job, step })),
);

/** The errors @action-validator/core reports for a workflow source. */
function validationErrors(source: string): unknown[] {
    return validateWorkflow(source).errors;
}

describe("every workflow is valid GitHub Actions syntax", () => {
    it("finds the preview, deploy and reusable pulumi-up workflows", () => {
        expect(workflowFiles.sort()).toEqual(["deploy.yml", "preview.yml", "pulumi-up.yml"]);
    });

    it.each(workflowFiles)("%s passes @action-validator/core", (file) => {
        const { source } = workflows.find((candidate) => candidate.file === file)!;
        const state = validateWorkflow(source);
        expect(state.actionType).toBe("workflow");
        expect(state.errors).toEqual([]);
    });

    it("the validator rejects a job whose steps key is misspelled", () => {
        const broken = structuredClone(workflow("preview.yml"));
        const job = broken.jobs.preview as Job & { stepz?: Step[] };
        job.stepz = job.steps;
        delete job.steps;
        expect(validationErrors(stringify(broken))).not.toEqual([]);
    });

    it("the validator rejects a permission level that does not exist", () => {
        const broken = structuredClone(workflow("pulumi-up.yml"));
        broken.jobs.up.permissions = { contents: "read", "id-token": "admin" };
        expect(validationErrors(stringify(broken))).not.toEqual([]);
    });

    it("the validator rejects a job without runs-on", () => {
        const broken = structuredClone(workflow("deploy.yml")) as Workflow & { jobs: { test: Job & { "runs-on"?: string } } };
        delete broken.jobs.test["runs-on"];
        expect(validationErrors(stringify(broken))).not.toEqual([]);
    });
});

describe("triggers", () => {
    it("preview runs on pull requests to main, deploy on pushes to main", () => {
        expect(workflow("preview.yml").on).toEqual({ pull_request: { branches: ["main"] } });
        expect(workflow("deploy.yml").on).toEqual({ push: { branches: ["main"] } });
    });

    it("pulumi-up is only ever called by another workflow", () => {
        expect(Object.keys(workflow("pulumi-up.yml").on)).toEqual(["workflow_call"]);
    });
});

describe("least-privilege permissions", () => {
    const ALLOWED: Record<string, string> = { contents: "read", "id-token": "write", "pull-requests": "write" };

    it.each(workflowFiles)("%s defaults the whole workflow to contents: read", (file) => {
        expect(workflow(file).permissions).toEqual({ contents: "read" });
    });

    it("no workflow grants write-all or read-all", () => {
        for (const { file, source } of workflows) {
            expect(source, file).not.toMatch(/\b(write|read)-all\b/);
        }
    });

    it.each(allJobs.map(({ file, id, job }) => [`${file}#${id}`, job] as const))(
        "%s states its permissions and asks for nothing beyond contents:read, id-token:write, pull-requests:write",
        (_, job) => {
            expect(typeof job.permissions).toBe("object");
            for (const [scope, level] of Object.entries(job.permissions as Record<string, string>)) {
                expect(ALLOWED[scope], `scope ${scope}`).toBeDefined();
                expect(level, `scope ${scope}`).toBe(ALLOWED[scope]);
            }
        },
    );

    it("only jobs that comment on the PR may write pull requests", () => {
        for (const { file, id, job } of allJobs) {
            const writesPullRequests = typeof job.permissions === "object" && job.permissions["pull-requests"] === "write";
            const comments = (job.steps ?? []).some((step) => isPulumiAction(step) && step.with?.["comment-on-pr"] === true);
            expect(writesPullRequests, `${file}#${id}`).toBe(comments);
        }
    });

    it("only jobs that sign in to Azure (or call a workflow that does) get an OIDC token", () => {
        for (const { file, id, job } of allJobs) {
            const hasIdToken = typeof job.permissions === "object" && job.permissions["id-token"] === "write";
            const signsIn = (job.steps ?? []).some(isAzureLogin) || job.uses === "./.github/workflows/pulumi-up.yml";
            expect(hasIdToken, `${file}#${id}`).toBe(signsIn);
        }
    });
});

describe("Azure sign-in is OIDC federation, never a client secret", () => {
    const azureLogins = allJobs.flatMap(({ file, id, job }) => (job.steps ?? []).filter(isAzureLogin).map((step) => ({ file, id, job, step })));

    it("every job running Pulumi signs in with azure/login@v2 first", () => {
        expect(pulumiSteps.length).toBeGreaterThan(0);
        for (const { file, id, job } of pulumiSteps) {
            const steps = job.steps ?? [];
            const loginIndex = steps.findIndex(isAzureLogin);
            const pulumiIndex = steps.findIndex(isPulumiAction);
            expect(loginIndex, `${file}#${id}`).toBeGreaterThanOrEqual(0);
            expect(loginIndex, `${file}#${id}`).toBeLessThan(pulumiIndex);
            expect(steps[loginIndex].uses).toBe("azure/login@v2");
        }
    });

    it("azure/login gets exactly client-id, tenant-id and subscription-id, each from a secret", () => {
        expect(azureLogins.length).toBeGreaterThan(0);
        for (const { file, id, step } of azureLogins) {
            expect(Object.keys(step.with ?? {}).sort(), `${file}#${id}`).toEqual(["client-id", "subscription-id", "tenant-id"]);
            for (const value of Object.values(step.with ?? {})) expect(value).toMatch(/^\$\{\{ secrets\.AZURE_[A-Z_]+ \}\}$/);
        }
    });

    it("the azure-native provider is told to use OIDC with the same identity", () => {
        for (const { file, id, job } of pulumiSteps) {
            const env = job.env ?? {};
            expect(env.ARM_USE_OIDC, `${file}#${id}`).toBe("true");
            expect(env.ARM_CLIENT_ID).toBe("${{ secrets.AZURE_CLIENT_ID }}");
            expect(env.ARM_TENANT_ID).toBe("${{ secrets.AZURE_TENANT_ID }}");
            expect(env.ARM_SUBSCRIPTION_ID).toBe("${{ secrets.AZURE_SUBSCRIPTION_ID }}");
        }
    });

    it("no workflow mentions a client secret or a credentials JSON", () => {
        for (const { file, source } of workflows) {
            expect(source, file).not.toMatch(/client[-_]?secret|AZURE_CREDENTIALS|\bcreds:/i);
        }
    });
});

describe("state backend and passphrase", () => {
    it("every Pulumi job reads the azblob backend URL and the passphrase from secrets", () => {
        for (const { file, id, job, step } of pulumiSteps) {
            const env = job.env ?? {};
            expect(env.PULUMI_BACKEND_URL, `${file}#${id}`).toBe("${{ secrets.PULUMI_BACKEND_URL }}");
            expect(env.PULUMI_CONFIG_PASSPHRASE).toBe("${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
            expect(env.AZURE_STORAGE_ACCOUNT).toMatch(/^\$\{\{ (vars|secrets)\.AZURE_STORAGE_ACCOUNT \}\}$/);
            expect(env.AZURE_KEYVAULT_AUTH_VIA_CLI).toBe("true");
            expect(step.with?.["cloud-url"]).toBe("${{ secrets.PULUMI_BACKEND_URL }}");
        }
    });
});

describe("the policy pack guards every preview and every update", () => {
    it("pulumi/actions v6 runs preview in preview.yml and up in pulumi-up.yml", () => {
        const commands = pulumiSteps.map(({ file, step }) => `${file}:${String(step.with?.command)}`).sort();
        expect(commands).toEqual(["preview.yml:preview", "pulumi-up.yml:up"]);
        for (const { step } of pulumiSteps) expect(step.uses).toBe("pulumi/actions@v6");
    });

    it.each(pulumiSteps.map(({ file, step }) => [`${file} ${String(step.with?.command)}`, step] as const))(
        "%s passes policyPacks: policies",
        (_, step) => {
            expect(step.with?.policyPacks).toBe("policies");
        },
    );

    it("the preview comments on the pull request", () => {
        const preview = pulumiSteps.find(({ step }) => step.with?.command === "preview")!;
        expect(preview.step.with?.["comment-on-pr"]).toBe(true);
    });
});

describe("the offline plan runs as a check before anything touches Azure", () => {
    const planSteps = (file: string) =>
        Object.values(workflow(file).jobs).flatMap((job) =>
            (job.steps ?? []).filter((step) => /\bnpm run\b.*\bplan\b.*--json/.test(step.run ?? "")),
        );

    it("preview.yml plans each stack of its matrix with `npm run plan -- --json`", () => {
        const planJob = workflow("preview.yml").jobs.plan as Job & { strategy: { matrix: { stack: string[] } } };
        expect(planJob.strategy.matrix.stack).toEqual(["dev", "prod"]);
        expect(planSteps("preview.yml").map((step) => step.run)).toEqual([
            "npm run --silent plan -- --stack ${{ matrix.stack }} --json > plan-${{ matrix.stack }}.json",
        ]);
    });

    it("deploy.yml plans dev and prod with `npm run plan -- --json`", () => {
        const runs = planSteps("deploy.yml").map((step) => step.run ?? "");
        expect(runs.map((run) => /--stack (\w+)/.exec(run)?.[1])).toEqual(["dev", "prod"]);
    });

    it.each(["preview.yml", "deploy.yml"])("%s uploads the plan JSON as an artifact even when the plan fails", (file) => {
        const uploads = Object.values(workflow(file).jobs).flatMap((job) =>
            (job.steps ?? []).filter((step) => step.uses?.startsWith("actions/upload-artifact@")),
        );
        expect(uploads.length).toBe(1);
        expect(uploads[0].if).toBe("always()");
        expect(String(uploads[0].with?.path)).toMatch(/plan-.*\.json/);
    });

    it("no preview starts before the tests and the plan passed", () => {
        expect(workflow("preview.yml").jobs.preview.needs).toEqual(["test", "plan"]);
    });
});

describe("one update per stack at a time, prod behind an approval", () => {
    it("every Pulumi job has a concurrency group keyed by its stack", () => {
        for (const { file, id, job, step } of pulumiSteps) {
            const concurrency = job.concurrency as { group: string; "cancel-in-progress": boolean };
            const stackExpression = String(step.with?.["stack-name"]);
            expect(stackExpression, `${file}#${id}`).toMatch(/^\$\{\{ (matrix|inputs)\.stack \}\}$/);
            expect(concurrency.group, `${file}#${id}`).toContain(stackExpression);
        }
    });

    it("a running pulumi up is never cancelled by the next one", () => {
        const up = pulumiSteps.find(({ step }) => step.with?.command === "up")!;
        expect(up.job.concurrency).toEqual({ group: "pulumi-deploy-${{ inputs.stack }}", "cancel-in-progress": false });
    });

    it("the update job runs in the GitHub environment named after the stack", () => {
        const up = pulumiSteps.find(({ step }) => step.with?.command === "up")!;
        expect(up.job.environment).toBe("${{ inputs.stack }}");
    });

    it("deploy updates dev, then prod, through the reusable workflow", () => {
        const { jobs } = workflow("deploy.yml");
        expect(jobs.dev).toMatchObject({ uses: "./.github/workflows/pulumi-up.yml", with: { stack: "dev" }, needs: "test" });
        expect(jobs.prod).toMatchObject({ uses: "./.github/workflows/pulumi-up.yml", with: { stack: "prod" }, needs: "dev" });
    });
});
