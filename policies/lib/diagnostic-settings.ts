/**
 * Diagnostic settings in every token form, and whether they send logs to a Log Analytics workspace.
 * A stack policy sees azure-native settings through their outputs, which carry the workspace and the
 * logs but not the monitored resource (`resourceUri` is a path parameter): until the setting exists
 * and its `id` (`<resource id>/providers/Microsoft.Insights/diagnosticSettings/<name>`) names it,
 * only the property dependency of `resourceUri` tells. Classic outputs carry `targetResourceId`.
 */
import { knownIdOf, scopeOfExtensionId } from "./resource-ids";
import { readGiven, ResourceLike } from "./resource-like";
import { propertyFormOf, resourceKindOf } from "./tokens";
import { isKnown, Read, UNKNOWN } from "./unknown";
import { asString, isRecord } from "./values";

export interface DiagnosticSetting {
    /** Input property naming the monitored resource: `resourceUri` (azure-native) or `targetResourceId` (classic). */
    targetProperty: string;
    /** The monitored resource's id; `UNKNOWN` when not known yet or not carried by the props. */
    target: Read<string>;
    /** True when it sends logs (not only metrics) to a Log Analytics workspace. */
    routesLogsToWorkspace: Read<boolean>;
}

function either(a: Read<boolean>, b: Read<boolean>): Read<boolean> {
    if (a === true || b === true) return true;
    return isKnown(a) && isKnown(b) ? false : UNKNOWN;
}

function hasEntries(value: unknown, enabledFlag: boolean): boolean {
    return Array.isArray(value) && value.some((entry: unknown) => isRecord(entry) && (!enabledFlag || entry.enabled !== false));
}

export function diagnosticSettingOf(resource: ResourceLike): DiagnosticSetting | undefined {
    if (resourceKindOf(resource.type) !== "diagnosticSetting") return undefined;
    const classic = propertyFormOf(resource.type) === "classic";
    const targetProperty = classic ? "targetResourceId" : "resourceUri";
    const workspace = readGiven(resource, classic ? "logAnalyticsWorkspaceId" : "workspaceId", asString);
    // Classic v6 lists logs in `enabledLogs` (entries carry no `enabled` flag); azure-native in `logs`.
    // Logs the program did not give (absent, or unknown in a preview output with nothing it was
    // computed from) are no logs: a setting with only `metrics` sends none.
    const listsLogs = (property: string, enabledFlag: boolean): Read<boolean> => readGiven(resource, property, (value) => hasEntries(value, enabledFlag)) ?? false;
    const logs = classic ? either(listsLogs("enabledLogs", false), listsLogs("logs", true)) : listsLogs("logs", true);
    let routesLogsToWorkspace: Read<boolean>;
    if ((isKnown(workspace) && !workspace) || logs === false) {
        routesLogsToWorkspace = false;
    } else {
        routesLogsToWorkspace = !isKnown(workspace) || !isKnown(logs) ? UNKNOWN : true;
    }
    const written = readGiven(resource, targetProperty, asString);
    const id = knownIdOf(resource);
    const fromId = id ? scopeOfExtensionId(id, "Microsoft.Insights/diagnosticSettings") : undefined;
    const target = typeof written === "string" && written ? written : fromId ?? UNKNOWN;
    return { targetProperty, target, routesLogsToWorkspace };
}
