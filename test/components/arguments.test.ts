import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { CustomVision, CustomVisionArgs, CustomVisionArgumentError } from "../../components";
import { TAG_LIMITS } from "../../components/azure";
import { resolveSettings } from "../../components/settings";
import { ofType, register, useAzureMocks } from "../helpers/mocks";

const runtime = useAzureMocks("dev");
const baseArgs: CustomVisionArgs = { resourceGroupName: "rg-vision", location: "eastus" };

/** The error `new CustomVision(...)` throws, built from arguments of any shape (as a YAML or Python caller sends them). */
function rejection(args: Record<string, unknown>, name = "bad"): CustomVisionArgumentError {
    try {
        new CustomVision(name, { ...baseArgs, ...args } as unknown as CustomVisionArgs);
    } catch (error) {
        if (error instanceof CustomVisionArgumentError) return error;
        throw error;
    }
    throw new Error("expected CustomVisionArgumentError");
}

describe("a bad argument", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
        ["location", { location: "mars" }, /location "mars" is not a region where Custom Vision is offered/],
        ["location (missing)", { location: undefined }, /location is required/],
        ["trainingSku", { trainingSku: "S1" }, /trainingSku "S1" is not a Custom Vision pricing tier; use F0 or S0/],
        ["predictionSku", { predictionSku: "Free" }, /predictionSku "Free" is not a Custom Vision pricing tier/],
        ["resourceGroupName", { resourceGroupName: "" }, /resourceGroupName is required and must not be empty/],
        ["keyVaultName", { keyVaultName: "kv--double" }, /keyVaultName "kv--double" breaks Azure's rule for Key Vault names/],
        ["keyVaultName (length)", { keyVaultName: "kv-this-name-is-far-too-long" }, /keyVaultName .* 3–24/],
        ["trainingSubdomain", { trainingSubdomain: "-bad" }, /trainingSubdomain "-bad" breaks Azure's rule/],
        ["predictionSubdomain", { trainingSubdomain: "same-name", predictionSubdomain: "same-name" }, /predictionSubdomain "same-name" equals trainingSubdomain/],
        ["softDeleteRetentionInDays", { softDeleteRetentionInDays: 3 }, /softDeleteRetentionInDays 3 is out of range/],
        ["logRetentionInDays", { logRetentionInDays: 1000 }, /logRetentionInDays 1000 is out of range/],
        ["secretReaderPrincipalIds", { secretReaderPrincipalIds: ["not-a-guid"] }, /secretReaderPrincipalIds\[0\] "not-a-guid" is not an Entra ID object id/],
        ["logAnalyticsWorkspaceId", { logAnalyticsWorkspaceId: "central-logs" }, /logAnalyticsWorkspaceId "central-logs" is not a workspace resource id/],
        ["alertActionGroupId", { alertActionGroupId: "oncall" }, /alertActionGroupId "oncall" is not an action group resource id/],
        ["environment", { environment: "prod env!" }, /environment "prod env!" must be 1–32 letters/],
        ["alertEmails", { alertEmails: ["oncall"] }, /alertEmails\[0\] "oncall" is not an e-mail address/],
        ["activeKey", { activeKey: 3 }, /activeKey 3 must be 1 or 2/],
        ["projectId", { projectId: "my-project" }, /projectId "my-project" is not a Custom Vision project id/],
        ["projectId (empty)", { projectId: "" }, /^CustomVision "bad": projectId must not be empty: leave it unset to store no project-id secret$/],
        ["publishedIterationName (empty)", { publishedIterationName: "" }, /^CustomVision "bad": publishedIterationName must not be empty: leave it unset to store no published-iteration-name secret$/],
        ["keyRotation (longer than a tag value)", { keyRotation: "r".repeat(257) }, /keyRotation is 257 characters long; it becomes the key secrets' key-rotation tag, and Azure allows tag values of at most 256/],
        ["a misspelt argument", { enablePurgeprotection: true }, /^CustomVision "bad": enablePurgeprotection is not an argument of CustomVision; did you mean enablePurgeProtection\?$/],
        ["an argument in other letter case", { TrainingSku: "F0" }, /^CustomVision "bad": TrainingSku is not an argument of CustomVision; did you mean trainingSku\?$/],
        ["an unknown argument", { wizard: "yes" }, /^CustomVision "bad": wizard is not an argument of CustomVision; use resourceGroupName, location, environment, .*, network$/],
        ["a setting a secret reader does not have", { secretReaders: [{ principalId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", principalType: "User", role: "Owner" }] }, /^CustomVision "bad": secretReaders\[0\]\.role is not a setting of secretReaders\[0\]; use principalId, principalType$/],
        ["resourceGroupName (ending in a period)", { resourceGroupName: "rg-vision." }, /resourceGroupName "rg-vision\." breaks Azure's rule: 1–90 letters, digits \(any script\), _ - \. \( \), not ending in a period/],
        ["resourceGroupName (a slash)", { resourceGroupName: "rg/vision" }, /resourceGroupName "rg\/vision" breaks Azure's rule/],
        ["resourceGroupName (91 characters)", { resourceGroupName: "r".repeat(91) }, /resourceGroupName "r{91}" breaks Azure's rule/],
    ];
    it.each(cases)("%s is rejected at construction, naming the argument, before anything is registered", async (_label, args, message) => {
        const before = runtime.monitor.registrations.length;
        expect(() => new CustomVision("bad", { ...baseArgs, ...args } as CustomVisionArgs)).toThrow(message);
        await register(() => undefined);
        expect(runtime.monitor.registrations.length).toBe(before);
    });

    it("is reported with the component's name first, so a stack with several knows which one", () => {
        expect(rejection({ location: "mars" }, "team-a").message).toMatch(/^CustomVision "team-a": location "mars" /);
    });

    it("in a list is named by its index in the list as given, whatever the items before it", () => {
        expect(rejection({ alertEmails: [5, "oncall"], network: { allowedIpRanges: [null, "10.1.2.3"] } }).problems.map((problem) => problem.argument)).toEqual([
            "alertEmails[0]", "alertEmails[1]", "network.allowedIpRanges[0]", "network.allowedIpRanges[1]",
        ]);
        expect(rejection({ alertEmails: [5, "oncall"] }).message).toContain('alertEmails[1] "oncall" is not an e-mail address');
    });
});

describe("a resource group name", () => {
    it.each(["rg-vision_(prod).1", "rg-café", "リソース", "r".repeat(90), "Ресурсы-2"])("%s is accepted: letters and digits of any script, as Azure's Char.IsLetterOrDigit", (resourceGroupName) => {
        expect(() => new CustomVision(`rg-${resourceGroupName.length}-${resourceGroupName.charCodeAt(0)}`, { ...baseArgs, resourceGroupName })).not.toThrow();
    });
});

describe("a name that does not slug to anything", () => {
    it("is refused as needing an ASCII letter or digit", () => {
        expect(rejection({}, "日本").problems).toEqual([
            { argument: "name", rule: "must contain at least one ASCII letter or digit (a–z, 0–9): it starts every resource name the component derives" },
        ]);
    });

    it("is the only problem reported, not the derived names the user never set", () => {
        expect(() => resolveSettings("---", baseArgs, ".")).toThrow(
            /^CustomVision "---": name must contain at least one ASCII letter or digit \(a–z, 0–9\): it starts every resource name the component derives$/,
        );
        expect(() => resolveSettings("---", { ...baseArgs, keyVaultName: "kv--x" }, ".")).toThrow(/; keyVaultName "kv--x" breaks Azure's rule for Key Vault names/);
    });
});

describe("a value known only during the deployment where a plain one is required", () => {
    const cases: [string, Record<string, unknown>, string][] = [
        ["location as an Output", { location: pulumi.output("eastus") }, "location must be a string known when the program runs, not an Output or a Promise"],
        ["keyVaultName as a Promise", { keyVaultName: Promise.resolve("kv-vision") }, "keyVaultName must be a string known when the program runs, not an Output or a Promise"],
        ["a principal id as an Output", { secretReaderPrincipalIds: [pulumi.output("3f2504e0-4f89-41d3-9a0c-0305e82c3301")] }, "secretReaderPrincipalIds[0] must be a string known when the program runs"],
        ["a tag value as an Output", { tags: { owner: pulumi.output("me") } }, "tags.owner must be a string known when the program runs"],
        ["keyRotation as an Output", { keyRotation: pulumi.output("2024") }, "keyRotation must be a string or a number known when the program runs"],
        ["network as an Output", { network: pulumi.output({ publicNetworkAccess: "Disabled" }) }, "network must be a map known when the program runs"],
        ["allowedIpRanges as an Output", { network: { allowedIpRanges: pulumi.output(["203.0.113.7"]) } }, "network.allowedIpRanges must be a list known when the program runs"],
    ];
    it.each(cases)("%s is named as such, not as an object", (_label, args, message) => {
        const error = rejection(args);
        expect(error.message).toContain(`${message}`);
        expect(error.message).not.toContain("got an object");
    });
});

describe("several bad arguments", () => {
    it("are all reported in one error, each with its argument and rule", () => {
        const error = rejection({ location: "mars", trainingSku: "S1", alertEmails: ["oncall", "ok@contoso.com", "lead"], logRetentionInDays: 5 });
        expect(error.component).toBe("bad");
        expect(error.problems.map((problem) => problem.argument)).toEqual(["location", "trainingSku", "logRetentionInDays", "alertEmails[0]", "alertEmails[2]"]);
        expect(error.message).toMatch(/^CustomVision "bad": location "mars" .*; trainingSku "S1" .*; logRetentionInDays 5 .*; alertEmails\[0\] "oncall" .*; alertEmails\[2\] "lead" is not an e-mail address$/);
        expect(error.message.split("\n")).toHaveLength(1);
        expect([error.argument, error.rule]).toEqual(["location", error.problems[0].rule]);
    });
});

describe("argument types, as a YAML or Python caller may get them wrong", () => {
    const cases: [string, Record<string, unknown>, string][] = [
        ["a number given as a string", { logRetentionInDays: "30" }, 'logRetentionInDays must be a number (got the string "30")'],
        ["activeKey as a string", { activeKey: "2" }, 'activeKey must be a number (got the string "2")'],
        ["a list given as a string", { alertEmails: "oncall@contoso.com" }, 'alertEmails must be a list (got the string "oncall@contoso.com")'],
        ["a list given as an object", { secretReaderPrincipalIds: { id: "x" } }, "secretReaderPrincipalIds must be a list (got an object)"],
        ["allowedRegions as a string", { allowedRegions: "eastus" }, 'allowedRegions must be a list (got the string "eastus")'],
        ["a list item of the wrong type", { allowedRegions: ["eastus", 7] }, "allowedRegions[1] must be a string (got the number 7)"],
        ["a boolean given as a string", { restoreSoftDeleted: "true" }, 'restoreSoftDeleted must be true or false (got the string "true")'],
        ["a string given as a number", { trainingSku: 0 }, "trainingSku must be a string (got the number 0)"],
        ["location as a number", { location: 42 }, "location must be a string (got the number 42)"],
        ["tags as a list", { tags: ["team"] }, "tags must be a map (got a list)"],
        ["a tag value that is not a string", { tags: { cost: 12 } }, "tags.cost must be a string (got the number 12)"],
        ["keyRotation as an object", { keyRotation: { at: 1 } }, "keyRotation must be a string or a number (got an object)"],
        ["a secret reader without a type", { secretReaders: [{ principalId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" }] }, "secretReaders[0].principalType is required"],
    ];
    it.each(cases)("%s is named as a type error", (_label, args, message) => {
        expect(rejection(args).message).toContain(message);
    });

    it("an empty allowedRegions says what to do instead of listing nothing", () => {
        expect(rejection({ allowedRegions: [] }).problems).toEqual([
            { argument: "allowedRegions", rule: "must name at least one region (leave it unset for the built-in Custom Vision list)" },
        ]);
    });

    it("allowedRegions replaces the built-in list, in any spelling", async () => {
        expect(rejection({ location: "eastus", allowedRegions: ["West Europe"] }).message).toContain('location "eastus" is not a region where Custom Vision is offered; use one of West Europe');
        const registrations = await register(() => new CustomVision("brazil", { ...baseArgs, location: "Brazil South", allowedRegions: ["brazilsouth"] }));
        expect(registrations.filter((r) => r.inputs.location !== undefined).every((r) => r.inputs.location === "brazilsouth")).toBe(true);
    });

    it("a number is a valid keyRotation, compared as text", async () => {
        const registrations = await register(() => new CustomVision("rotated", { ...baseArgs, keyRotation: 7 as unknown as string }));
        const deployment = registrations.find((r) => r.type === "azure-native:resources:Deployment")!;
        expect(deployment.inputs.properties.parameters.tags.value["key-rotation"]).toBe("7");
    });
});

describe("tags", () => {
    const OWN_TAGS = { "managed-by": "pulumi", component: "azure-custom-vision", environment: "dev" };

    it("are added to every resource but the vault's secrets, next to the component's own", async () => {
        const registrations = await register(() => new CustomVision("tagged", { ...baseArgs, tags: { team: "vision", environment: "dev" } }));
        const tagged = registrations.filter((r) => r.inputs.tags !== undefined && r.type !== "azure-native:keyvault:Secret");
        expect(tagged.length).toBeGreaterThanOrEqual(5);
        for (const resource of tagged) expect(resource.inputs.tags).toEqual({ team: "vision", ...OWN_TAGS });
    });

    it("never reach the vault's secrets, which take 15 tags at most: they carry the component's own, the key secrets also key-rotation", async () => {
        const many = Object.fromEntries(Array.from({ length: 47 }, (_, index) => [`cost-tag-${index}`, "v"]));
        const registrations = await register(() => new CustomVision("manytags", { ...baseArgs, tags: many, keyRotation: "2024-06-01" }));
        const secrets = ofType(registrations, "azure-native:keyvault:Secret");
        expect(secrets.length).toBeGreaterThanOrEqual(4);
        for (const secret of secrets) expect(secret.inputs.tags).toEqual(OWN_TAGS);
        const [deployment] = ofType(registrations, "azure-native:resources:Deployment");
        const keySecretTags = deployment.inputs.properties.parameters.tags.value as Record<string, string>;
        expect(keySecretTags).toEqual({ ...OWN_TAGS, "key-rotation": "2024-06-01" });
        expect(Object.keys(keySecretTags).length).toBeLessThanOrEqual(TAG_LIMITS.perSecret);
        expect(Object.keys(deployment.inputs.tags)).toHaveLength(50);
    });

    it("may not repeat a tag name in other letter case: Azure keeps one of them", () => {
        expect(rejection({ tags: { Team: "a", team: "b", TEAM: "c" } }).problems.map((problem) => problem.argument)).toEqual(["tags.team", "tags.TEAM"]);
        expect(rejection({ tags: { Team: "a", team: "b" } }).problems[0].rule).toBe(
            "is the tag Team again in other letter case; Azure compares tag names case-insensitively and keeps one of them: give it once",
        );
    });

    it("may not repeat the component's own tags in other letter case, even with the same value", () => {
        expect(rejection({ tags: { Environment: "dev", "Managed-By": "pulumi" } }).problems).toEqual([
            { argument: "tags.Environment", rule: "repeats the component's environment tag in other letter case; Azure compares tag names case-insensitively and keeps one of them: remove it" },
            { argument: "tags.Managed-By", rule: "repeats the component's managed-by tag in other letter case; Azure compares tag names case-insensitively and keeps one of them: remove it" },
        ]);
        expect(() => new CustomVision("sameowntag", { ...baseArgs, tags: { environment: "dev" } })).not.toThrow();
    });

    it("may not change the environment tag: both values are named", () => {
        expect(rejection({ environment: "prod", tags: { Environment: "staging" } }).problems).toEqual([
            { argument: "tags.Environment", rule: '"staging" conflicts with the environment tag "prod" set by the environment argument; remove it or set environment instead' },
        ]);
    });

    it("may not change the managed-by or component tags", () => {
        expect(rejection({ tags: { "managed-by": "terraform", component: "other" } }).problems.map((problem) => problem.argument)).toEqual(["tags.managed-by", "tags.component"]);
    });

    it("keep within Azure's limits: 50 a resource with the component's 3, names of 512 without < > % & \\ ? /, values of 256", () => {
        const many = Object.fromEntries(Array.from({ length: 48 }, (_, index) => [`tag${index}`, "x"]));
        expect(rejection({ tags: many }).problems).toEqual([{ argument: "tags", rule: "has 48 tags; Azure allows 50 a resource and the component sets 3, so at most 47" }]);
        expect(() => new CustomVision("fits", { ...baseArgs, tags: Object.fromEntries(Object.entries(many).slice(1)) })).not.toThrow();
        const error = rejection({ tags: { "cost/center": "1", ["n".repeat(513)]: "2", long: "v".repeat(257) } });
        expect(error.problems.map((problem) => problem.argument)).toEqual(["tags.cost/center", `tags.${"n".repeat(513)}`, "tags.long"]);
        expect(error.problems[2].rule).toBe("is 257 characters long; Azure allows tag values of at most 256");
    });
});

describe("a relabelled error", () => {
    it("names the arguments as the caller gave them and keeps the rest", () => {
        const error = rejection({ location: "mars", trainingSku: "S1" }).relabel((argument) => (argument === "location" ? "Pulumi.dev.yaml: azure-custom-vision:location" : undefined));
        expect(error).toBeInstanceOf(CustomVisionArgumentError);
        expect(error.message).toMatch(/^CustomVision "bad": Pulumi\.dev\.yaml: azure-custom-vision:location "mars" is not a region .*; trainingSku "S1" is not/);
        const allFromConfig = rejection({ location: "mars" }).relabel((argument) => `Pulumi.dev.yaml: azure-custom-vision:${argument}`);
        expect(allFromConfig.message).toMatch(/^Pulumi\.dev\.yaml: azure-custom-vision:location "mars" is not a region where Custom Vision is offered/);
        expect(allFromConfig.problems).toEqual(rejection({ location: "mars" }).problems);
    });
});
