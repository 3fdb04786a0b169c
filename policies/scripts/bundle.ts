/**
 * Builds a self-contained, publishable copy of the pack in `policies/dist/` (or the given folder).
 *
 * `pulumi policy publish` packs the pack's folder alone, but the pack imports the region list and
 * Azure facts from `../components` (one copy shared with the component, through `lib/facts.ts`).
 * esbuild inlines those and the pack's own `lib/` into plain JavaScript; the @pulumi packages stay
 * external and are installed from package.json.
 *
 * Usage: `npm run pack:policies -- [outDir]`, then `cd policies/dist && npm install && pulumi policy publish <org>`.
 */
import { build, BuildOptions, Plugin } from "esbuild";
import * as fs from "fs";
import * as path from "path";

const PACK_DIR = path.resolve(__dirname, "..");

/** The entry point keeps importing `./rules`, which becomes its own bundled file beside it. */
const keepRulesSeparate: Plugin = {
    name: "keep-rules-separate",
    setup(pluginBuild) {
        pluginBuild.onResolve({ filter: /^\.\/rules$/ }, (args) =>
            args.importer === path.join(PACK_DIR, "index.ts") ? { path: "./rules", external: true } : undefined);
    },
};

export interface BundleResult {
    outDir: string;
    files: string[];
}

export async function bundlePolicyPack(outDir = path.join(PACK_DIR, "dist")): Promise<BundleResult> {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    const common: BuildOptions = {
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        external: ["@pulumi/*"],
        logLevel: "silent",
    };
    await build({ ...common, entryPoints: [path.join(PACK_DIR, "rules", "index.ts")], outfile: path.join(outDir, "rules", "index.js") });
    await build({ ...common, entryPoints: [path.join(PACK_DIR, "index.ts")], outfile: path.join(outDir, "index.js"), plugins: [keepRulesSeparate] });

    const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(path.join(outDir, "package.json"), `${JSON.stringify({ ...manifest, main: "index.js" }, null, 2)}\n`);
    fs.copyFileSync(path.join(PACK_DIR, "PulumiPolicy.yaml"), path.join(outDir, "PulumiPolicy.yaml"));
    return { outDir, files: ["PulumiPolicy.yaml", "package.json", "index.js", path.join("rules", "index.js")] };
}

if (require.main === module) {
    bundlePolicyPack(process.argv[2] ? path.resolve(process.argv[2]) : undefined).then(
        (result) => console.log(`Publishable policy pack written to ${result.outDir}: ${result.files.join(", ")}`),
        (error: unknown) => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
