/**
 * The Custom Vision view of a whole stack, computed once per `resources` array and shared by the
 * stack rules (the engine hands each stack policy the same resources; a real analyzer hands each its
 * own copy, which only costs a recomputation). Accounts are sorted by URN, so every rule that walks
 * them reports the same violations whatever order the engine lists the resources in.
 */
import type { PolicyResource } from "@pulumi/policy";
import { CustomVisionAccount, customVisionAccountsIn } from "./accounts";
import { Located, locationOf } from "./locations";
import { PairingGroup, PairingGroups } from "./pairing";
import { ResourceGroups } from "./resource-groups";
import { Read } from "./unknown";

export interface StackModel {
    /** Custom Vision accounts, sorted by URN. */
    accounts: CustomVisionAccount<PolicyResource>[];
    /** Cognitive Services accounts whose kind is not known yet, sorted by URN. */
    unknownKind: PolicyResource[];
    resourceGroups: ResourceGroups;
    pairing: PairingGroups;
    /** Where an account is (own location, provider, resource group), computed once per account. */
    locationOf(account: PolicyResource): Read<Located>;
    /** An account's pairing group, computed once per account. */
    groupOf(account: PolicyResource): Read<PairingGroup>;
}

const models = new WeakMap<readonly PolicyResource[], StackModel>();

const byUrn = (a: { urn: string }, b: { urn: string }): number => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0);

export function stackModelOf(resources: readonly PolicyResource[]): StackModel {
    let model = models.get(resources);
    if (!model) {
        const { accounts, unknownKind } = customVisionAccountsIn(resources);
        accounts.sort((a, b) => byUrn(a.resource, b.resource));
        unknownKind.sort(byUrn);
        const resourceGroups = new ResourceGroups(resources);
        const pairing = new PairingGroups(accounts, resourceGroups);
        const locations = new Map<string, Read<Located>>();
        const groups = new Map<string, Read<PairingGroup>>();
        model = {
            accounts,
            unknownKind,
            resourceGroups,
            pairing,
            locationOf: (account) => memo(locations, account.urn, () => locationOf(account, resourceGroups)),
            groupOf: (account) => memo(groups, account.urn, () => pairing.groupOf(account)),
        };
        models.set(resources, model);
    }
    return model;
}

function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    cache.set(key, value);
    return value;
}

export interface GroupedAccounts {
    group: PairingGroup;
    members: CustomVisionAccount<PolicyResource>[];
}

/**
 * The accounts of known group, by group, in URN order. A group's label is the smallest spelling
 * among its members (resource group names match case-insensitively), so it does not depend on order.
 */
export function groupAccounts(model: StackModel, accounts: readonly CustomVisionAccount<PolicyResource>[]): Map<string, GroupedAccounts> {
    const grouped = new Map<string, GroupedAccounts>();
    for (const account of accounts) {
        const group = model.groupOf(account.resource);
        if (typeof group !== "object") continue;
        const existing = grouped.get(group.key);
        if (!existing) grouped.set(group.key, { group, members: [account] });
        else {
            existing.members.push(account);
            if (group.label < existing.group.label) existing.group = group;
        }
    }
    return grouped;
}
