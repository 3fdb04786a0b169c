import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { AzureMocks } from "./azure-mocks";
import { LoadedProject } from "./load-project";
import { AzureCall, CapturingMonitor, installMonitor, PlannedResource, RoundScheduler } from "./monitor";
import { SecretScanner } from "./secrets";

/**
 * Runs a Pulumi program under the mock runtime with the plan's {@link CapturingMonitor} and
 * returns what it registered, the Azure calls it made with their rounds, and the stack outputs.
 * Nothing is deployed.
 */

export interface Capture {
    /**
     * Every registration in registration order, Stack and components included (the analyzer sees
     * them all). Secret inputs keep their RPC secret envelope so policies judge real values;
     * secrets.ts `printable` turns them into "[secret]" before anything is shown.
     */
    resources: PlannedResource[];
    /** The root Stack's outputs (what `pulumi stack output` shows), secrets in their envelope. */
    outputs: Record<string, unknown>;
    /** Every Azure call in the order the program made them, with its round. */
    calls: AzureCall[];
    /** The secret values the mocks handed out (account keys): no output may contain them. */
    secretValues: string[];
    warnings: string[];
}

/** The program, its config or an invoke it made is invalid: the plan stops with this one message (exit 2). */
export class ProgramError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProgramError";
    }
}

/** Exported by the runtime but typed @internal. */
export const waitForRPCs = (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs;

export interface CaptureOptions {
    /** The mocks answering the program. Defaults to a fresh {@link AzureMocks}. */
    mocks?: AzureMocks;
    /** Run as a preview (`pulumi preview`): unknowns stay unknown. Defaults to true. */
    preview?: boolean;
}

/**
 * Puts this process in the plan's evaluation mode. The Pulumi runtime captures a stack trace for
 * every promise it creates (dozens per resource) and, with source maps on, maps each one: that was
 * over half of a large plan's time. The plan prints messages, never stack traces, so it turns both
 * off; Pulumi still records each resource's source position (it raises the limit for that itself).
 */
export function useEvaluationMode(): void {
    process.setSourceMapsEnabled(false);
    Error.stackTraceLimit = 0;
}

/**
 * Runs the program of `project` under a {@link CapturingMonitor} with a round scheduler and returns
 * what it registered. The Pulumi runtime is process-wide state and `require` caches the program:
 * call this once per process (the plan CLI runs it in a fresh child, see run-plan.ts). Throws
 * {@link ProgramError}.
 */
export async function captureStack(project: LoadedProject, options: CaptureOptions = {}): Promise<Capture> {
    const mocks = options.mocks ?? new AzureMocks();
    pulumi.runtime.setAllConfig(project.config, project.secretKeys);
    const scheduler = new RoundScheduler();
    const monitor = installMonitor(new CapturingMonitor(mocks, scheduler), project.projectName, project.stackName, options.preview ?? true);

    // Errors thrown in apply callbacks surface as unhandled rejections, not through the stack promise.
    const asyncErrors: unknown[] = [];
    const onAsyncError = (error: unknown) => void asyncErrors.push(error);
    process.on("unhandledRejection", onAsyncError);
    process.on("uncaughtException", onAsyncError);
    let programError: unknown;
    try {
        let finished = false;
        const program = pulumi.runtime
            .runInPulumiStack(() => runProgram(project.mainPath))
            .catch((error: unknown) => void (programError = error))
            .finally(() => (finished = true));
        await answerEveryRound(monitor, scheduler, () => finished);
        await program;
    } finally {
        process.off("unhandledRejection", onAsyncError);
        process.off("uncaughtException", onAsyncError);
    }
    const rootCause = monitor.invokeFailures[0] ?? programError ?? asyncErrors[0];
    if (rootCause !== undefined) throw new ProgramError(describeError(rootCause));

    const unregistered = monitor.registrations.find((resource) => resource.urn === "");
    if (unregistered) throw new ProgramError(`resource "${unregistered.name}" (${unregistered.type}) never finished registering`);

    const warnings = [...project.warnings];
    const issuedKeys = [...mocks.issuedSecrets];
    const scanner = new SecretScanner(issuedKeys);
    const unmarkedKey = (where: string, paths: string[]) =>
        `${where}: ${paths.join(", ")} holds an account key that is not marked secret; wrap it in pulumi.secret()`;
    const keyInMapKey = (where: string, paths: string[]) =>
        `${where}: the map key ${paths.join(", ")} holds an account key; map keys (tag names, say) are never secret: put the key in a value`;
    for (const resource of monitor.registrations) {
        if (scanner.contains(resource.name)) warnings.push(`${resource.urn}: the resource's name holds an account key; names and URNs are never secret`);
        // A key that reached an input without being marked secret would sit in the state in plain text.
        const leaked = scanner.wrapLeaks(resource.inputs);
        if (leaked.paths.length > 0) {
            resource.inputs = leaked.value as Record<string, unknown>;
            warnings.push(unmarkedKey(resource.urn, leaked.paths));
        }
        if (leaked.keyPaths.length > 0) warnings.push(keyInMapKey(resource.urn, leaked.keyPaths));
    }
    for (const read of monitor.reads) {
        warnings.push(
            read.type === "pulumi:pulumi:StackReference"
                ? `stack reference ${read.name}: its outputs are not available offline, so what the program reads from it is unknown here (a real preview reads them)`
                : `${read.type} ${read.name} is read from Azure with .get(): its state is not available offline, so its outputs are unknown here`,
        );
    }
    for (const adopted of monitor.imports) {
        warnings.push(`${adopted.type} ${adopted.name} is imported: the plan plans it as new, while a real preview reads the existing resource`);
    }
    const outputs = scanner.wrapLeaks(monitor.stackOutputs);
    if (outputs.paths.length > 0) warnings.push(unmarkedKey("stack output", outputs.paths));
    if (outputs.keyPaths.length > 0) warnings.push(keyInMapKey("stack output", outputs.keyPaths));
    return { resources: monitor.registrations, outputs: outputs.value as Record<string, unknown>, calls: monitor.calls, secretValues: issuedKeys, warnings };
}

/** Loads the program the way the Node.js language host does for CommonJS: an exported function is called. */
async function runProgram(mainPath: string): Promise<unknown> {
    const programExport: unknown = require(mainPath);
    return typeof programExport === "function" ? await (programExport as () => unknown)() : programExport;
}

/**
 * Answers the held Azure calls round by round until the program has finished and gone quiet with
 * nothing waiting. Quiet: no monitor call during two turns of the event loop (the runtime works in
 * promise callbacks, which all run before the next turn). Resources created inside `apply` register
 * after the stack's promise settles, hence both conditions.
 */
async function answerEveryRound(monitor: CapturingMonitor, scheduler: RoundScheduler, programFinished: () => boolean): Promise<void> {
    for (;;) {
        let seen = -1;
        while (seen !== monitor.activity) {
            seen = monitor.activity;
            await nextTurn();
            await nextTurn();
        }
        if (scheduler.pending > 0) {
            scheduler.answerRound();
        } else if (programFinished()) {
            await waitForRPCs();
            if (seen === monitor.activity && scheduler.pending === 0) return;
        } else {
            // Quiet but unfinished: the program waits on something that is not Azure (a timer, a file).
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
    }
}

function nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/** The message the program meant to show: its own error text, never a stack trace. */
export function describeError(error: unknown): string {
    if (error instanceof Error) {
        // gRPC-style wrapping ("2 UNKNOWN: invoke ... is not mocked") hides the message behind a status code.
        return (error as Error & { details?: string }).details || error.message.replace(/^\d+ [A-Z_]+: /, "");
    }
    return String(error);
}
