/**
 * The operational pieces that answer the field guide: saved KQL queries for the calls that fail,
 * and the metric alerts that page someone before users notice. Pure data, so the queries and
 * thresholds are tested and documented without an engine.
 */

/** Saved searches land in this category of the workspace's query explorer. */
export const SAVED_SEARCH_CATEGORY = "Custom Vision";

export interface SavedQuery {
    /** Short id; the saved search id is `<stack>-<name>-<id>-<suffix>`. */
    id: string;
    displayName: string;
    /** The KQL lines that pick this query's calls out of all the accounts' calls. */
    filter: string;
}

/** The three queries every Custom Vision on-call needs. */
export const SAVED_QUERIES: readonly SavedQuery[] = Object.freeze([
    { id: "failed-calls", displayName: "Custom Vision: failed calls", filter: '| where ResultType != "Success" or toint(ResultSignature) >= 400' },
    { id: "throttled-calls", displayName: "Custom Vision: throttled calls (429)", filter: '| where ResultSignature == "429"' },
    { id: "auth-failures", displayName: "Custom Vision: authentication failures (401/403)", filter: '| where ResultSignature in ("401", "403")' },
]);

/**
 * The KQL text of `query`, scoped to the given accounts. Cognitive Services logs land only in
 * `AzureDiagnostics` (not resource-specific tables), with the account name upper-cased in
 * `Resource` (hence `in~`) and the HTTP status in `ResultSignature`.
 */
export function savedQueryText(query: SavedQuery, accountNames: readonly string[]): string {
    return [
        "AzureDiagnostics",
        '| where ResourceProvider == "MICROSOFT.COGNITIVESERVICES"',
        `| where Resource in~ (${accountNames.map((name) => `"${name}"`).join(", ")})`,
        query.filter,
        "| project TimeGenerated, OperationName, ResultType, ResultSignature, ResultDescription, CallerIPAddress, Resource",
        "| order by TimeGenerated desc",
    ].join("\n");
}

export interface AlertDefinition {
    /** Short id, the end of the alert rule's name. */
    id: string;
    description: string;
    /** Cognitive Services platform metric (namespace Microsoft.CognitiveServices/accounts). */
    metricName: string;
    threshold: number;
    /** 0 critical … 4 verbose. */
    severity: number;
}

/** Evaluated every 5 minutes over a 15-minute window: long enough to ignore a single bad call. */
export const ALERT_WINDOW = Object.freeze({ evaluationFrequency: "PT5M", windowSize: "PT15M" });

/**
 * Thresholds are totals over the window. Client errors (4xx) catch the training key sent to the
 * prediction endpoint and unpublished iterations; blocked calls are quota/rate-limit rejections
 * (429); any server error is worth a look.
 */
export const ALERTS: readonly AlertDefinition[] = Object.freeze([
    {
        id: "client-errors",
        description: "More than 10 client errors (4xx) in 15 minutes: a key sent to the wrong endpoint, a wrong project id or an unpublished iteration.",
        metricName: "ClientErrors",
        threshold: 10,
        severity: 2,
    },
    {
        id: "throttling",
        description: "Calls blocked by rate or quota limits (429) in the last 15 minutes: F0 caps at 2 TPS and 10,000 predictions a month, S0 at 10 TPS.",
        metricName: "BlockedCalls",
        threshold: 0,
        severity: 2,
    },
    {
        id: "server-errors",
        description: "More than 5 server errors (5xx) in 15 minutes: check Azure status, then open a support ticket with the resource id.",
        metricName: "ServerErrors",
        threshold: 5,
        severity: 1,
    },
]);
