/**
 * Child-process entry of the plan, bundled into one JavaScript file by run-plan.ts: registers
 * ts-node for the program, as the Pulumi CLI's language host does, receives one PlanRequest over
 * IPC, runs it in this fresh process and answers with one WorkerReply, with what the process used.
 * Whatever the program prints is kept and sent back, so the parent's stdout stays clean for
 * --json. Everything sent back, the error message included, has the mocked keys scrubbed.
 */
import { AzureMocks } from "./azure-mocks";
import { describeError, ProgramError, useEvaluationMode } from "./capture";
import { planInProcess, PlanRequest } from "./evaluate";
import { PlanInputError } from "./load-project";
import type { WorkerReply } from "./run-plan";
import { SecretScanner } from "./secrets";
import { compileTypeScript } from "./typescript";

const programOutput: string[] = [];
const keepOutput = (chunk: unknown): boolean => {
    programOutput.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    return true;
};
process.stdout.write = keepOutput as typeof process.stdout.write;
process.stderr.write = keepOutput as typeof process.stderr.write;

// run-plan.ts passes the directory of the compiled-TypeScript cache.
compileTypeScript(process.argv[2]);
useEvaluationMode();
const mocks = new AzureMocks();

function reply(message: WorkerReply): void {
    const scanner = new SecretScanner(mocks.issuedSecrets);
    // planInProcess scrubs the plan itself; the program's output and an error message are scrubbed here.
    const cpu = process.cpuUsage();
    const usage = { cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    const withOutput = { ...message, programOutput: scanner.scrub(programOutput.join("")), usage };
    process.send?.(message.ok ? withOutput : scanner.scrub(withOutput), () => process.exit(0));
}

process.once("message", (request: PlanRequest) => {
    process.chdir(request.project.projectDir);
    planInProcess(request, { mocks }).then(
        (plan) => reply({ ok: true, plan }),
        (error: unknown) => {
            const known = error instanceof ProgramError || error instanceof PlanInputError;
            reply({ ok: false, message: known ? error.message : `the plan failed: ${describeError(error)}` });
        },
    );
});
