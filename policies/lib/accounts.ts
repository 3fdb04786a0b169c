/** Custom Vision accounts: Cognitive Services accounts of a Custom Vision kind, in every token form. */
import { CUSTOM_VISION_KINDS, FREE_SKU, PREDICTION_KIND, TRAINING_KIND } from "./facts";
import type { ResourceLike } from "./resource-like";
import { kindOf, propertyFormOf } from "./tokens";
import { forEachResource, isKnown, read, Read, UNKNOWN } from "./unknown";
import { asBoolean, asString, nested } from "./values";

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
    const kind = read(() => asString(resource.props.kind));
    return isKnown(kind) ? kind ?? "" : UNKNOWN;
}

/** The account's Custom Vision view, or `undefined` when it is another kind, not an account, or of unknown kind. */
export function customVisionAccountOf<R extends ResourceLike>(resource: R): CustomVisionAccount<R> | undefined {
    const written = accountKindOf(resource);
    if (typeof written !== "string") return undefined;
    const kind = CUSTOM_VISION_KINDS.find((known) => known.toLowerCase() === written.toLowerCase()) as CustomVisionKind | undefined;
    if (!kind) return undefined;
    const props = resource.props;
    const classic = propertyFormOf(resource.type) === "classic";
    return {
        resource,
        kind,
        sku: read(() => asString(classic ? props.skuName : nested(props, "sku")?.name)),
        location: read(() => asString(props.location)),
        keyAuthDisabled: read(() => {
            if (classic) {
                const enabled = asBoolean(props.localAuthEnabled);
                return enabled === undefined ? undefined : !enabled;
            }
            return asBoolean(nested(props, "properties")?.disableLocalAuth);
        }),
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
