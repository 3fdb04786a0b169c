/** Custom Vision accounts: Cognitive Services accounts of a Custom Vision kind, in every token form. */
import { CUSTOM_VISION_KINDS, FREE_SKU, PREDICTION_KIND, TRAINING_KIND } from "./facts";
import { readGiven, ResourceLike } from "./resource-like";
import { kindOf, propertyFormOf } from "./tokens";
import { forEachResource, isKnown, read, Read, UNKNOWN } from "./unknown";
import { asBoolean, asString, isRecord } from "./values";

export type CustomVisionKind = typeof TRAINING_KIND | typeof PREDICTION_KIND;

export interface CustomVisionAccount<R extends ResourceLike = ResourceLike> {
    resource: R;
    kind: CustomVisionKind;
    sku: Read<string>;
    /** The account's own `location`; absent means it inherits one (see locations.ts). */
    location: Read<string>;
    /** True when key (local) auth is off: azure-native `properties.disableLocalAuth`, classic `localAuthEnabled: false`. */
    keyAuthDisabled: Read<boolean>;
}

/** The account's kind as written: `undefined` when it is no Cognitive Services account, `UNKNOWN` when not known yet. */
function accountKindOf(resource: ResourceLike): Read<string> {
    if (kindOf(resource) !== "cognitiveAccount") return undefined;
    // Every account has a kind: one that is unknown, or absent from the outputs of a provider that
    // returned none (its configuration unknown at preview), may still be Custom Vision.
    const kind = read(() => asString(resource.props.kind));
    return isKnown(kind) && kind !== undefined ? kind : UNKNOWN;
}

/** The account's Custom Vision view, or `undefined` when it is another kind, not an account, or of unknown kind. */
export function customVisionAccountOf<R extends ResourceLike>(resource: R): CustomVisionAccount<R> | undefined {
    const written = accountKindOf(resource);
    if (typeof written !== "string") return undefined;
    const kind = CUSTOM_VISION_KINDS.find((known) => known.toLowerCase() === written.toLowerCase()) as CustomVisionKind | undefined;
    if (!kind) return undefined;
    const classic = propertyFormOf(resource.type) === "classic";
    return {
        resource,
        kind,
        sku: classic ? readGiven(resource, "skuName", asString) : readGiven(resource, "sku", (sku) => (isRecord(sku) ? asString(sku.name) : undefined)),
        location: readGiven(resource, "location", asString),
        keyAuthDisabled: classic
            ? readGiven(resource, "localAuthEnabled", (enabled) => (typeof enabled === "boolean" ? !enabled : undefined))
            : readGiven(resource, "properties", (properties) => (isRecord(properties) ? asBoolean(properties.disableLocalAuth) : undefined)),
    };
}

/** The Custom Vision accounts of a stack, plus the Cognitive Services accounts whose kind is still unknown. */
export function customVisionAccountsIn<R extends ResourceLike>(resources: readonly R[]): { accounts: CustomVisionAccount<R>[]; unknownKind: R[] } {
    const accounts: CustomVisionAccount<R>[] = [];
    const unknownKind: R[] = [];
    forEachResource(resources, (resource) => {
        const account = customVisionAccountOf(resource);
        if (account) accounts.push(account);
        else if (accountKindOf(resource) === UNKNOWN) unknownKind.push(resource);
    });
    return { accounts, unknownKind };
}

export function isFreeSku(sku: Read<string>): boolean {
    return typeof sku === "string" && sku.toUpperCase() === FREE_SKU;
}

/** "CustomVision.Training" -> "Training". */
export function roleOf(kind: CustomVisionKind): string {
    return kind === TRAINING_KIND ? "Training" : "Prediction";
}
