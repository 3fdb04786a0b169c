/**
 * `npm run docs`: writes docs/component.md and docs/policies.md from the code (the component's
 * schema and defaults, the pack's metadata). `--check` writes nothing and exits 1 when a committed
 * page differs from what the code generates; the test suite runs the same comparison.
 */
import * as fs from "fs";
import * as path from "path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as components from "../../components";
import { PAIRING_GROUPS, policies, PREVIEW_LIMITS, PRODUCTION_DETECTION } from "../../policies/rules";
import { componentReference, PackageSchema } from "./component-reference";
import { createdResources } from "./created-resources";
import { policyReference } from "./policy-reference";

const REPO = path.resolve(__dirname, "../..");

/** The pages, path relative to the repository -> content, as the code describes itself now. */
export async function generateReferencePages(): Promise<Record<string, string>> {
    const packageName = (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { name: string }).name;
    const pack = JSON.parse(fs.readFileSync(path.join(REPO, "policies", "package.json"), "utf8")) as { name: string; version: string };
    // What `pulumi package add` serves: the schema the Node.js plugin host builds from the TypeScript types and TSDoc.
    const provider = new ComponentProvider({ dirname: REPO, name: packageName, components: getPulumiComponents(components) });
    const schema = JSON.parse(await provider.getSchema()) as PackageSchema;
    const { resources, secrets } = await createdResources();
    return {
        "docs/component.md": componentReference({ schema, type: components.CUSTOM_VISION_TYPE, describeDefault: components.describeDefault, created: resources, secrets }),
        "docs/policies.md": policyReference({ name: pack.name, version: pack.version, policies, pairingGroups: PAIRING_GROUPS, productionDetection: PRODUCTION_DETECTION, previewLimits: PREVIEW_LIMITS }),
    };
}

/** The pages whose committed text differs from the generated one. */
export function stalePages(pages: Record<string, string>): string[] {
    return Object.entries(pages)
        .filter(([file, content]) => {
            const committed = path.join(REPO, file);
            return !fs.existsSync(committed) || fs.readFileSync(committed, "utf8") !== content;
        })
        .map(([file]) => file);
}

async function main(check: boolean): Promise<number> {
    const pages = await generateReferencePages();
    if (check) {
        const stale = stalePages(pages);
        stale.forEach((file) => process.stderr.write(`${file} is out of date: run npm run docs\n`));
        return stale.length > 0 ? 1 : 0;
    }
    for (const [file, content] of Object.entries(pages)) {
        fs.writeFileSync(path.join(REPO, file), content);
        process.stdout.write(`wrote ${file}\n`);
    }
    return 0;
}

if (require.main === module) {
    main(process.argv.includes("--check")).then(
        (code) => process.exit(code),
        (error: unknown) => {
            process.stderr.write(`docs: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(2);
        },
    );
}
