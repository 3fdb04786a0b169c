/**
 * The package: the CustomVision component and what its callers need around it. The component's
 * concerns live in their own modules: arguments (args.ts) and their defaults (defaults.ts),
 * settings and validation, accounts, vault, key export, monitoring and network.
 */
export { CUSTOM_VISION_TYPE } from "./azure";
export { checkCustomVisionArgs, CheckedCustomVisionArgs, CustomVision } from "./custom-vision";
export { CustomVisionArgs, NetworkArgs, PrincipalType, PrivateDnsZoneIds, PublicNetworkAccess, SecretReader } from "./args";
export { ArgumentProblem, CustomVisionArgumentError } from "./validation";
export { describeDefault } from "./defaults";
export { SECRET_NAMES, SecretContent } from "./naming";
export { CUSTOM_VISION_REGIONS } from "./regions";
