import { execFileSync } from "child_process";
import * as os from "os";
import * as path from "path";

/**
 * `npm run bench [-- --json] [--runs N]`: the performance figures of issue #6.
 *  1. program evaluation under the plan's mocks, 1 to 500 components, a fresh process per run;
 *  2. the whole policy pack through the plan's engine over synthetic stacks of 1,000 to 50,000
 *     resources, a fresh process per size (three warm-ups, then the median of at least 7 runs);
 *  3. the deploy critical path of one component;
 *  4. cold start: loading the component module in a fresh process.
 * Medians of several runs; the targets are checked and printed, never asserted in tests. Run with
 * ts-node (`npm run bench`), as the Pulumi CLI loads TypeScript programs and policy packs.
 */

const COMPONENT_COUNTS = [1, 10, 50, 100, 500];
// TypeScript is loaded the way `pulumi preview` loads a program or a policy pack: through ts-node.
const TS_NODE = require.resolve("ts-node/register/transpile-only");
const RESOURCE_COUNTS = [1_000, 5_000, 10_000, 50_000];

interface EvaluationRun {
    components: number;
    resources: number;
    ms: number;
    rssMb: number;
    criticalPath: string[];
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value: number) => Math.round(value * 10) / 10;

function node(args: string[]): string {
    // 500 components peak at several GB of RSS (Pulumi's runtime keeps every in-flight output):
    // give the child room rather than measure an out-of-memory crash.
    // The young-generation size is the plan worker's (tools/plan/run-plan.ts).
    return execFileSync(process.execPath, ["--max-old-space-size=12288", "--max-semi-space-size=64", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function evaluateProgram(components: number, runs: number): { components: number; resources: number; ms: number; rssMb: number; criticalPath: string[] } {
    const results: EvaluationRun[] = [];
    for (let run = 0; run < runs; run++) {
        const output = node(["--require", TS_NODE, path.join(__dirname, "evaluate-program.ts"), String(components)]);
        results.push(JSON.parse(output.trim().split("\n").pop()!) as EvaluationRun);
    }
    return {
        components,
        resources: results[0].resources,
        ms: round(median(results.map((r) => r.ms))),
        rssMb: round(median(results.map((r) => r.rssMb))),
        criticalPath: results[0].criticalPath,
    };
}

function evaluatePolicy(resources: number, runs: number): { resources: number; ms: number; violations: number } {
    const output = node(["--require", TS_NODE, path.join(__dirname, "evaluate-policy.ts"), String(resources), String(runs)]);
    const result = JSON.parse(output.trim().split("\n").pop()!) as { resources: number; ms: number; violations: number };
    return { ...result, ms: round(result.ms) };
}

function coldStart(runs: number): { importMs: number; importPulumiMs: number; sourceImportMs: number } {
    const script = path.join(__dirname, "cold-start.cjs");
    const measure = (args: string[]) => Array.from({ length: runs }, () => JSON.parse(node(args)) as { ms: number; pulumiMs: number });
    const compiled = measure([script, "dist"]);
    const source = measure(["--require", TS_NODE, script, "components"]);
    return {
        importMs: round(median(compiled.map((r) => r.ms))),
        importPulumiMs: round(median(compiled.map((r) => r.pulumiMs))),
        sourceImportMs: round(median(source.map((r) => r.ms))),
    };
}

function main(): void {
    const argv = process.argv.slice(2);
    const json = argv.includes("--json");
    const runsFlag = argv.indexOf("--runs");
    const runs = runsFlag >= 0 ? Number(argv[runsFlag + 1]) : 3;
    if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of at least 1");
    const progress = (message: string) => process.stderr.write(`${message}\n`);

    // The cold start loads the compiled package: build it first, as `npm ci` (prepare) does.
    execFileSync("npm", ["run", "--silent", "build"], { cwd: path.join(__dirname, ".."), stdio: "inherit" });

    const evaluation = COMPONENT_COUNTS.map((count) => {
        progress(`program evaluation: ${count} component(s), ${runs} run(s)`);
        return evaluateProgram(count, runs);
    });
    progress("policy evaluation");
    const policy = RESOURCE_COUNTS.map((count) => evaluatePolicy(count, Math.max(runs, 7)));
    progress("cold start");
    const imports = coldStart(Math.max(runs, 5));

    const single = evaluation[0];
    const byCount = (count: number) => evaluation.find((e) => e.components === count)!.ms;
    const policyMs = (count: number) => policy.find((p) => p.resources === count)!.ms;
    const targets = {
        evaluationLinear: { ratio500to50: round(byCount(500) / byCount(50)), limit: 11 },
        policy10k: { ms: policyMs(10_000), limitMs: 1000 },
        policyLinear: { ratio50kTo5k: round(policyMs(50_000) / policyMs(5_000)), limit: 12 },
        criticalPath: { depth: single.criticalPath.length, limit: 2 },
        coldStart: { ms: imports.importMs, limitMs: 500 },
    };
    const met = {
        evaluationLinear: targets.evaluationLinear.ratio500to50 <= 11,
        policy10k: targets.policy10k.ms < 1000,
        policyLinear: targets.policyLinear.ratio50kTo5k <= 12,
        criticalPath: targets.criticalPath.depth <= 2,
        coldStart: targets.coldStart.ms <= 500,
    };
    const machine = { node: process.version, cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, memoryGb: round(os.totalmem() / 2 ** 30) };
    const result = {
        evaluation: evaluation.map(({ components, resources, ms, rssMb }) => ({ components, resources, ms, rssMb })),
        policy,
        criticalPath: { depth: single.criticalPath.length, resources: single.criticalPath },
        importMs: imports.importMs,
        importPulumiMs: imports.importPulumiMs,
        sourceImportMs: imports.sourceImportMs,
        targets: Object.fromEntries(Object.entries(targets).map(([name, figures]) => [name, { ...figures, met: met[name as keyof typeof met] }])),
        machine,
        runs,
    };

    if (json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
    }
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    const lines = [
        `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, Node.js ${machine.node}; medians of ${runs} run(s)`,
        "",
        "Program evaluation under mocks (fresh process per run)",
        "  components  resources        ms   peak RSS MB",
        ...evaluation.map((e) => `  ${String(e.components).padStart(10)}  ${String(e.resources).padStart(9)}  ${String(e.ms).padStart(8)}  ${String(e.rssMb).padStart(12)}`),
        `  500 vs 50 components: ${targets.evaluationLinear.ratio500to50}x (target <= 11x: ${verdict(met.evaluationLinear)})`,
        "",
        "Policy evaluation (whole pack, plan's engine)",
        "   resources        ms  violations",
        ...policy.map((p) => `  ${String(p.resources).padStart(10)}  ${String(p.ms).padStart(8)}  ${String(p.violations).padStart(10)}`),
        `  10,000 resources: ${targets.policy10k.ms} ms (target < 1000 ms: ${verdict(met.policy10k)})`,
        `  50,000 vs 5,000: ${targets.policyLinear.ratio50kTo5k}x (target <= 12x: ${verdict(met.policyLinear)})`,
        "",
        `Deploy critical path of one component: ${single.criticalPath.length} (target <= 2: ${verdict(met.criticalPath)})`,
        ...single.criticalPath.map((step, index) => `  ${index + 1}. ${step}`),
        "",
        `Cold start (compiled package, fresh node): ${imports.importMs} ms, of which @pulumi/pulumi ${imports.importPulumiMs} ms (target <= 500 ms: ${verdict(met.coldStart)})`,
        `  TypeScript source through ts-node (as pulumi up loads it): ${imports.sourceImportMs} ms`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
}

main();
