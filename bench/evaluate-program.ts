import * as path from "path";
import { captureStack, useEvaluationMode } from "../tools/plan/capture";

/**
 * One evaluation, in a fresh process: `bench/fixtures/index.ts` with `COUNT` Custom Vision
 * environments, through the component or hand-wired (`PROGRAM`), under the plan's capturing mocks.
 * `MODE` "preview" leaves the runtime as `pulumi preview` runs a TypeScript program (ts-node with
 * its source-map support, stack traces on); "tuned" uses the plan's evaluation mode.
 *
 * Two spans, reported separately: start-up (node, ts-node, compiling the program and the component,
 * loading @pulumi/pulumi and the azure-native modules the programs use) and evaluation (running the
 * program to its last registration and the Stack's outputs). Prints one JSON line.
 */
const [program, countText, mode] = process.argv.slice(2);
const fixture = path.join(__dirname, "fixtures", "index.ts");

function cpuMs(usage: NodeJS.CpuUsage): number {
    return (usage.user + usage.system) / 1000;
}

async function main(): Promise<void> {
    if (mode === "tuned") useEvaluationMode();
    require(fixture);
    // azure-native loads each resource class on first use: load them now, outside the timed span.
    for (const module of ["authorization", "cognitiveservices", "keyvault", "monitor", "operationalinsights"]) {
        const exports = require(`@pulumi/azure-native/${module}`) as Record<string, unknown>;
        for (const name of Object.keys(exports)) void exports[name];
    }
    const startupMs = performance.now();
    const startupCpu = process.cpuUsage();

    const start = performance.now();
    const capture = await captureStack({
        projectName: "bench",
        stackName: program,
        projectDir: path.dirname(fixture),
        mainPath: fixture,
        config: { "bench:program": program, "bench:count": countText },
        secretKeys: [],
        warnings: [],
    });
    const ms = performance.now() - start;
    const evaluationCpu = process.cpuUsage(startupCpu);
    process.stdout.write(
        `${JSON.stringify({
            program,
            components: Number(countText),
            mode,
            resources: capture.resources.length,
            startupMs,
            startupCpuMs: cpuMs(startupCpu),
            ms,
            cpuMs: cpuMs(evaluationCpu),
            rssMb: process.resourceUsage().maxRSS / 1024,
        })}\n`,
    );
}

main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
});
