import type { CapturingMonitor } from "../../tools/plan/monitor";

/**
 * The RegisterResource requests exactly as the runtime sends them (protobuf `toObject()`), for the
 * fields the shared capture leaves out: aliases and deleteBeforeReplace.
 */
export interface RawRegisterRequest {
    type: string;
    name: string;
    deletebeforereplace: boolean;
    aliasesList: { spec?: { name: string; type: string } }[];
    [field: string]: unknown;
}

/** Starts recording every request `monitor` receives from now on; the returned list fills as they arrive. */
export function recordRequests(monitor: CapturingMonitor): RawRegisterRequest[] {
    const requests: RawRegisterRequest[] = [];
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        requests.push((request as unknown as { toObject(): RawRegisterRequest }).toObject());
        return register(request, callback);
    };
    return requests;
}
