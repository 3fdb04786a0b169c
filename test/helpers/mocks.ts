import * as pulumi from "@pulumi/pulumi";
import { AzureMocks, MOCK_CLIENT_CONFIG, mockAccountKeys, unwrapSecrets } from "../../tools/plan/azure-mocks";
import { waitForRPCs } from "../../tools/plan/capture";
import { CapturingMonitor, installCapturingMonitor, PlannedResource } from "../../tools/plan/monitor";

/**
 * The component tests run on the plan's own mock runtime: the realistic Azure mocks (ARM-shaped ids,
 * real endpoint formats, only the invokes the code makes; any other invoke throws) behind the
 * monitor that records each RegisterResource request whole.
 */

export const SUBSCRIPTION_ID = MOCK_CLIENT_CONFIG.subscriptionId;
export const TENANT_ID = MOCK_CLIENT_CONFIG.tenantId;

/** The fake key the mocks return for `accountName` (32 hex characters, like a real key). */
export function fakeKey(accountName: string, key: 1 | 2): string {
    const keys = mockAccountKeys(accountName);
    return key === 1 ? keys.key1 : keys.key2;
}

type Inputs = Record<string, any>;

/** One registration with its secret inputs unwrapped for assertions, and where the secrets were. */
export interface Registration extends Omit<PlannedResource, "inputs" | "parent"> {
    parent: string;
    inputs: Inputs;
    /** Input property paths (e.g. `properties.value`) sent as secrets. */
    secretInputs: string[];
}

function toRegistration(resource: PlannedResource): Registration {
    const secretInputs: string[] = [];
    const inputs = unwrapSecrets(resource.inputs, secretInputs) as Inputs;
    return { ...resource, parent: resource.parent ?? "", inputs, secretInputs };
}

export interface TestRuntime {
    monitor: CapturingMonitor;
    mocks: AzureMocks;
    /** Invokes the code made, by token. */
    readonly invokes: { token: string }[];
    /** Every registration so far. */
    readonly registrations: Registration[];
}

let runtime: TestRuntime | undefined;

/** Installs the Azure mocks for this test file (project `azure-custom-vision`, not a preview). */
export function useAzureMocks(stack = "dev", project = "azure-custom-vision"): TestRuntime {
    if (process.env.PULUMI_MOCK_RUNTIME_ALLOWED !== "1") {
        // Files of the shared project run in one process: a second runtime would see the first one's resources.
        throw new Error("this test file installs Pulumi's mock runtime: list it under ISOLATED in vitest.config.mts");
    }
    const mocks = new AzureMocks();
    const monitor = installCapturingMonitor(mocks, project, stack, false);
    runtime = {
        monitor,
        mocks,
        get invokes() {
            return mocks.invokes;
        },
        get registrations() {
            return monitor.registrations.map(toRegistration);
        },
    };
    return runtime;
}

/** Resolves an Output's value (mocks resolve every value). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Runs `build`, waits until every registration has reached the monitor, returns what it registered. */
export async function register(build: () => unknown): Promise<Registration[]> {
    if (!runtime) throw new Error("call useAzureMocks() first");
    const start = runtime.monitor.registrations.length;
    build();
    // Each registration holds the runtime's RPC queue open until it has been answered: drain it.
    await waitForRPCs();
    return runtime.monitor.registrations.slice(start).map(toRegistration);
}

export function ofType(registrations: Registration[], type: string): Registration[] {
    return registrations.filter((r) => r.type === type);
}

export function named(registrations: Registration[], name: string): Registration {
    const found = registrations.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name}; have ${registrations.map((r) => r.name).join(", ")}`);
    return found;
}
