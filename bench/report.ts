import { showSpread, Spread } from "./stats";

/** What `npm run bench` measures (bench/run.ts) and how it prints it without `--json`. */

export type Program = "components" | "hand-wired";
/** "preview": as `pulumi preview` runs a TypeScript program; "tuned": the plan's settings. */
export type Settings = "preview" | "tuned";

export interface EvaluationRow {
    components: number;
    settings: Settings;
    resources: number;
    ms: number;
    msSpread: Spread;
    cpuMs: number;
    rssMb: number;
    startupMs: number;
    startupCpuMs: number;
    handWiredResources: number;
    handWiredMs: number;
    handWiredMsSpread: Spread;
    handWiredCpuMs: number;
    handWiredRssMb: number;
    /** Component time over hand-wired time, from the medians of this run. */
    ratio: number;
}

export interface PlanRow {
    program: Program;
    resources: number;
    /** Wall time of the plan, worker start-up included. */
    ms: number;
    msSpread: Spread;
    /** CPU time and peak RSS of the worker process. */
    cpuMs: number;
    rssMb: number;
}

export interface PolicyRow {
    resources: number;
    ms: number;
    msSpread: Spread;
    cpuMs: number;
    violations: number;
}

interface ImportFigures {
    ms: number;
    msSpread: Spread;
    cpuMs: number;
    pulumiMs: number;
}

type Target = { [figure: string]: number | boolean | null; met: boolean | null };

export interface BenchResult {
    evaluation: EvaluationRow[];
    plan: PlanRow[];
    policy: PolicyRow[];
    criticalPath: { stack: string; depth: number; resources: string[] };
    importMs: number;
    importCpuMs: number;
    importPulumiMs: number;
    sourceImportMs: number;
    sourceImportCpuMs: number;
    coldStart: { compiled: ImportFigures; source: ImportFigures };
    targets: Record<"componentVsHandWired100" | "rss100" | "rss500" | "evaluationLinear" | "policy10k" | "policyLinear" | "coldStart", Target>;
    machine: { node: string; cpu: string; cores: number; memoryGb: number; loadAverage: number[]; busy: boolean; loadAverageAtEnd: number[] };
    runs: number;
    timedSpan: string;
}

const verdict = (target: Target) => (target.met === null ? "not measured" : target.met ? "met" : "NOT met");

/** A table: the first row is the header; every column right-aligned to its widest cell. */
function table(rows: (string | number)[][]): string[] {
    const cells = rows.map((row) => row.map(String));
    const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => row[column].length)));
    return cells.map((row) => `  ${row.map((cell, column) => cell.padStart(widths[column])).join("  ")}`);
}

export function renderReport(result: BenchResult): string {
    const { machine, targets } = result;
    const lines = [
        `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, Node.js ${machine.node}; median (min–max) of ${result.runs} run(s)`,
        `Load average at start ${machine.loadAverage.join(" / ")} (1 / 5 / 15 min), at the end ${machine.loadAverageAtEnd.join(" / ")}`,
        ...(machine.busy ? [`WARNING: the machine was busy at start (load ${machine.loadAverage[0]} on ${machine.cores} cores): the figures are noisy`] : []),
        "",
        "Program evaluation under the plan's mocks, a fresh process per run; ms and CPU ms exclude start-up and compilation (start-up apart)",
        "  preview: as `pulumi preview` runs a TypeScript program (ts-node, stack traces on, default young generation); tuned: the plan's settings",
        ...table([
            ["settings", "components", "resources", "ms", "CPU ms", "RSS MB", "hand-wired ms", "CPU ms", "RSS MB", "ratio", "start-up ms"],
            ...result.evaluation.map((row) => [
                row.settings,
                row.components,
                row.resources,
                showSpread(row.msSpread),
                row.cpuMs,
                row.rssMb,
                showSpread(row.handWiredMsSpread),
                row.handWiredCpuMs,
                row.handWiredRssMb,
                `${row.ratio}x`,
                row.startupMs,
            ]),
        ]),
        `  100 components vs hand-wired (preview): ${targets.componentVsHandWired100.ratio}x (target <= 0.5x: ${verdict(targets.componentVsHandWired100)})`,
        `  100 components peak RSS (preview): ${targets.rss100.rssMb} MB (target <= 700 MB: ${verdict(targets.rss100)})`,
        `  500 components peak RSS (preview): ${targets.rss500.rssMb} MB (target <= 3072 MB: ${verdict(targets.rss500)})`,
        `  500 vs 50 components (preview): ${targets.evaluationLinear.ratio500to50}x (target <= 11x: ${verdict(targets.evaluationLinear)})`,
        "",
        "The plan (npm run plan) of a large stack; ms includes the worker's start-up, CPU and RSS are the worker's",
        ...table([["program", "resources", "ms", "CPU ms", "peak RSS MB"], ...result.plan.map((row) => [row.program, row.resources, showSpread(row.msSpread), row.cpuMs, row.rssMb])]),
        "",
        `Deploy critical path of the ${result.criticalPath.stack} stack: ${result.criticalPath.depth} Azure calls one after another (rounds of the plan's mocks)`,
        ...result.criticalPath.resources.map((step, index) => `  ${index + 1}. ${step}`),
        "",
        "Policy evaluation (whole pack, plan's engine, after three warm-up runs)",
        ...table([["resources", "ms", "CPU ms", "violations"], ...result.policy.map((row) => [row.resources, showSpread(row.msSpread), row.cpuMs, row.violations])]),
        `  10,000 resources: ${targets.policy10k.ms} ms (target <= 1000 ms: ${verdict(targets.policy10k)})`,
        `  50,000 vs 5,000: ${targets.policyLinear.ratio50kTo5k}x (target <= 12x: ${verdict(targets.policyLinear)})`,
        "",
        `Cold start (compiled package, fresh node): ${showSpread(result.coldStart.compiled.msSpread)} ms, CPU ${result.importCpuMs} ms, ` +
            `of which @pulumi/pulumi ${result.importPulumiMs} ms (target <= 500 ms: ${verdict(targets.coldStart)})`,
        `  TypeScript source through ts-node (as pulumi up loads it): ${showSpread(result.coldStart.source.msSpread)} ms, CPU ${result.sourceImportCpuMs} ms`,
    ];
    return `${lines.join("\n")}\n`;
}
