/**
 * What the rules can judge in a `pulumi preview`, and what only once the resources exist: stack
 * rules see each new resource as its provider's preview outputs (docs/azure-facts.md, "Pulumi
 * engine and policy behaviour"). The reference docs include it; the rules' remediation points to it.
 */
export const PREVIEW_LIMITS: readonly string[] = Object.freeze([
    "Resource rules (`no-free-tier-in-prod`, `supported-region`, `key-vault-purge-protection-in-prod`, `key-auth-enabled`, " +
        "`public-network-in-prod`) see each resource's inputs after its provider's `Check`, which has already filled in a location " +
        "the program left out. Stack rules (`region-match`, `paired-accounts`, `single-free-tier`, `diagnostics`, " +
        "`training-protected-in-prod`) see what the engine hands them: each new resource's preview outputs.",
    "azure-native preview outputs carry no path parameters (`resourceGroupName`, `scope`, `resourceUri`): an account in a resource " +
        "group named by a literal, with no `custom-vision-pair` tag and no component around it, is paired only once it exists. " +
        "Tag such accounts, or use the CustomVision component, to have them judged at the preview gate.",
    "A value unknown at preview that no resource computed reads as not given, which is what an input the program left out looks " +
        "like in preview outputs. Tags computed by an invoke therefore read as no tags: give `custom-vision-pair` tags as known values.",
    "Accounts under an explicit provider whose configuration is unknown at preview (a subscription created by the same program) " +
        "get no preview outputs at all: the resource rules judge them at the preview, the stack rules once they exist.",
    "Locks and diagnostic settings that name their target by a literal id (not by the resource's output) cover any resource until " +
        "they exist, so they never cause a false violation; the rules judge them once created.",
]);
