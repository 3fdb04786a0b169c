import { describe, expect, it } from "vitest";
import { type Job, type Workflow, REUSABLE_UP, findWorkflow, grantsOf, isAzureLogin, isPulumiAction, loadWorkflows, unknownKeys, usesStack } from "./workflow-rules";

const workflows = loadWorkflows();
const workflow = (file: string): Workflow => findWorkflow(workflows, file).workflow;
const allJobs = workflows.flatMap(({ file, workflow }) => Object.entries(workflow.jobs).map(([id, job]) => ({ file, id, job })));
const stackJobs = allJobs.filter(({ job }) => (job.steps ?? []).some(usesStack));
const pulumiActionSteps = allJobs.flatMap(({ file, id, job }) =>
    (job.steps ?? []).filter((step) => isPulumiAction(step) && step.with?.command !== undefined).map((step) => ({ file, id, job, step })),
);
const holdsOidcToken = (job: Job) => grantsOf(job)["id-token"] === "write";

describe("the workflows use only keys GitHub defines", () => {
    it("finds the preview, deploy and reusable pulumi-up workflows", () => {
        expect(workflows.map(({ file }) => file)).toEqual(["deploy.yml", "preview.yml", "pulumi-up.yml"]);
    });

    it.each(workflows.map(({ file, workflow }) => [file, workflow] as const))("%s has no unknown key", (_, parsed) => {
        expect(unknownKeys(parsed)).toEqual([]);
    });

    it("the key check catches a misspelt steps key, a missing runs-on and a step with both uses and run", () => {
        const broken = structuredClone(workflow("preview.yml")) as Workflow & { jobs: Record<string, Job & { stepz?: unknown; "runs-on"?: string }> };
        broken.jobs.test.stepz = broken.jobs.test.steps;
        delete broken.jobs.test.steps;
        delete broken.jobs.plan["runs-on"];
        const step = broken.jobs.preview.steps?.[0];
        if (step) step.run = "echo";
        expect(unknownKeys(broken)).toEqual([
            "jobs.test.stepz",
            "jobs.test has neither steps nor uses",
            "jobs.plan has no runs-on",
            "jobs.preview.steps[0] needs exactly one of uses and run",
        ]);
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

    it.each(workflows.map(({ file }) => file))("%s defaults the whole workflow to contents: read", (file) => {
        expect(workflow(file).permissions).toEqual({ contents: "read" });
    });

    it("no workflow grants write-all or read-all", () => {
        for (const { file, source } of workflows) expect(source, file).not.toMatch(/\b(write|read)-all\b/);
    });

    it.each(allJobs.map(({ file, id, job }) => [`${file}#${id}`, job] as const))(
        "%s reads contents and asks for nothing beyond id-token:write and pull-requests:write",
        (_, job) => {
            const grants = grantsOf(job);
            expect(grants.contents).toBe("read");
            for (const [scope, level] of Object.entries(grants)) expect(`${scope}: ${level}`).toBe(`${scope}: ${ALLOWED[scope]}`);
        },
    );

    it("only jobs that comment on the PR may write pull requests", () => {
        for (const { file, id, job } of allJobs) {
            const comments = (job.steps ?? []).some((step) => isPulumiAction(step) && step.with?.["comment-on-pr"] === true);
            expect(grantsOf(job)["pull-requests"] === "write", `${file}#${id}`).toBe(comments);
        }
    });

    it("only jobs that sign in to Azure (or call the workflow that does) get an OIDC token", () => {
        for (const { file, id, job } of allJobs) {
            const signsIn = (job.steps ?? []).some(isAzureLogin) || job.uses === REUSABLE_UP;
            expect(holdsOidcToken(job), `${file}#${id}`).toBe(signsIn);
        }
    });
});

describe("jobs that run code keep nothing that later steps could abuse", () => {
    const checkouts = allJobs.flatMap(({ file, id, job }) =>
        (job.steps ?? []).filter((step) => step.uses?.startsWith("actions/checkout@")).map((step) => ({ where: `${file}#${id}`, step })),
    );

    it("every checkout leaves no GITHUB_TOKEN in .git/config (persist-credentials: false)", () => {
        expect(checkouts.length).toBeGreaterThan(0);
        for (const { where, step } of checkouts) expect(step.with?.["persist-credentials"], where).toBe(false);
    });

    it("a job holding an OIDC token restores no shared npm cache", () => {
        const privileged = allJobs.filter(({ job }) => holdsOidcToken(job) && job.steps !== undefined);
        expect(privileged.length).toBeGreaterThan(0);
        for (const { file, id, job } of privileged) {
            const setupNode = (job.steps ?? []).find((step) => step.uses?.startsWith("actions/setup-node@"));
            expect(setupNode?.with?.cache, `${file}#${id}`).toBeUndefined();
            expect(setupNode?.with?.["package-manager-cache"], `${file}#${id}`).toBe(false);
        }
    });
});

describe("Azure sign-in is OIDC federation, never a client secret", () => {
    it("every job that touches a stack signs in with azure/login first", () => {
        expect(stackJobs.map(({ file, id }) => `${file}#${id}`)).toEqual(["preview.yml#preview", "pulumi-up.yml#up"]);
        for (const { file, id, job } of stackJobs) {
            const steps = job.steps ?? [];
            expect(steps.findIndex(isAzureLogin), `${file}#${id}`).toBeGreaterThanOrEqual(0);
            expect(steps.findIndex(isAzureLogin), `${file}#${id}`).toBeLessThan(steps.findIndex(usesStack));
        }
    });

    it("azure/login gets exactly client-id, tenant-id and subscription-id, each from a secret", () => {
        for (const { file, id, job } of stackJobs) {
            const login = (job.steps ?? []).find(isAzureLogin);
            expect(Object.keys(login?.with ?? {}).sort(), `${file}#${id}`).toEqual(["client-id", "subscription-id", "tenant-id"]);
            for (const value of Object.values(login?.with ?? {})) expect(value).toMatch(/^\$\{\{ secrets\.AZURE_[A-Z_]+ \}\}$/);
        }
    });

    it("the azure-native provider uses OIDC as the same identity azure/login signed in", () => {
        for (const { file, id, job } of stackJobs) {
            const login = (job.steps ?? []).find(isAzureLogin);
            const env = job.env ?? {};
            expect(env.ARM_USE_OIDC, `${file}#${id}`).toBe("true");
            expect(env.ARM_CLIENT_ID, `${file}#${id}`).toBe(login?.with?.["client-id"]);
            expect(env.ARM_TENANT_ID, `${file}#${id}`).toBe(login?.with?.["tenant-id"]);
            expect(env.ARM_SUBSCRIPTION_ID, `${file}#${id}`).toBe(login?.with?.["subscription-id"]);
        }
    });

    it("no workflow mentions a client secret or a credentials JSON", () => {
        for (const { file, source } of workflows) expect(source, file).not.toMatch(/client[-_]?secret|AZURE_CREDENTIALS|\bcreds:/i);
    });
});

describe("state backend and secrets provider", () => {
    it("every job that touches a stack reads the azblob URL and the passphrase from secrets, the account from a variable", () => {
        for (const { file, id, job } of stackJobs) {
            const env = job.env ?? {};
            expect(env.PULUMI_BACKEND_URL, `${file}#${id}`).toBe("${{ secrets.PULUMI_BACKEND_URL }}");
            expect(env.PULUMI_CONFIG_PASSPHRASE, `${file}#${id}`).toBe("${{ secrets.PULUMI_CONFIG_PASSPHRASE }}");
            expect(env.AZURE_STORAGE_ACCOUNT, `${file}#${id}`).toBe("${{ vars.AZURE_STORAGE_ACCOUNT }}");
        }
        for (const { file, id, step } of pulumiActionSteps) expect(step.with?.["cloud-url"], `${file}#${id}`).toBe("${{ secrets.PULUMI_BACKEND_URL }}");
    });

    it("no job hands the state a storage key or SAS token", () => {
        for (const { file, source } of workflows) expect(source, file).not.toMatch(/AZURE_STORAGE_(KEY|SAS_TOKEN|CONNECTION_STRING)/);
    });
});

describe("the policy pack guards every preview and every update", () => {
    it("pulumi/actions runs preview in preview.yml and up in pulumi-up.yml", () => {
        expect(pulumiActionSteps.map(({ file, step }) => `${file}:${String(step.with?.command)}`).sort()).toEqual(["preview.yml:preview", "pulumi-up.yml:up"]);
    });

    it.each(pulumiActionSteps.map(({ file, step }) => [`${file} ${String(step.with?.command)}`, step] as const))("%s passes policyPacks: policies", (_, step) => {
        expect(step.with?.policyPacks).toBe("policies");
    });

    it("the preview comments on the pull request", () => {
        expect(pulumiActionSteps.find(({ step }) => step.with?.command === "preview")?.step.with?.["comment-on-pr"]).toBe(true);
    });
});

describe("the offline plan runs as a check before anything touches Azure", () => {
    const planSteps = (file: string) =>
        Object.values(workflow(file).jobs).flatMap((job) => (job.steps ?? []).filter((step) => /\bnpm run\b.*\bplan\b.*--json/.test(step.run ?? "")));

    it("preview.yml plans each stack of its matrix with `npm run plan -- --json`", () => {
        expect(workflow("preview.yml").jobs.plan.strategy?.matrix?.stack).toEqual(["dev", "prod"]);
        expect(planSteps("preview.yml").map((step) => step.run)).toEqual([
            "npm run --silent plan -- --stack ${{ matrix.stack }} --json > plan-${{ matrix.stack }}.json",
        ]);
    });

    it("deploy.yml plans dev and prod with `npm run plan -- --json`", () => {
        expect(planSteps("deploy.yml").map((step) => /--stack (\w+)/.exec(step.run ?? "")?.[1])).toEqual(["dev", "prod"]);
    });

    it.each(["preview.yml", "deploy.yml"])("%s uploads the plan JSON as an artifact even when the plan fails", (file) => {
        const uploads = Object.values(workflow(file).jobs).flatMap((job) => (job.steps ?? []).filter((step) => step.uses?.startsWith("actions/upload-artifact@")));
        expect(uploads.length).toBe(1);
        expect(uploads[0].if).toBe("always()");
        expect(String(uploads[0].with?.path)).toMatch(/plan-.*\.json/);
    });

    it("no preview starts before the tests and the plan passed", () => {
        expect(workflow("preview.yml").jobs.preview.needs).toEqual(["test", "plan"]);
    });
});

describe("one update per stack at a time, prod behind an approval", () => {
    it("every job that touches a stack has a concurrency group keyed by its stack", () => {
        for (const { file, id, job } of stackJobs) {
            const concurrency = job.concurrency as { group: string };
            expect(concurrency.group, `${file}#${id}`).toMatch(/\$\{\{ (matrix|inputs)\.stack \}\}/);
        }
    });

    it("a running pulumi up is never cancelled by the next one", () => {
        expect(workflow("pulumi-up.yml").jobs.up.concurrency).toEqual({ group: "pulumi-deploy-${{ inputs.stack }}", "cancel-in-progress": false });
    });

    it("the update job runs in the GitHub environment named after the stack", () => {
        expect(workflow("pulumi-up.yml").jobs.up.environment).toBe("${{ inputs.stack }}");
    });
});
