import { fork } from "child_process";
import { createHash } from "crypto";
import { buildSync } from "esbuild";
import * as os from "os";
import * as path from "path";
import type { PolicyPackConfig } from "../policy-engine";
import { PLAN_CACHE, writeOnce } from "./cache";
import type { Plan, PlanRequest } from "./evaluate";
import { loadProject, PlanInputError } from "./load-project";

/**
 * Runs a plan in a fresh child process: the Pulumi runtime is process-wide state and `require`
 * caches the program, so isolation is what lets a caller (the CLI, a benchmark, a test) plan any
 * number of stacks. This module loads neither Pulumi nor the program, keeping the parent light.
 */

export interface PlanOptions {
    /** Directory of the Pulumi project. Defaults to the current directory. */
    cwd?: string;
    /** Stack name (reads Pulumi.<stack>.yaml). Defaults to "dev". */
    stack?: string;
    stackTags?: Record<string, string>;
    policyConfig?: PolicyPackConfig;
    /** Give up after this long. Defaults to {@link DEFAULT_TIMEOUT_SECONDS}. */
    timeoutSeconds?: number;
}

/** What the worker process used, from its start to its reply. */
export interface WorkerUsage {
    cpuMs: number;
    peakRssMb: number;
}

/** What the worker sends back: the plan, or the one message explaining why there is none. */
export type WorkerReply = ({ ok: true; plan: Plan } | { ok: false; message: string }) & { programOutput?: string; usage?: WorkerUsage };

export interface PlanRun {
    plan: Plan;
    /** What the program itself printed (secrets scrubbed). */
    programOutput: string;
    usage?: WorkerUsage;
}

/**
 * The worker's young generation (docs/performance.md): a plan allocates millions of short-lived
 * promises and outputs, and with the default the collector's work grows faster than the stack.
 */
export const PLAN_YOUNG_GENERATION = "--max-semi-space-size=64";

/**
 * Room for the worker's old generation (docs/performance.md): Pulumi keeps up to about 1 MB per
 * azure-native resource alive until the program ends (mostly its version aliases), so 5,000
 * hand-wired accounts need more than Node's default limit of about 4 GB, and near the limit V8
 * spends its time in full collections. Three quarters of the machine's memory.
 */
export const PLAN_OLD_GENERATION = `--max-old-space-size=${Math.floor((os.totalmem() / 2 ** 20) * 0.75)}`;

/** How long a plan may take before it is stopped (`--timeout`). */
export const DEFAULT_TIMEOUT_SECONDS = 120;

/** Plans a stack; throws {@link PlanInputError} with one message when the project, config or program is invalid. */
export async function runPlan(options: PlanOptions = {}): Promise<PlanRun> {
    const project = loadProject(options.cwd ?? process.cwd(), options.stack ?? "dev");
    const request: PlanRequest = { project, stackTags: options.stackTags, policyConfig: options.policyConfig };
    const reply = await runWorker(request, options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
    if (!reply.ok) throw new PlanInputError(reply.message);
    return { plan: reply.plan, programOutput: reply.programOutput ?? "", usage: reply.usage };
}

function runWorker(request: PlanRequest, timeoutSeconds: number): Promise<WorkerReply> {
    const child = fork(workerScript(), [path.join(PLAN_CACHE, "typescript")], {
        cwd: request.project.projectDir,
        execArgv: [PLAN_YOUNG_GENERATION, PLAN_OLD_GENERATION],
        // The language host would set these for a real run; the plan sets config itself.
        env: withoutPulumiRuntimeVariables(process.env),
        stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let crashOutput = "";
    child.stdout?.on("data", (chunk: Buffer) => (crashOutput += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (crashOutput += chunk.toString("utf8")));
    return new Promise((resolve, reject) => {
        let reply: WorkerReply | undefined;
        const timer = setTimeout(() => {
            child.kill();
            reject(
                new PlanInputError(
                    `timeout: the plan did not finish within ${timeoutSeconds} s and was stopped; ` +
                        `a large stack may need longer: raise the limit with --timeout SECONDS (e.g. --timeout ${timeoutSeconds * 4})`,
                ),
            );
        }, timeoutSeconds * 1000);
        child.on("message", (message: WorkerReply) => (reply = message));
        child.on("error", (error) => {
            clearTimeout(timer);
            reject(new PlanInputError(`could not start the plan worker: ${error.message}`));
        });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            if (reply) return resolve(reply);
            const lastLine = crashOutput.trim().split("\n").filter(Boolean).pop();
            reject(new PlanInputError(`the program exited before the plan finished (${signal ?? `exit code ${code}`})${lastLine ? `: ${lastLine}` : ""}`));
        });
        child.send(request);
    });
}

/**
 * The worker as one JavaScript file: this folder, the policy engine and the pack bundled by
 * esbuild, packages left to node_modules. The worker then has ts-node compile only the program, as
 * the Pulumi CLI's language host (itself JavaScript) does; compiling the plan's own fifty modules
 * through ts-node too cost about 0.6 s of CPU per plan (docs/performance.md).
 */
function workerScript(): string {
    const { outputFiles } = buildSync({
        entryPoints: [path.join(__dirname, "worker.ts")],
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        packages: "external",
        write: false,
        // The one dynamic require is the program's, meant to stay one.
        logLevel: "error",
    });
    const code = outputFiles[0].text;
    const file = path.join(PLAN_CACHE, `plan-worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`);
    writeOnce(file, code);
    return file;
}

/** The variables the language host sets for a real run (the plan sets config itself); a user's PULUMI_NODEJS_TSCONFIG_PATH stays. */
function withoutPulumiRuntimeVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(env).filter(([key]) => !/^PULUMI_(CONFIG|NODEJS_(?!TSCONFIG_PATH$)|MONITOR|ENGINE|DRY_RUN)/.test(key)));
}
