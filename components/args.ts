import * as pulumi from "@pulumi/pulumi";

/**
 * The arguments of `CustomVision`. Their TSDoc becomes the multi-language schema and the reference
 * docs; defaults live in `defaults.ts` (see `describeDefault`) and are never restated here. Only
 * plain types the schema analyzer supports: no unions except the named enums below.
 */

/** How Entra ID classifies a principal; a role assignment must state the principal's real type. */
export const PrincipalType = {
    /** A managed identity or an app registration. */
    ServicePrincipal: "ServicePrincipal",
    /** A person's account. */
    User: "User",
    /** An Entra ID security group. */
    Group: "Group",
} as const;
export type PrincipalType = (typeof PrincipalType)[keyof typeof PrincipalType];

/** A principal granted "Key Vault Secrets User" on the component's vault. */
export interface SecretReader {
    /** Entra ID object id (GUID) of the principal. */
    principalId: string;
    /** What kind of principal `principalId` is; ARM rejects an assignment whose type does not match. */
    principalType: PrincipalType;
}

/** Whether the accounts and the vault answer requests that come from public networks. */
export const PublicNetworkAccess = {
    /** Public networks reach them (only `allowedIpRanges` when those are given). */
    Enabled: "Enabled",
    /** Only the private endpoints reach them; Azure then ignores IP rules. */
    Disabled: "Disabled",
} as const;
export type PublicNetworkAccess = (typeof PublicNetworkAccess)[keyof typeof PublicNetworkAccess];

/** Existing private DNS zones the private endpoints register their addresses in. */
export interface PrivateDnsZoneIds {
    /**
     * Resource id of a `privatelink.cognitiveservices.azure.com` zone: both accounts' custom
     * subdomains then resolve to their private endpoints.
     */
    cognitiveServices?: pulumi.Input<string>;
    /** Resource id of a `privatelink.vaultcore.azure.net` zone: the vault's name then resolves to its private endpoint. */
    keyVault?: pulumi.Input<string>;
}

/** Network isolation of the accounts and the vault (docs/operations.md, "Private networking"). */
export interface NetworkArgs {
    /**
     * Resource id of an existing subnet (`/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>`)
     * whose virtual network is in the component's region and subscription. One private endpoint
     * per account and one for the vault are created in it.
     */
    privateEndpointSubnetId?: pulumi.Input<string>;
    /** Zones the private endpoints register in. Needs `privateEndpointSubnetId`; without it DNS is left to the network's own setup. */
    privateDnsZoneIds?: PrivateDnsZoneIds;
    /**
     * "Enabled" or "Disabled", applied to both accounts and the vault. A private endpoint does not
     * close the public side by itself: set "Disabled" for that, which needs `privateEndpointSubnetId`
     * and excludes `allowedIpRanges` (Azure ignores IP rules once public access is disabled).
     */
    publicNetworkAccess?: PublicNetworkAccess;
    /**
     * Public IPv4 addresses or CIDR ranges (e.g. "203.0.113.7", "198.51.100.0/24") that may reach the
     * accounts and the vault; every other public network is denied. At most 100; no private
     * (RFC 1918) addresses, no /31 or /32 ranges (write the address alone). Deployment agents and
     * CI runners that read the vault must be among them or use the private endpoint.
     */
    allowedIpRanges?: string[];
}

/** The arguments of `CustomVision`. */
export interface CustomVisionArgs {
    /** The existing resource group that holds every resource. */
    resourceGroupName: pulumi.Input<string>;
    /**
     * The one Azure region for both accounts, the vault and the workspace ("East US", "eastus" and
     * "EastUS" are accepted alike). Must be one of `allowedRegions`; there is deliberately no way to
     * give the two accounts different regions.
     */
    location: string;
    /**
     * Environment label (1–32 letters, digits or hyphens), also set as the `environment` tag. A
     * production name ("prod" or "production") turns on the production guards: the lock on the
     * Training account and vault purge protection.
     */
    environment?: string;
    /** Pricing tier of the Training account: "F0" (free: 2 projects) or "S0". */
    trainingSku?: string;
    /** Pricing tier of the Prediction account: "F0" (free: 10,000 predictions a month) or "S0". */
    predictionSku?: string;
    /**
     * Resource id of an existing Log Analytics workspace. When set, no workspace is created and this
     * one receives the diagnostic logs and the saved queries.
     */
    logAnalyticsWorkspaceId?: pulumi.Input<string>;
    /** Retention of the created workspace in days, 30–730. Ignored with `logAnalyticsWorkspaceId`. */
    logRetentionInDays?: number;
    /**
     * Entra ID object ids (GUIDs) of service principals (managed identities, app registrations) that
     * read the secrets: each is granted "Key Vault Secrets User" on the vault as a ServicePrincipal.
     * Use `secretReaders` for users and groups.
     */
    secretReaderPrincipalIds?: string[];
    /** Principals of any type granted "Key Vault Secrets User" on the vault, each with its `principalType`. */
    secretReaders?: SecretReader[];
    /**
     * Tags added to every resource next to the component's own `managed-by`, `component` and
     * `environment` tags, which they may not change. At most 47 tags (Azure allows 50 a resource);
     * names up to 512 characters without `< > % & \ ? /`, values up to 256. Azure compares tag names
     * case-insensitively, so each name may appear once in any letter case, and not as another spelling
     * of the component's own. The vault's secrets are not tagged with these: a Key Vault secret takes
     * at most 15 tags, and carries only the component's own (the key secrets also `key-rotation`).
     */
    tags?: { [key: string]: string };
    /** Name of the Key Vault (3–24 characters, globally unique, fixed once created). */
    keyVaultName?: string;
    /** Account name and custom subdomain of the Training account (globally unique, immutable once created). */
    trainingSubdomain?: string;
    /** Account name and custom subdomain of the Prediction account (globally unique, immutable once created). */
    predictionSubdomain?: string;
    /** Days a deleted vault stays recoverable, 7–90; fixed at creation. */
    softDeleteRetentionInDays?: number;
    /** Turn on vault purge protection. Irreversible once on; leave it off where vaults are purged on teardown. */
    enablePurgeProtection?: boolean;
    /**
     * Put a CanNotDelete lock on the Training account (deleting it deletes every project and
     * training image) and mark it `protect`ed, so neither the portal nor `pulumi destroy` can delete it.
     */
    lockTrainingAccount?: boolean;
    /** Regions accepted for `location`, replacing the built-in list when Azure adds one. Must not be empty. */
    allowedRegions?: string[];
    /** Which account key (1 or 2) the `*-key-active` secrets hold. Flip it to rotate keys without downtime. */
    activeKey?: number;
    /**
     * Any text up to 256 characters (a date, a counter; numbers are accepted too). Changing it copies
     * the account keys into the vault again, to pick up a key regenerated outside Pulumi
     * (`az cognitiveservices account keys regenerate`). The key secrets carry it as their
     * `key-rotation` tag.
     */
    keyRotation?: string;
    /** Custom Vision project id (GUID) to keep in the vault as `project-id`. May be a secret; not empty. */
    projectId?: pulumi.Input<string>;
    /** Name the iteration is published under, kept in the vault as `published-iteration-name`. May be a secret; not empty. */
    publishedIterationName?: pulumi.Input<string>;
    /**
     * Re-attach accounts deleted within the last 48 hours (`restore: true`) and recover a
     * soft-deleted vault (`createMode: recover`) instead of failing with FlagMustBeSetForRestore.
     */
    restoreSoftDeleted?: boolean;
    /** E-mail addresses that receive the metric alerts. Alerts are created only when there is a receiver. */
    alertEmails?: string[];
    /** Resource id of an existing action group that receives the metric alerts. */
    alertActionGroupId?: pulumi.Input<string>;
    /**
     * Private endpoints, public network access and IP rules of both accounts and the vault. The
     * workspace and the diagnostic settings are not affected.
     */
    network?: NetworkArgs;
}
