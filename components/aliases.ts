import * as pulumi from "@pulumi/pulumi";

/**
 * Every @pulumi/azure-native resource adds one alias per older API version of its type (about 20 for
 * a Key Vault secret), merged into its options after the caller's, so passing `aliases` cannot
 * remove them. @pulumi/pulumi turns each alias into Outputs, which made most of a large program's
 * evaluation time and memory (docs/azure-facts.md, "Version aliases"). They only matter for state
 * created with an explicit-version type (`azure-native:keyvault/v20230701:Secret`), which this
 * component never used. A resource transformation runs after the options are merged and before
 * the aliases are resolved, so the component installs one for its children.
 *
 * Kept: every other alias, notably `azure-native:insights:DiagnosticSetting` (state created by
 * azure-native v2, whose module was `insights`), and every alias a user adds.
 */

/** `azure-native:<module>/v<yyyymmdd>[preview]:<Type>`: the type token of one API version. */
const API_VERSION_TYPE = /^azure-native:[^:/]+\/v\d{8}[a-z]*:[^:]+$/;

/** True for azure-native's alias of an older API version of the same type: `{ type: <versioned token> }`, nothing else. */
export function isApiVersionAlias(alias: pulumi.Input<pulumi.URN | pulumi.Alias>): boolean {
    if (typeof alias !== "object" || alias === null || pulumi.Output.isInstance(alias) || alias instanceof Promise) return false;
    const keys = Object.keys(alias);
    const type = (alias as pulumi.Alias).type;
    return keys.length === 1 && typeof type === "string" && API_VERSION_TYPE.test(type);
}

/** Drops azure-native's API-version aliases from an azure-native resource's options. */
const stripApiVersionAliases: pulumi.ResourceTransformation = ({ type, props, opts }) => {
    if (!type.startsWith("azure-native:") || !opts.aliases?.length) return undefined;
    const aliases = opts.aliases.filter((alias) => !isApiVersionAlias(alias));
    return aliases.length === opts.aliases.length ? undefined : { props, opts: { ...opts, aliases } };
};

/** The component's options with the stripping installed ahead of the caller's transformations, which still run after it. */
export function withApiVersionAliasesStripped(opts: pulumi.ComponentResourceOptions | undefined): pulumi.ComponentResourceOptions {
    return { ...opts, transformations: [stripApiVersionAliases, ...(opts?.transformations ?? [])] };
}
