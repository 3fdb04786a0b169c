/**
 * Type tokens in every form a stack may use: azure-native v3, v2, explicit API versions
 * (`azure-native:keyvault/v20230701:Vault`), classic @pulumi/azure (`azure:cognitive/account:Account`),
 * and azure-native's generic `resources:Resource` naming its ARM type in its inputs.
 */
import type { ResourceLike } from "./resource-like";
import { read } from "./unknown";
import { asString } from "./values";

/** `azure-native:cognitiveservices/v20230501:Account` -> provider, module (no API version), resource name. */
export interface TypeToken {
    provider: string;
    module: string;
    resource: string;
}

export function parseTypeToken(type: string): TypeToken | undefined {
    const parts = type.split(":");
    if (parts.length !== 3) {
        return undefined;
    }
    const [provider, modulePath, resource] = parts;
    // azure-native puts the API version after the module (`keyvault/v20230701`); classic puts the
    // file name there (`cognitive/account`), which the resource name already says.
    const module = modulePath.split("/")[0];
    return { provider, module, resource };
}

export type ResourceKind = "cognitiveAccount" | "keyVault" | "diagnosticSetting" | "managementLock" | "resourceGroup";

/** `provider:module:resource` (version-free) -> kind. azure-native v2 kept diagnostic settings under `insights`. */
const KINDS_BY_TOKEN: ReadonlyMap<string, ResourceKind> = new Map([
    ["azure-native:cognitiveservices:Account", "cognitiveAccount"],
    ["azure:cognitive:Account", "cognitiveAccount"],
    ["azure-native:keyvault:Vault", "keyVault"],
    ["azure:keyvault:KeyVault", "keyVault"],
    ["azure-native:monitor:DiagnosticSetting", "diagnosticSetting"],
    ["azure-native:insights:DiagnosticSetting", "diagnosticSetting"],
    ["azure:monitoring:DiagnosticSetting", "diagnosticSetting"],
    ["azure-native:authorization:ManagementLockByScope", "managementLock"],
    ["azure-native:authorization:ManagementLockAtResourceLevel", "managementLock"],
    ["azure-native:authorization:ManagementLockAtResourceGroupLevel", "managementLock"],
    ["azure-native:authorization:ManagementLockAtSubscriptionLevel", "managementLock"],
    ["azure:management:Lock", "managementLock"],
    ["azure:managementresource:ManangementLock", "managementLock"],
    ["azure-native:resources:ResourceGroup", "resourceGroup"],
    ["azure:core:ResourceGroup", "resourceGroup"],
]);

/** azure-native's generic resource: any ARM type, named by `resourceProviderNamespace` and `resourceType`. */
const GENERIC_RESOURCE_TOKEN = "azure-native:resources:Resource";

/** Lower-cased ARM type -> kind, for generic resources. */
const KINDS_BY_ARM_TYPE: ReadonlyMap<string, ResourceKind> = new Map([
    ["microsoft.cognitiveservices/accounts", "cognitiveAccount"],
    ["microsoft.keyvault/vaults", "keyVault"],
]);

/** Which property names a resource's inputs use: azure-native's, classic's, or the generic resource's. */
export type PropertyForm = "native" | "classic" | "generic";

interface TokenInfo {
    kind?: ResourceKind;
    form: PropertyForm;
}
const tokenCache = new Map<string, TokenInfo>();

function tokenInfo(type: string): TokenInfo {
    let info = tokenCache.get(type);
    if (!info) {
        const token = parseTypeToken(type);
        const key = token && `${token.provider}:${token.module}:${token.resource}`;
        const form: PropertyForm = token?.provider === "azure" ? "classic" : key === GENERIC_RESOURCE_TOKEN ? "generic" : "native";
        info = { kind: key ? KINDS_BY_TOKEN.get(key) : undefined, form };
        tokenCache.set(type, info);
    }
    return info;
}

/** What a type token names, in any of its forms; `undefined` for everything else (generic resources included). */
export function resourceKindOf(type: string): ResourceKind | undefined {
    return tokenInfo(type).kind;
}

export function propertyFormOf(type: string): PropertyForm {
    return tokenInfo(type).form;
}

/**
 * What a resource is: its token's kind, or for a generic resource the ARM type its inputs name. A
 * generic resource whose ARM type is not known yet counts as none of the pack's kinds.
 */
export function kindOf(resource: ResourceLike): ResourceKind | undefined {
    const info = tokenInfo(resource.type);
    if (info.form !== "generic") return info.kind;
    const armType = read(() => {
        const namespace = asString(resource.props.resourceProviderNamespace);
        const type = asString(resource.props.resourceType);
        return namespace && type ? `${namespace}/${type}`.toLowerCase() : undefined;
    });
    return typeof armType === "string" ? KINDS_BY_ARM_TYPE.get(armType) : undefined;
}
