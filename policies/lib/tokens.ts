/**
 * Type tokens in every form a stack may use: azure-native v3, v2, explicit API versions
 * (`azure-native:keyvault/v20230701:Vault`), local packages of one API version
 * (`azure-native_keyvault_v20230701:keyvault:Vault`, from `pulumi package add azure-native keyvault
 * 2023-07-01`), classic @pulumi/azure (`azure:cognitive/account:Account`), and azure-native's generic
 * `resources:Resource` naming its ARM type in its inputs.
 */
import { CUSTOM_VISION_KINDS } from "./facts";
import { readGiven, ResourceLike } from "./resource-like";
import { read } from "./unknown";
import { asString } from "./values";

const NATIVE = "azure-native";
const CLASSIC = "azure";
/** pulumi-azure-native `generateNewPackageName`: `<package>_<module>_<api version>`. */
const LOCAL_NATIVE_PACKAGE = /^azure-native_[A-Za-z0-9]+_[A-Za-z0-9]+$/;
/** Provider resources' types: `pulumi:providers:<package>`. */
export const PROVIDER_TYPE_PREFIX = "pulumi:providers:";

/** A package name as the pack matches it: every azure-native local package is `azure-native`. */
export function normalizePackage(packageName: string): string {
    return LOCAL_NATIVE_PACKAGE.test(packageName) ? NATIVE : packageName;
}

/** `azure-native_keyvault_v20230701:keyvault:Vault` -> `azure-native`; `azure:cognitive/account:Account` -> `azure`. */
export function packageOf(type: string): string {
    return normalizePackage(type.slice(0, Math.max(type.indexOf(":"), 0)));
}

/** True for a type of azure-native (any version or local package) or classic @pulumi/azure. */
export function isAzureType(type: string): boolean {
    const packageName = packageOf(type);
    return packageName === NATIVE || packageName === CLASSIC;
}

export function isProviderType(type: string): boolean {
    return type.startsWith(PROVIDER_TYPE_PREFIX);
}

/** `pulumi:providers:azure-native_cognitiveservices_v20250401preview` -> `azure-native`; undefined for no provider type. */
export function providerPackageOf(providerType: string): string | undefined {
    return isProviderType(providerType) ? normalizePackage(providerType.slice(PROVIDER_TYPE_PREFIX.length)) : undefined;
}

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
    const [packageName, modulePath, resource] = parts;
    // azure-native puts the API version after the module (`keyvault/v20230701`); classic puts the
    // file name there (`cognitive/account`), which the resource name already says.
    const module = modulePath.split("/")[0];
    return { provider: normalizePackage(packageName), module, resource };
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
        const form: PropertyForm = token?.provider === CLASSIC ? "classic" : key === GENERIC_RESOURCE_TOKEN ? "generic" : "native";
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

const CUSTOM_VISION_KIND_NAMES: ReadonlySet<string> = new Set(CUSTOM_VISION_KINDS.map((kind) => kind.toLowerCase()));

/**
 * What a resource is: its token's kind, or for a generic resource the ARM type its inputs name
 * (`resourceProviderNamespace`, `resourceType`) or, once created, its `type` output. A stack policy
 * at preview sees neither (they are no outputs, and `type` is unknown until created): a generic
 * resource of a Custom Vision kind is then a Cognitive Services account, since only those take that
 * kind; any other generic resource whose ARM type is not known counts as none of the pack's kinds.
 */
export function kindOf(resource: ResourceLike): ResourceKind | undefined {
    const info = tokenInfo(resource.type);
    if (info.form !== "generic") return info.kind;
    const armType = read(() => {
        const namespace = asString(resource.props.resourceProviderNamespace);
        const type = asString(resource.props.resourceType);
        return namespace && type ? `${namespace}/${type}` : asString(resource.props.type);
    });
    if (typeof armType === "string") return KINDS_BY_ARM_TYPE.get(armType.toLowerCase());
    const kind = readGiven(resource, "kind", asString);
    return typeof kind === "string" && CUSTOM_VISION_KIND_NAMES.has(kind.toLowerCase()) ? "cognitiveAccount" : undefined;
}
