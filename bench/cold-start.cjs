// One measurement, in a fresh process: how long loading the component module takes. Argument
// "dist" loads the compiled package (what `import { CustomVision } from "azure-custom-vision"`
// loads, with plain node); "components" loads the TypeScript source (run it with ts-node registered,
// as `pulumi up` compiles on the fly). Prints one JSON line: the whole import with its CPU time, and
// @pulumi/pulumi's share of it (the component needs the Pulumi SDK; that part is Pulumi's own start-up).
const path = require("path");

const target = path.join(__dirname, "..", process.argv[2] === "components" ? "components" : "dist");
const start = performance.now();
const cpu = process.cpuUsage();
require("@pulumi/pulumi");
const pulumiMs = performance.now() - start;
require(target);
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, pulumiMs })}\n`);
