import { policies } from "../policies/rules";
import { evaluatePolicies } from "../tools/policy-engine";
import { syntheticStack } from "./synthetic-stack";

/**
 * One policy measurement, in a fresh process: the whole pack through the plan's engine over a
 * synthetic production stack of N resources. Three warm-up evaluations let the JIT settle, then
 * RUNS timed ones, each with its wall and CPU time. Prints one JSON line.
 */
const resources = Number(process.argv[2] ?? "1000");
const runs = Number(process.argv[3] ?? "7");
const stack = syntheticStack(resources);
const options = {};

let violations = 0;
for (let warmUp = 0; warmUp < 3; warmUp++) violations = evaluatePolicies(policies, stack, options).length;
const times: { ms: number; cpuMs: number }[] = [];
for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    violations = evaluatePolicies(policies, stack, options).length;
    const used = process.cpuUsage(cpu);
    times.push({ ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 });
}
process.stdout.write(`${JSON.stringify({ resources, times, violations })}\n`);
