import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";
import type { StackResource } from "../policy-engine";
import { AzureMocks } from "./azure-mocks";
import { LoadedProject, SECRET_PLACEHOLDER } from "./load-project";
import { SecretScanner } from "./secret-scan";

/**
 * Runs a Pulumi program under the mock runtime and records every resource registration as the
 * engine receives it: URN, type, name, parent, inputs, dependencies, property dependencies and
 * `protect`, straight from the RegisterResourceRequest. Nothing is deployed.
 */

/** A registered resource plus whether it is a custom resource (something a provider creates). */
export interface PlannedResource extends StackResource {
    custom: boolean;
}

export interface Capture {
    /**
     * Every registration in registration order, Stack and components included (the analyzer sees
     * them all). Secret inputs keep their RPC secret envelope so policies judge real values;
     * {@link redactSecrets} turns them into "[secret]" before anything is shown.
     */
    resources: PlannedResource[];
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

type Callback = (error: unknown, response?: unknown) => void;
interface RegisterResponse {
    getUrn(): string;
}
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getProtect(): boolean | undefined;
    getDependenciesList(): string[];
    getProvider(): string;
    getPropertydependenciesMap(): { forEach(visit: (value: { getUrnsList(): string[] }, key: string) => void): void };
}

/** Exported by the runtime but typed @internal. */
const waitForRPCs = (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs;
const getStore = (state as unknown as { getStore(): object }).getStore;

/**
 * A MockMonitor that also keeps each RegisterResourceRequest whole. The base class answers the
 * program (URNs, ids, state from the mocks); this subclass only records.
 */
export class CapturingMonitor extends MockMonitor {
    readonly registrations: PlannedResource[] = [];
    /** Invokes the mocks refused: the first is the root cause of whatever fails after it. */
    readonly invokeFailures: Error[];
    /** Bumped on every monitor call, so the runner can tell when the program has gone quiet. */
    activity = 0;

    constructor(mocks: pulumi.runtime.Mocks) {
        const invokeFailures: Error[] = [];
        super({
            newResource: (args) => mocks.newResource(args),
            call: async (args) => {
                try {
                    return await mocks.call(args);
                } catch (error) {
                    invokeFailures.push(error instanceof Error ? error : new Error(String(error)));
                    throw error;
                }
            },
        });
        this.invokeFailures = invokeFailures;
        // The base class prefixes only the parent's last type and keeps the Stack in the chain; the
        // engine qualifies a type with the parent's whole chain and leaves the Stack out. Policies
        // and the plan report URNs, so they must be the engine's. (newUrn is private in the typings.)
        (this as unknown as { newUrn: typeof engineUrn }).newUrn = engineUrn;
    }

    async registerResource(request: RegisterRequest, callback: Callback): Promise<void> {
        this.activity++;
        // Reserve the slot now so the list keeps registration order, not completion order.
        const index = this.registrations.push(describeRegistration(request)) - 1;
        await super.registerResource(request, (error, response) => {
            this.activity++;
            if (!error && response) this.registrations[index].urn = (response as RegisterResponse).getUrn();
            callback(error, response);
        });
    }

    async invoke(request: unknown, callback: Callback): Promise<void> {
        this.activity++;
        await super.invoke(request, (error, response) => {
            this.activity++;
            callback(error, response);
        });
    }

    registerResourceOutputs(request: unknown, callback: Callback): void {
        this.activity++;
        super.registerResourceOutputs(request, callback);
    }
}

/** `urn:pulumi:<stack>::<project>::<parent chain>$<type>::<name>`, as the engine builds it. */
export function engineUrn(parent: string, type: string, name: string): string {
    const parentChain = parent ? parent.split("::")[2] : "";
    const qualifiedType = parentChain && parentChain !== STACK_TYPE ? `${parentChain}$${type}` : type;
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualifiedType}::${name}`;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

function describeRegistration(request: RegisterRequest): PlannedResource {
    const propertyDependencies: Record<string, string[]> = {};
    request.getPropertydependenciesMap().forEach((value, key) => {
        propertyDependencies[key] = value.getUrnsList();
    });
    const resource: PlannedResource = {
        urn: "",
        type: request.getType(),
        name: request.getName(),
        inputs: toAnalyzerValue(request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        dependencies: request.getDependenciesList(),
        propertyDependencies,
        protect: request.getProtect() ?? false,
        custom: request.getCustom(),
    };
    if (request.getParent()) resource.parent = request.getParent();
    if (request.getProvider()) resource.provider = request.getProvider();
    return resource;
}

/**
 * Wire values as the analyzer deserializes them: resource references become their id (or URN),
 * assets their path/text/uri; secrets keep their envelope and unknowns stay the unknown sentinel.
 */
function toAnalyzerValue(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(toAnalyzerValue);
    if (!isRecord(value)) return value;
    switch (value[rpc.specialSigKey]) {
        case rpc.specialSecretSig:
            return { [rpc.specialSigKey]: rpc.specialSecretSig, value: toAnalyzerValue(value.value) };
        case rpc.specialResourceSig:
            return typeof value.id === "string" && value.id !== "" ? value.id : value.urn;
        case rpc.specialAssetSig:
        case rpc.specialArchiveSig: {
            const { [rpc.specialSigKey]: _signature, ...rest } = value;
            void _signature;
            return rest;
        }
        default:
            return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toAnalyzerValue(inner)]));
    }
}

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
 * Installs a {@link CapturingMonitor} over `mocks` as the runtime's monitor, with the features
 * `pulumi.runtime.setMocks` enables (secrets, resource references; no output values, so inputs
 * arrive resolved). The component tests use it too: one mock runtime, not two.
 */
export function installCapturingMonitor(mocks: pulumi.runtime.Mocks, project: string, stack: string, preview: boolean): CapturingMonitor {
    const monitor = new CapturingMonitor(mocks);
    settings.setMockOptions(monitor, project, stack, preview, "organization");
    Object.assign(getStore(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
    });
    return monitor;
}

/** Waits for every RPC the program started (exported by the runtime, typed @internal). */
export { waitForRPCs };

/**
 * Runs the program of `project` under a {@link CapturingMonitor} and returns what it registered.
 * The Pulumi runtime is process-wide state and `require` caches the program: call this once per
 * process (the plan CLI runs it in a fresh child, see run-plan.ts). Throws {@link ProgramError}.
 */
export async function captureStack(project: LoadedProject, options: CaptureOptions = {}): Promise<Capture> {
    const mocks = options.mocks ?? new AzureMocks();
    pulumi.runtime.setAllConfig(project.config, project.secretKeys);
    const monitor = installCapturingMonitor(mocks, project.projectName, project.stackName, options.preview ?? true);

    // Errors thrown in apply callbacks surface as unhandled rejections, not through the stack promise.
    const asyncErrors: unknown[] = [];
    const onAsyncError = (error: unknown) => void asyncErrors.push(error);
    process.on("unhandledRejection", onAsyncError);
    process.on("uncaughtException", onAsyncError);
    let programError: unknown;
    try {
        await pulumi.runtime.runInPulumiStack(() => runProgram(project.mainPath)).catch((error: unknown) => {
            programError = error;
        });
        await settle(monitor);
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
    for (const resource of monitor.registrations) {
        // A key that reached an input without being marked secret would sit in the state in plain text.
        const leaked = wrapLeakedKeys(resource.inputs, scanner);
        if (leaked.paths.length > 0) {
            resource.inputs = leaked.value as Record<string, unknown>;
            warnings.push(`${resource.urn}: ${leaked.paths.join(", ")} holds an account key that is not marked secret; wrap it in pulumi.secret()`);
        }
    }
    return { resources: monitor.registrations, secretValues: issuedKeys, warnings };
}

/** Loads the program the way the Node.js language host does for CommonJS: an exported function is called. */
async function runProgram(mainPath: string): Promise<unknown> {
    const programExport: unknown = require(mainPath);
    return typeof programExport === "function" ? await (programExport as () => unknown)() : programExport;
}

/**
 * Waits until the program has gone quiet: no RPC in flight and no monitor call since the last
 * look. Resources created inside `apply` register on later turns, after the stack promise settles.
 */
async function settle(monitor: CapturingMonitor): Promise<void> {
    let seen = -1;
    while (seen !== monitor.activity) {
        seen = monitor.activity;
        await waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
    }
}

/** The message the program meant to show: its own error text, never a stack trace. */
export function describeError(error: unknown): string {
    if (error instanceof Error) {
        // gRPC-style wrapping ("2 UNKNOWN: invoke ... is not mocked") hides the message behind a status code.
        return (error as Error & { details?: string }).details || error.message.replace(/^\d+ [A-Z_]+: /, "");
    }
    return String(error);
}

/** Replaces every secret (in its RPC envelope) with "[secret]": the form that may be printed. */
export function redactSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redactSecrets);
    if (!isRecord(value)) return value;
    if (value[rpc.specialSigKey] === rpc.specialSecretSig) return SECRET_PLACEHOLDER;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactSecrets(inner)]));
}

/** Wraps plain strings containing one of `keys` in a secret envelope, returning where they were. */
function wrapLeakedKeys(value: unknown, keys: SecretScanner, path = ""): { value: unknown; paths: string[] } {
    if (typeof value === "string") {
        return keys.contains(value)
            ? { value: { [rpc.specialSigKey]: rpc.specialSecretSig, value }, paths: [path || "(value)"] }
            : { value, paths: [] };
    }
    if (Array.isArray(value)) {
        const items = value.map((item, index) => wrapLeakedKeys(item, keys, `${path}[${index}]`));
        return { value: items.map((item) => item.value), paths: items.flatMap((item) => item.paths) };
    }
    if (!isRecord(value) || value[rpc.specialSigKey] === rpc.specialSecretSig) return { value, paths: [] };
    const entries = Object.entries(value).map(([key, inner]) => [key, wrapLeakedKeys(inner, keys, path ? `${path}.${key}` : key)] as const);
    return { value: Object.fromEntries(entries.map(([key, inner]) => [key, inner.value])), paths: entries.flatMap(([, inner]) => inner.paths) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
