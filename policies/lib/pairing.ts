/**
 * Pairing groups: which Training and Prediction accounts work together, and so must share a region
 * and complete each other. An account's group is, in this order:
 * 1. the value of its `custom-vision-pair` tag;
 * 2. else its nearest ancestor that is a component resource holding both a Training and a
 *    Prediction account (at any depth);
 * 3. else its resource group (the stack's ResourceGroup it depends on, or its name, case-insensitively).
 *
 * The analyzer reports no "custom" flag, so a component is told apart by what it does receive: the
 * engine hands every custom resource a provider (its default one when the program chose none) and
 * never a local component, and provider resources and the Stack have their own type tokens. A
 * multi-language (remote) component is registered through its plugin and so comes with a provider
 * too: any ancestor of another package than azure-native or classic azure counts as a component.
 * An Azure resource (a resource group parenting accounts) never does.
 */
import type { PolicyResource } from "@pulumi/policy";
import type { CustomVisionAccount } from "./accounts";
import { TRAINING_KIND } from "./facts";
import type { ResourceGroups } from "./resource-groups";
import { tagValues } from "./tags";
import { isAzureType, isProviderType } from "./tokens";
import { isKnown, Read, UNKNOWN } from "./unknown";

export const PAIR_TAG = "custom-vision-pair";

/** How the pairing rules explain pairing groups (the docs include it). */
export const PAIRING_GROUPS =
    `Accounts are paired by group: their \`${PAIR_TAG}\` tag value when they have one; else the nearest component resource ` +
    "above them that holds both a Training and a Prediction account (the CustomVision component does, and so does a multi-language " +
    "component); else their resource group: the one named in their props (classic outputs carry `resourceGroupName`; once created, " +
    "their id names it), else the stack's ResourceGroup their `resourceGroupName` is computed from (`resourceGroupName: group.name`). " +
    `Two pairs in one resource group (e.g. a disaster-recovery pair in another region) need distinct \`${PAIR_TAG}\` tags or their own components. ` +
    "A preview shows stack rules each new resource's preview outputs, which for azure-native hold no `resourceGroupName`: an account in a group " +
    "named by a literal (not a resource of the stack) has no group until it exists, and one in a group whose name is derived from another " +
    `group's (\`\${group.name}-dr\`) counts as in that group. Tag such accounts with \`${PAIR_TAG}\` (or use the component) to have them paired at preview.`;

const STACK_TYPE = "pulumi:pulumi:Stack";

function isComponentResource(resource: PolicyResource): boolean {
    if (resource.type === STACK_TYPE || isProviderType(resource.type)) return false;
    return resource.provider === undefined || !isAzureType(resource.type);
}

export interface PairingGroup {
    key: string;
    /** The group as the user wrote it: tag value, component name, resource group name. */
    label: string;
}

const TRAINING_BIT = 1;
const PREDICTION_BIT = 2;
const BOTH = TRAINING_BIT | PREDICTION_BIT;

function* componentAncestors(resource: PolicyResource): Generator<PolicyResource> {
    for (let ancestor = resource.parent; ancestor; ancestor = ancestor.parent) {
        if (isComponentResource(ancestor)) yield ancestor;
    }
}

export class PairingGroups {
    /** Component URN -> which kinds it holds, at any depth. */
    private readonly kindsHeld = new Map<string, number>();

    constructor(accounts: readonly CustomVisionAccount<PolicyResource>[], private readonly resourceGroups: ResourceGroups) {
        for (const account of accounts) {
            const bit = account.kind === TRAINING_KIND ? TRAINING_BIT : PREDICTION_BIT;
            for (const component of componentAncestors(account.resource)) {
                this.kindsHeld.set(component.urn, (this.kindsHeld.get(component.urn) ?? 0) | bit);
            }
        }
    }

    /** The account's pairing group, or `UNKNOWN` when its tag or resource group is not known yet. */
    groupOf(account: PolicyResource): Read<PairingGroup> {
        const tagged = this.taggedGroup(account);
        if (tagged !== undefined) return tagged;
        for (const component of componentAncestors(account)) {
            if (this.kindsHeld.get(component.urn) === BOTH) {
                return { key: `component:${component.urn}`, label: `component '${component.name}' (${component.type})` };
            }
        }
        return this.resourceGroupOf(account);
    }

    /**
     * Every group an account whose kind is not known yet could belong to: its tag's, or each of its
     * component ancestors and its resource group (it may be the half that completes a component).
     * `UNKNOWN` when it could belong to any.
     */
    candidateGroupsOf(account: PolicyResource): Read<string[]> {
        const tagged = this.taggedGroup(account);
        if (tagged !== undefined) return isKnown(tagged) ? [tagged.key] : UNKNOWN;
        const keys = this.componentKeysOf(account);
        const group = this.resourceGroupOf(account);
        if (!isKnown(group)) return UNKNOWN;
        return group ? [...keys, group.key] : keys;
    }

    /** The group keys of the components above `resource`, nearest first. */
    componentKeysOf(resource: PolicyResource): string[] {
        return [...componentAncestors(resource)].map((component) => `component:${component.urn}`);
    }

    private taggedGroup(account: PolicyResource): Read<PairingGroup> {
        const values = tagValues(account, PAIR_TAG);
        if (!isKnown(values)) return UNKNOWN;
        const value = values?.filter((candidate) => candidate !== "").sort()[0];
        return value === undefined ? undefined : { key: `tag:${value}`, label: `pairing group '${value}' (tag ${PAIR_TAG})` };
    }

    private resourceGroupOf(account: PolicyResource): Read<PairingGroup> {
        const group = this.resourceGroups.groupOf(account);
        if (!group || !isKnown(group)) return UNKNOWN;
        return { key: `resourceGroup:${group.key}`, label: `resource group '${group.label}'` };
    }
}
