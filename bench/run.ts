import { execFileSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { PLAN_OLD_GENERATION, PLAN_YOUNG_GENERATION, runPlan } from "../tools/plan/run-plan";
import { BenchResult, EvaluationRow, PlanRow, PolicyRow, Program, renderReport, Settings } from "./report";
import { round, spread } from "./stats";

interface EvaluationRun {
    resources: number;
    startupMs: number;
    startupCpuMs: number;
    ms: number;
    cpuMs: number;
    rssMb: number;
}

/**
 * `npm run bench [-- --json] [--runs N] [--quick]`: what a user waits for (docs/performance.md).
 *  1. program evaluation under the plan's mocks, 1 to 500 components and the same resources
 *     hand-wired, in the same run, a fresh process per run: once as `pulumi preview` runs a program,
 *     once with the plan's tuned settings;
 *  2. the plan (`npm run plan`) of a stack of 5,000 Azure resources, through the component and
 *     hand-wired;
 *  3. the deploy critical path of the dev stack, measured by the plan;
 *  4. the whole policy pack over synthetic stacks of 1,000 to 50,000 resources;
 *  5. cold start: loading the component module in a fresh process.
 * Every time is wall and CPU, min/median/max over the runs. The targets are checked and printed,
 * never asserted in tests: they depend on the machine.
 */

const REPO_ROOT = path.join(__dirname, "..");
const TS_NODE = require.resolve("ts-node/register/transpile-only");
const COMPONENT_COUNTS = [1, 10, 50, 100, 500];
/** Environments in the plan row: 334 of 15 Azure resources, 5,010 (bench/fixtures/Pulumi.<program>.yaml). */
const PLAN_ENVIRONMENTS = { full: 334, quick: 50 };
const QUICK_COMPONENT_COUNTS = [1, 10, 50];
const RESOURCE_COUNTS = [1_000, 5_000, 10_000, 50_000];

/** `--max-old-space-size` for every child: 500 components need more than Node's default limit, as in the plan. */
const NODE_FLAGS: Record<Settings, string[]> = { preview: [PLAN_OLD_GENERATION], tuned: [PLAN_YOUNG_GENERATION, PLAN_OLD_GENERATION] };

function node(flags: string[], args: string[]): string {
    return execFileSync(process.execPath, [...flags, ...args], { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function lastJsonLine<T>(output: string): T {
    return JSON.parse(output.trim().split("\n").pop() as string) as T;
}

function evaluateOnce(program: Program, components: number, settings: Settings): EvaluationRun {
    const script = path.join(__dirname, "evaluate-program.ts");
    return lastJsonLine(node(NODE_FLAGS[settings], ["--require", TS_NODE, script, program, String(components), settings]));
}

/** Component and hand-wired runs alternate, so a change in the machine's load hits both alike. */
function evaluate(components: number, settings: Settings, runs: number): EvaluationRow {
    const measured: Record<Program, EvaluationRun[]> = { components: [], "hand-wired": [] };
    for (let run = 0; run < runs; run++) {
        for (const program of ["components", "hand-wired"] as const) measured[program].push(evaluateOnce(program, components, settings));
    }
    const median = (program: Program, figure: keyof EvaluationRun) => spread(measured[program].map((run) => run[figure])).median;
    const ms = spread(measured.components.map((run) => run.ms));
    const handWiredMs = spread(measured["hand-wired"].map((run) => run.ms));
    return {
        components,
        settings,
        resources: measured.components[0].resources,
        ms: ms.median,
        msSpread: ms,
        cpuMs: median("components", "cpuMs"),
        rssMb: median("components", "rssMb"),
        startupMs: median("components", "startupMs"),
        startupCpuMs: median("components", "startupCpuMs"),
        handWiredResources: measured["hand-wired"][0].resources,
        handWiredMs: handWiredMs.median,
        handWiredMsSpread: handWiredMs,
        handWiredCpuMs: median("hand-wired", "cpuMs"),
        handWiredRssMb: median("hand-wired", "rssMb"),
        ratio: Math.round((ms.median / handWiredMs.median) * 100) / 100,
    };
}

/** The plan as `npm run plan` runs it, minus the CLI's own start-up: worker start, program, policies. */
async function plan(program: Program, runs: number, quick: boolean): Promise<PlanRow> {
    const measured: { ms: number; cpuMs: number; rssMb: number; resources: number }[] = [];
    for (let run = 0; run < runs; run++) {
        const start = performance.now();
        const stack = quick ? `${program}-50` : program;
        const result = await runPlan({ cwd: path.join(__dirname, "fixtures"), stack, timeoutSeconds: 3600 });
        measured.push({ ms: performance.now() - start, cpuMs: result.usage?.cpuMs ?? NaN, rssMb: result.usage?.peakRssMb ?? NaN, resources: result.plan.resources.length });
    }
    const ms = spread(measured.map((run) => run.ms));
    return {
        program,
        resources: measured[0].resources,
        ms: ms.median,
        msSpread: ms,
        cpuMs: spread(measured.map((run) => run.cpuMs)).median,
        rssMb: spread(measured.map((run) => run.rssMb)).median,
    };
}

function evaluatePolicy(resources: number, runs: number): PolicyRow {
    const result = lastJsonLine<{ resources: number; times: { ms: number; cpuMs: number }[]; violations: number }>(
        node(NODE_FLAGS.tuned, ["--require", TS_NODE, path.join(__dirname, "evaluate-policy.ts"), String(resources), String(runs)]),
    );
    const ms = spread(result.times.map((time) => time.ms));
    return { resources, ms: ms.median, msSpread: ms, cpuMs: spread(result.times.map((time) => time.cpuMs)).median, violations: result.violations };
}

function coldStart(runs: number) {
    const script = path.join(__dirname, "cold-start.cjs");
    const measure = (args: string[]) => Array.from({ length: runs }, () => JSON.parse(node([], args)) as { ms: number; cpuMs: number; pulumiMs: number });
    const summarize = (measured: { ms: number; cpuMs: number; pulumiMs: number }[]) => {
        const ms = spread(measured.map((run) => run.ms));
        return { ms: ms.median, msSpread: ms, cpuMs: spread(measured.map((run) => run.cpuMs)).median, pulumiMs: spread(measured.map((run) => run.pulumiMs)).median };
    };
    return { compiled: summarize(measure([script, "dist"])), source: summarize(measure(["--require", TS_NODE, script, "components"])) };
}

function machine() {
    const cores = os.cpus().length;
    const loadAverage = os.loadavg().map(round);
    return {
        node: process.version,
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores,
        memoryGb: round(os.totalmem() / 2 ** 30),
        loadAverage,
        // Another process using a tenth of a core already moves the small figures.
        busy: loadAverage[0] > 0.1 * cores,
    };
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const json = argv.includes("--json");
    const quick = argv.includes("--quick");
    const runsFlag = argv.indexOf("--runs");
    const runs = runsFlag >= 0 ? Number(argv[runsFlag + 1]) : quick ? 1 : 3;
    if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of at least 1");
    const progress = (message: string) => process.stderr.write(`${message}\n`);
    const atStart = machine();
    if (atStart.busy) progress(`warning: load average ${atStart.loadAverage[0]} on ${atStart.cores} cores at start: the machine is busy and the figures will be noisy`);

    // The cold start loads the compiled package: build it first, as `npm ci` (prepare) does.
    execFileSync("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, stdio: "inherit" });

    const evaluation: EvaluationRow[] = [];
    for (const components of quick ? QUICK_COMPONENT_COUNTS : COMPONENT_COUNTS) {
        for (const settings of ["preview", "tuned"] as const) {
            progress(`program evaluation: ${components} component(s) and the same resources hand-wired, ${settings}, ${runs} run(s)`);
            evaluation.push(evaluate(components, settings, runs));
        }
    }
    const plans: PlanRow[] = [];
    for (const program of ["components", "hand-wired"] as const) {
        progress(`plan: ${quick ? PLAN_ENVIRONMENTS.quick : PLAN_ENVIRONMENTS.full} environments, ${program}, ${runs} run(s)`);
        plans.push(await plan(program, runs, quick));
    }
    progress("critical path of the dev stack");
    const dev = await runPlan({ cwd: REPO_ROOT, stack: "dev" });
    progress("policy evaluation");
    const policy = RESOURCE_COUNTS.map((count) => evaluatePolicy(count, Math.max(runs, 7)));
    progress("cold start");
    const imports = coldStart(Math.max(runs, 5));

    const row = (components: number, settings: Settings) => evaluation.find((e) => e.components === components && e.settings === settings);
    const policyMs = (count: number) => policy.find((p) => p.resources === count)?.ms;
    const ratioOf = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : round(a / b));
    // A target is met when its figure is at most the limit; null when --quick did not measure it.
    const target = <K extends string, L extends string>(name: K, value: number | undefined, limitName: L, limit: number) =>
        ({ [name]: value ?? null, [limitName]: limit, met: value === undefined ? null : value <= limit }) as Record<K, number | null> & Record<L, number> & { met: boolean | null };
    const preview = (components: number) => row(components, "preview");
    const targets = {
        componentVsHandWired100: target("ratio", preview(100)?.ratio, "limit", 0.5),
        rss100: target("rssMb", preview(100)?.rssMb, "limitMb", 700),
        rss500: target("rssMb", preview(500)?.rssMb, "limitMb", 3072),
        evaluationLinear: target("ratio500to50", ratioOf(preview(500)?.ms, preview(50)?.ms), "limit", 11),
        policy10k: target("ms", policyMs(10_000), "limitMs", 1000),
        policyLinear: target("ratio50kTo5k", ratioOf(policyMs(50_000), policyMs(5_000)), "limit", 12),
        coldStart: target("ms", imports.compiled.ms, "limitMs", 500),
    };
    const result: BenchResult = {
        evaluation,
        plan: plans,
        policy,
        criticalPath: {
            stack: "dev",
            depth: dev.plan.criticalPath.length,
            resources: dev.plan.criticalPath.map((step) => `${step.kind} ${step.type} ${step.name}`),
        },
        importMs: imports.compiled.ms,
        importCpuMs: imports.compiled.cpuMs,
        importPulumiMs: imports.compiled.pulumiMs,
        sourceImportMs: imports.source.ms,
        sourceImportCpuMs: imports.source.cpuMs,
        coldStart: imports,
        targets,
        machine: { ...atStart, loadAverageAtEnd: os.loadavg().map(round) },
        runs,
        timedSpan: "evaluation and policy times exclude process start-up and compilation (start-up is reported apart, startupMs); plan times include the worker's start-up",
    };
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : renderReport(result));
}

main().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
