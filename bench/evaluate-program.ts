import * as path from "path";
import { captureStack, useEvaluationMode } from "../tools/plan/capture";
import { criticalPath } from "../tools/plan/critical-path";

/**
 * One measurement, in a fresh process: evaluate a stack of N components under the plan's capturing
 * mock monitor (what `npm run plan` does) and print one JSON line with the time from the program's
 * start to the last registration, the peak RSS, and the critical path of the captured graph.
 */
async function main(): Promise<void> {
    useEvaluationMode();
    const components = Number(process.argv[2] ?? "1");
    process.env.BENCH_COMPONENTS = String(components);
    const start = performance.now();
    const capture = await captureStack({
        projectName: "bench",
        stackName: "bench",
        projectDir: __dirname,
        mainPath: path.join(__dirname, "fixtures", "many-components.ts"),
        config: {},
        secretKeys: [],
        warnings: [],
    });
    const ms = performance.now() - start;
    const longestChain = criticalPath(capture.resources, capture.calls);
    process.stdout.write(
        JSON.stringify({
            components,
            resources: capture.resources.length,
            ms,
            rssMb: process.resourceUsage().maxRSS / 1024,
            criticalPath: longestChain.map((step) => `${step.kind} ${step.type} ${step.name}`),
        }) + "\n",
    );
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
