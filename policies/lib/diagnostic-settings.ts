/** Diagnostic settings in every token form, and whether they send logs to a Log Analytics workspace. */
import type { ResourceLike } from "./resource-like";
import { propertyFormOf, resourceKindOf } from "./tokens";
import { isKnown, read, Read, UNKNOWN } from "./unknown";
import { asString, isRecord } from "./values";

export interface DiagnosticSetting {
    /** Input property naming the monitored resource: `resourceUri` (azure-native) or `targetResourceId` (classic). */
    targetProperty: string;
    target: Read<string>;
    /** True when it sends logs (not only metrics) to a Log Analytics workspace. */
    routesLogsToWorkspace: Read<boolean>;
}

function hasEntries(value: unknown, enabledFlag: boolean): boolean {
    return Array.isArray(value) && value.some((entry: unknown) => isRecord(entry) && (!enabledFlag || entry.enabled !== false));
}

export function diagnosticSettingOf(resource: ResourceLike): DiagnosticSetting | undefined {
    if (resourceKindOf(resource.type) !== "diagnosticSetting") return undefined;
    const props = resource.props;
    const classic = propertyFormOf(resource.type) === "classic";
    const targetProperty = classic ? "targetResourceId" : "resourceUri";
    const workspace = read(() => asString(classic ? props.logAnalyticsWorkspaceId : props.workspaceId));
    // Classic v6 lists logs in `enabledLogs` (entries carry no `enabled` flag); azure-native in `logs`.
    const logs = read(() => (classic ? hasEntries(props.enabledLogs, false) || hasEntries(props.logs, true) : hasEntries(props.logs, true)));
    let routesLogsToWorkspace: Read<boolean>;
    if ((isKnown(workspace) && !workspace) || logs === false) {
        routesLogsToWorkspace = false;
    } else {
        routesLogsToWorkspace = !isKnown(workspace) || !isKnown(logs) ? UNKNOWN : true;
    }
    return { targetProperty, target: read(() => asString(props[targetProperty])), routesLogsToWorkspace };
}
