import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { DEFAULTS, describeDefault } from "../../components/defaults";
import { resolveSettings } from "../../components/settings";

const ARGS_FILE = path.resolve(__dirname, "../../components/args.ts");

/** The properties of `CustomVisionArgs` as declared: name, optional or not, and TSDoc. */
function declaredArguments(): { name: string; optional: boolean; doc: string }[] {
    const source = ts.createSourceFile(ARGS_FILE, fs.readFileSync(ARGS_FILE, "utf8"), ts.ScriptTarget.ES2022, true);
    const found: { name: string; optional: boolean; doc: string }[] = [];
    source.forEachChild((node) => {
        if (!ts.isInterfaceDeclaration(node) || node.name.text !== "CustomVisionArgs") return;
        for (const member of node.members) {
            if (!ts.isPropertySignature(member)) continue;
            const doc = ts.getJSDocCommentsAndTags(member).map((comment) => comment.getText()).join("\n");
            found.push({ name: member.name.getText(), optional: member.questionToken !== undefined, doc });
        }
    });
    return found;
}

describe("the defaults", () => {
    const declared = declaredArguments();

    it("are described for every optional argument and for no required one", () => {
        expect(declared.length).toBeGreaterThan(20);
        for (const argument of declared) {
            expect(describeDefault(argument.name), argument.name).toEqual(argument.optional ? expect.any(String) : undefined);
        }
    });

    it("are only described, never restated, in the arguments' TSDoc", () => {
        const restating = declared.filter((argument) => /\bdefaults?\b/i.test(argument.doc)).map((argument) => argument.name);
        expect(restating).toEqual([]);
    });

    it("read as the reference docs show them", () => {
        expect(describeDefault("trainingSku")).toBe("`S0`");
        expect(describeDefault("logRetentionInDays")).toBe("`30`");
        expect(describeDefault("alertEmails")).toBe("none");
        expect(describeDefault("enablePurgeProtection")).toBe("`true` when `environment` is a production environment (`prod`, `production`), `false` otherwise");
        expect(describeDefault("allowedRegions")).toMatch(/^the built-in Custom Vision region list \(`australiaeast`, .*`westus2`\)$/);
        expect(describeDefault("keyVaultName")).toMatch(/kv-<stack>-<name>-<suffix>/);
        expect(describeDefault("location")).toBeUndefined();
        expect(describeDefault("notAnArgument")).toBeUndefined();
    });

    it("are what the settings apply when an argument is left out", () => {
        const dev = resolveSettings("vision", { resourceGroupName: "rg", location: "eastus" }, "dev");
        expect(dev).toMatchObject({
            environment: DEFAULTS.environment,
            trainingSku: DEFAULTS.trainingSku,
            predictionSku: DEFAULTS.predictionSku,
            logRetentionInDays: DEFAULTS.logRetentionInDays,
            softDeleteRetentionInDays: DEFAULTS.softDeleteRetentionInDays,
            activeKey: DEFAULTS.activeKey,
            keyRotation: DEFAULTS.keyRotation,
            restoreSoftDeleted: DEFAULTS.restoreSoftDeleted,
            enablePurgeProtection: DEFAULTS.enablePurgeProtection.otherwise,
            lockTrainingAccount: DEFAULTS.lockTrainingAccount.otherwise,
            alertEmails: [],
            secretReaders: [],
        });
        const prod = resolveSettings("vision", { resourceGroupName: "rg", location: "eastus", environment: "Production" }, "prod");
        expect([prod.enablePurgeProtection, prod.lockTrainingAccount]).toEqual([DEFAULTS.enablePurgeProtection.inProduction, DEFAULTS.lockTrainingAccount.inProduction]);
    });
});
