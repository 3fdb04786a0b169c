import { policies } from "../policies/rules";
import { evaluatePolicies } from "../tools/policy-engine";
import { syntheticStack } from "./synthetic-stack";

/**
 * One policy measurement, in a fresh process: the whole pack through the plan's engine over a
 * synthetic production stack of N resources. Three warm-up evaluations let the JIT settle, then the
 * median of RUNS timed ones. Prints one JSON line.
 */
const resources = Number(process.argv[2] ?? "1000");
const runs = Number(process.argv[3] ?? "7");
const stack = syntheticStack(resources);
const options = {};

let violations = 0;
for (let warmUp = 0; warmUp < 3; warmUp++) violations = evaluatePolicies(policies, stack, options).length;
const times: number[] = [];
for (let run = 0; run < runs; run++) {
    const start = performance.now();
    violations = evaluatePolicies(policies, stack, options).length;
    times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ resources, ms: times[Math.floor(times.length / 2)], violations })}\n`);
