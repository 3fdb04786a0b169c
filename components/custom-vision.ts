import * as pulumi from "@pulumi/pulumi";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { buildAccounts } from "./accounts";
import { CUSTOM_VISION_TYPE } from "./azure";
import { withApiVersionAliasesStripped } from "./aliases";
import type { CustomVisionArgs } from "./args";
import { createBuildContext } from "./context";
import { buildKeyExport, KEY_SECRETS } from "./key-export";
import { buildMonitoring } from "./monitoring";
import { SECRET_NAMES, SecretContent } from "./naming";
import { buildPrivateEndpoints } from "./network";
import { resolveSettings, usesFreeTierInProduction } from "./settings";
import { buildVault } from "./vault";

/** Each component's name and the secrets it stores, by what they hold (not members: the schema would list them as outputs). */
const storedSecrets = new WeakMap<CustomVision, { name: string; contents: readonly SecretContent[] }>();

/** What the component resolves from its arguments that a caller may need before building it. */
export interface CheckedCustomVisionArgs {
    /** The environment the component tags its resources with, in the spelling it uses (lower case). */
    environment: string;
}

/**
 * Checks `args` exactly as `new CustomVision(name, args)` does, registering nothing, and throws the
 * same CustomVisionArgumentError. For a program that must create something the component depends on
 * (its resource group) only once the arguments are known to be good.
 */
export function checkCustomVisionArgs(name: string, args: CustomVisionArgs): CheckedCustomVisionArgs {
    return { environment: resolveSettings(name, args, pulumi.getStack()).environment };
}

/**
 * A paired Custom Vision Training and Prediction account in one region, a Key Vault holding their
 * keys, endpoints and the prediction resource id, and diagnostics routed to Log Analytics.
 */
export class CustomVision extends pulumi.ComponentResource {
    /** Training endpoint, `https://<trainingSubdomain>.cognitiveservices.azure.com/`. */
    public readonly trainingEndpoint!: pulumi.Output<string>;
    /** Prediction endpoint, `https://<predictionSubdomain>.cognitiveservices.azure.com/`. */
    public readonly predictionEndpoint!: pulumi.Output<string>;
    /** ARM id of the Training account. */
    public readonly trainingAccountId!: pulumi.Output<string>;
    /** Name of the Training account. */
    public readonly trainingAccountName!: pulumi.Output<string>;
    /** ARM id of the Prediction account: the "prediction resource id" needed to publish an iteration. */
    public readonly predictionAccountId!: pulumi.Output<string>;
    /** Name of the Prediction account. */
    public readonly predictionAccountName!: pulumi.Output<string>;
    /** ARM id of the Key Vault. */
    public readonly keyVaultId!: pulumi.Output<string>;
    /** Name of the Key Vault. */
    public readonly keyVaultName!: pulumi.Output<string>;
    /** URI of the Key Vault, `https://<name>.vault.azure.net/`. */
    public readonly keyVaultUri!: pulumi.Output<string>;
    /** Which secret holds what: content (e.g. trainingKeyActive) to secret name. */
    public readonly secretNames!: pulumi.Output<{ [content: string]: string }>;
    /**
     * Content (e.g. predictionKeyActive) to the secret's versionless URI,
     * `https://<vault>.vault.azure.net/secrets/<name>`, for Key Vault references
     * (`@Microsoft.KeyVault(SecretUri=...)`) in App Service and Functions settings. Known once the
     * secrets are written.
     */
    public readonly secretUris!: pulumi.Output<{ [content: string]: string }>;
    /** ARM id of the Log Analytics workspace receiving the diagnostics. */
    public readonly workspaceId!: pulumi.Output<string>;
    /** Canonical region of every resource (e.g. "eastus"). */
    public readonly location!: pulumi.Output<string>;
    /** The Training account, for wiring more to it (private endpoints, extra diagnostics). */
    public readonly trainingAccount!: cognitiveservices.Account;
    /** The Prediction account, for wiring more to it. */
    public readonly predictionAccount!: cognitiveservices.Account;
    /** The Key Vault holding the keys and settings, for wiring more to it. */
    public readonly keyVault!: keyvault.Vault;

    constructor(name: string, args: CustomVisionArgs, opts?: pulumi.ComponentResourceOptions) {
        // Every argument is checked before anything is registered: bad input fails the preview with
        // one message and leaves nothing half-created. A component read back by URN builds nothing.
        const settings = opts?.urn ? undefined : resolveSettings(name, args, pulumi.getStack());
        super(CUSTOM_VISION_TYPE, name, {}, withApiVersionAliasesStripped(opts));
        if (opts?.urn || settings === undefined) return;

        if (usesFreeTierInProduction(settings)) {
            // Not refused here: the policy pack is the one gate, so teams can still stage a prod-like stack.
            pulumi.log.warn(
                `CustomVision "${name}": environment "${settings.environment}" uses the free F0 tier, capped at 2 projects and ` +
                    "10,000 predictions a month; the policy pack rejects F0 in production (custom-vision-no-free-tier-in-prod).",
                this,
            );
        }

        const context = createBuildContext(name, this, settings);
        const accounts = buildAccounts(context);
        const { vault, secrets } = buildVault(context, accounts);
        const keyExport = buildKeyExport(context, accounts, vault.name);
        const workspaceId = buildMonitoring(context, accounts, vault);
        buildPrivateEndpoints(context, accounts, vault);

        const stored: SecretContent[] = [...KEY_SECRETS.map((secret) => secret.content), ...secrets.keys()];
        storedSecrets.set(this, { name, contents: stored });
        this.trainingAccount = accounts.training;
        this.predictionAccount = accounts.prediction;
        this.keyVault = vault;
        this.trainingEndpoint = accounts.training.properties.apply((properties) => properties.endpoint ?? "");
        this.predictionEndpoint = accounts.prediction.properties.apply((properties) => properties.endpoint ?? "");
        this.trainingAccountId = accounts.training.id;
        this.trainingAccountName = accounts.training.name;
        this.predictionAccountId = accounts.prediction.id;
        this.predictionAccountName = accounts.prediction.name;
        this.keyVaultId = vault.id;
        this.keyVaultName = vault.name;
        this.keyVaultUri = vault.properties.apply((properties) => properties.vaultUri ?? "");
        this.secretNames = pulumi.output(Object.fromEntries(stored.map((content) => [content, SECRET_NAMES[content]])));
        // Waits for the export and every secret, so an app setting referencing a URI never points at a secret not yet written.
        this.secretUris = pulumi
            .all([this.keyVaultUri, keyExport.id, ...[...secrets.values()].map((secret) => secret.id)])
            .apply(([vaultUri]) => Object.fromEntries(stored.map((content) => [content, `${vaultUri.replace(/\/+$/, "")}/secrets/${SECRET_NAMES[content]}`])));
        this.workspaceId = workspaceId;
        this.location = pulumi.output(settings.location);
        this.registerOutputs({
            trainingEndpoint: this.trainingEndpoint,
            predictionEndpoint: this.predictionEndpoint,
            trainingAccountId: this.trainingAccountId,
            trainingAccountName: this.trainingAccountName,
            predictionAccountId: this.predictionAccountId,
            predictionAccountName: this.predictionAccountName,
            keyVaultId: this.keyVaultId,
            keyVaultName: this.keyVaultName,
            keyVaultUri: this.keyVaultUri,
            secretNames: this.secretNames,
            secretUris: this.secretUris,
            workspaceId: this.workspaceId,
            location: this.location,
            trainingAccount: this.trainingAccount,
            predictionAccount: this.predictionAccount,
            keyVault: this.keyVault,
        });
    }

    /**
     * `@Microsoft.KeyVault(SecretUri=<versionless secret URI>)` for what `content` holds (e.g.
     * `predictionKeyActive`), the value of an App Service or Functions app setting. Throws at once
     * when the component stores no such secret (`projectId` or `publishedIterationName` unset),
     * rather than handing out a reference to nothing.
     */
    keyVaultReference(content: SecretContent): pulumi.Output<string> {
        const stored = storedSecrets.get(this);
        if (stored === undefined) throw new Error("keyVaultReference needs a CustomVision built in this program, not one read back by URN");
        if (!stored.contents.includes(content)) {
            const unset = Object.prototype.hasOwnProperty.call(SECRET_NAMES, content) ? `: set its ${content} argument` : "";
            throw new Error(`CustomVision "${stored.name}" stores no ${String(content)} secret${unset}; it stores ${stored.contents.join(", ")}`);
        }
        return this.secretUris.apply((uris) => `@Microsoft.KeyVault(SecretUri=${uris[content]})`);
    }
}
