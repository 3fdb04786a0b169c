import { describe, expect, it } from "vitest";
import { CustomVision, CustomVisionArgs, CustomVisionArgumentError } from "../../components";
import { register, useAzureMocks } from "../helpers/mocks";

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
    it("are added to every resource next to the component's own", async () => {
        const registrations = await register(() => new CustomVision("tagged", { ...baseArgs, tags: { team: "vision", Environment: "dev" } }));
        const tagged = registrations.filter((r) => r.inputs.tags !== undefined);
        expect(tagged.length).toBeGreaterThan(5);
        for (const resource of tagged) expect(resource.inputs.tags).toMatchObject({ team: "vision", "managed-by": "pulumi", component: "azure-custom-vision", environment: "dev" });
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
