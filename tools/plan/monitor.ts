import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";
import type { StackResource } from "../policy-engine";
import { isCreatedByProvider } from "./critical-path";
import { secretEnvelope } from "./secrets";
import { isRecord } from "./values";

/**
 * The monitor the plan and the tests install under Pulumi's mock runtime: it answers the program
 * through the mocks, as Pulumi's MockMonitor does, and records every RegisterResourceRequest whole
 * (URN, type, name, parent, inputs, dependencies, property dependencies, `protect`) and the root
 * Stack's outputs.
 *
 * With a {@link RoundScheduler} it also holds every call to Azure (a resource created or read, an
 * invoke) and answers them in rounds: round 1 answers the calls the program makes before anything
 * exists, round 2 the calls it made once those answers arrived, and so on. Each call takes one
 * round, as if every Azure call took the same time and nothing limited parallelism, so the round a
 * call is answered in is its depth in the chain of calls that had to happen first (critical-path.ts).
 * Components, providers and the Stack are local: answered at once.
 */

/** A registered resource plus whether it is a custom resource (something a provider creates). */
export interface PlannedResource extends StackResource {
    custom: boolean;
}

/** One call to Azure the program made, and the round it was answered in. */
export interface AzureCall {
    kind: "create" | "read" | "invoke";
    /** Resource type, or the invoke's token. */
    type: string;
    /** The resource's logical name; empty for an invoke. */
    name: string;
    /** The resource's URN (create); filled once registered. */
    urn?: string;
    round: number;
    /** Created resource: its id and Azure name. Invoke: its string arguments. Links an invoke to the resource it reads. */
    references: string[];
}

type Callback = (error: unknown, response?: unknown) => void;
interface Struct {
    toJavaScript(): Record<string, unknown>;
}
interface RegisterResponse {
    getUrn(): string;
    getId(): string;
}
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): Struct | undefined;
    getProtect(): boolean | undefined;
    getDependenciesList(): string[];
    getProvider(): string;
    getImportid(): string;
    getPropertydependenciesMap(): { forEach(visit: (value: { getUrnsList(): string[] }, key: string) => void): void };
}
interface ReadRequest {
    getType(): string;
    getName(): string;
}
interface InvokeRequest {
    getTok(): string;
    getArgs(): Struct | undefined;
}
interface OutputsRequest {
    getUrn(): string;
    getOutputs(): Struct | undefined;
}

/** Exported by the runtime but typed @internal. */
const getStore = (state as unknown as { getStore(): object }).getStore;

const STACK_TYPE = "pulumi:pulumi:Stack";
/** Answered by the mock monitor itself from what was registered: no Azure call. */
const GET_RESOURCE_TOKEN = "pulumi:pulumi:getResource";

/** Holds Azure calls until the next round; see the module comment. */
export class RoundScheduler {
    round = 0;
    private waiting: (() => void)[] = [];

    /** Resolves with the round that answers this call. */
    nextRound(): Promise<number> {
        return new Promise((resolve) => this.waiting.push(() => resolve(this.round)));
    }

    get pending(): number {
        return this.waiting.length;
    }

    answerRound(): void {
        this.round++;
        const answered = this.waiting;
        this.waiting = [];
        answered.forEach((answer) => answer());
    }
}

/**
 * A MockMonitor that also keeps each RegisterResourceRequest whole and the root Stack's outputs.
 * The base class answers the program (URNs, ids, state from the mocks); this subclass records, and
 * with a scheduler holds each Azure call until its round.
 */
export class CapturingMonitor extends MockMonitor {
    readonly registrations: PlannedResource[] = [];
    readonly calls: AzureCall[] = [];
    /** Existing resources the program read (`.get()`, StackReference): the plan has none of their state. */
    readonly reads: { type: string; name: string }[] = [];
    /** Resources the program adopts with the `import` option: the plan plans them as new. */
    readonly imports: { type: string; name: string }[] = [];
    stackOutputs: Record<string, unknown> = {};
    /** Invokes the mocks refused: the first is the root cause of whatever fails after it. */
    readonly invokeFailures: Error[];
    /** Bumped on every monitor call, so the runner can tell when the program has gone quiet. */
    activity = 0;
    private readonly scheduler?: RoundScheduler;

    constructor(mocks: pulumi.runtime.Mocks, scheduler?: RoundScheduler) {
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
        this.scheduler = scheduler;
        // The base class prefixes only the parent's last type and keeps the Stack in the chain; the
        // engine qualifies a type with the parent's whole chain and leaves the Stack out. Policies
        // and the plan report URNs, so they must be the engine's. (newUrn is private in the typings.)
        (this as unknown as { newUrn: typeof engineUrn }).newUrn = engineUrn;
    }

    async registerResource(request: RegisterRequest, callback: Callback): Promise<void> {
        this.activity++;
        // Reserve the slot now so the list keeps registration order, not completion order.
        const resource = describeRegistration(request);
        this.registrations.push(resource);
        if (request.getImportid()) this.imports.push({ type: resource.type, name: resource.name });
        const call = isCreatedByProvider(resource) ? await this.scheduled("create", resource.type, resource.name) : undefined;
        await super.registerResource(request, (error, response) => {
            this.activity++;
            if (!error && response) {
                const registered = response as RegisterResponse;
                resource.urn = registered.getUrn();
                if (call) {
                    call.urn = resource.urn;
                    call.references = azureNames(registered.getId());
                }
            }
            callback(error, response);
        });
    }

    async readResource(request: ReadRequest, callback: Callback): Promise<void> {
        this.activity++;
        this.reads.push({ type: request.getType(), name: request.getName() });
        await this.scheduled("read", request.getType(), request.getName());
        await super.readResource(request, (error, response) => {
            this.activity++;
            callback(error, response);
        });
    }

    async invoke(request: InvokeRequest, callback: Callback): Promise<void> {
        this.activity++;
        const token = request.getTok();
        if (token !== GET_RESOURCE_TOKEN) {
            const call = await this.scheduled("invoke", token, "");
            if (call) call.references = stringLeaves(request.getArgs()?.toJavaScript() ?? {});
        }
        await super.invoke(request, (error, response) => {
            this.activity++;
            callback(error, response);
        });
    }

    registerResourceOutputs(request: OutputsRequest, callback: Callback): void {
        this.activity++;
        if (request.getUrn().split("::")[2] === STACK_TYPE) {
            this.stackOutputs = toAnalyzerValue(request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        }
        super.registerResourceOutputs(request, callback);
    }

    /** Waits for this call's round (with a scheduler) and records the call. */
    private async scheduled(kind: AzureCall["kind"], type: string, name: string): Promise<AzureCall | undefined> {
        if (!this.scheduler) return undefined;
        const round = await this.scheduler.nextRound();
        this.activity++;
        const call: AzureCall = { kind, type, name, round, references: [] };
        this.calls.push(call);
        return call;
    }
}

/** An ARM id and its last segment (the Azure name), what an invoke names a resource by. */
function azureNames(id: string): string[] {
    return id ? [id, id.slice(id.lastIndexOf("/") + 1)] : [];
}

function stringLeaves(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(stringLeaves);
    return isRecord(value) ? Object.values(value).flatMap(stringLeaves) : [];
}

/** `urn:pulumi:<stack>::<project>::<parent chain>$<type>::<name>`, as the engine builds it. */
function engineUrn(parent: string, type: string, name: string): string {
    const parentChain = parent ? parent.split("::")[2] : "";
    const qualifiedType = parentChain && parentChain !== STACK_TYPE ? `${parentChain}$${type}` : type;
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualifiedType}::${name}`;
}

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
            return secretEnvelope(toAnalyzerValue(value.value));
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

/**
 * Installs a {@link CapturingMonitor} over `mocks` as the runtime's monitor, with the features
 * `pulumi.runtime.setMocks` enables (secrets, resource references; no output values, so inputs
 * arrive resolved). The component tests use it too: one mock runtime, not two. Every call is
 * answered at once; the plan's captureStack (capture.ts) answers them in rounds.
 */
export function installCapturingMonitor(mocks: pulumi.runtime.Mocks, project: string, stack: string, preview: boolean): CapturingMonitor {
    return installMonitor(new CapturingMonitor(mocks), project, stack, preview);
}

export function installMonitor(monitor: CapturingMonitor, project: string, stack: string, preview: boolean): CapturingMonitor {
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
