import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Builds and packs the real repository, installs the tarball into a throw-away consumer project
// outside the repository (so nothing resolves from the repo by accident) and uses it from there.
// No network: @pulumi/* in the consumer are symlinks to this repository's installed copies.

const REPO = resolve(__dirname, "../..");
const TSC = join(REPO, "node_modules/typescript/bin/tsc");

interface PackedFile {
    path: string;
}
interface PackResult {
    filename: string;
    files: PackedFile[];
}
interface PackageManifest {
    name: string;
    main?: string;
    types?: string;
    exports?: Record<string, string | Record<string, string>>;
    files?: string[];
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
}
interface ConsumerRun {
    resolvedFrom: string;
    registered: { type: string; name: string }[];
    invoked: string[];
    trainingEndpoint: string;
    secretUris: Record<string, string>;
    secretUrisAreSecret: boolean;
    keyValuesInOutput: boolean;
}

let workDir: string;
let consumerDir: string;
let packed: PackResult;
let packagedFiles: string[];
let installedDir: string;

function run(command: string, args: string[], cwd: string): string {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** tsc in the consumer; returns the exit status and the diagnostics. */
function typeCheck(project: string): { status: number | null; output: string } {
    const result = spawnSync(process.execPath, [TSC, "-p", project], { cwd: consumerDir, encoding: "utf8" });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function listFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

const CONSUMER_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { CustomVision, CustomVisionArgs } from "azure-custom-vision";

const args: CustomVisionArgs = {
    resourceGroupName: pulumi.output("rg-consumer"),
    location: "West Europe",
    environment: "prod",
    tags: { team: "vision" },
};
export const vision = new CustomVision("consumer", args);
export const trainingEndpoint: pulumi.Output<string> = vision.trainingEndpoint;
`;

// Plain CommonJS so it runs on the consumer's own module resolution, not vitest's. The mocks are
// the repository's one mock runtime (tools/plan/azure-mocks.ts, loaded through ts-node); @pulumi/* in
// the consumer are symlinks to the repository's copies, so both sides share one Pulumi runtime.
const CONSUMER_RUNNER = `const pulumi = require("@pulumi/pulumi");
const { AzureMocks, mockAccountKeys } = require(process.env.AZURE_MOCKS);
const mocks = new AzureMocks();
pulumi.runtime.setMocks(mocks, "consumer", "prod", false);
const valueOf = (output) => new Promise((resolve) => output.apply(resolve));
const program = require("./bin/index.js");
(async () => {
    const trainingEndpoint = await valueOf(program.trainingEndpoint);
    const secretUris = await valueOf(program.vision.secretUris);
    const report = {
        resolvedFrom: require.resolve("azure-custom-vision"),
        registered: mocks.resources.map((resource) => ({ type: resource.type, name: resource.name })),
        invoked: mocks.invokes.map((invoke) => invoke.token),
        trainingEndpoint,
        secretUris,
        secretUrisAreSecret: await pulumi.isSecret(program.vision.secretUris),
    };
    const keys = mocks.resources
        .filter((resource) => resource.type === "azure-native:cognitiveservices:Account")
        .flatMap((account) => Object.values(mockAccountKeys(account.inputs.accountName)));
    const printed = JSON.stringify(report) + JSON.stringify(mocks.resources);
    report.keyValuesInOutput = keys.length === 0 || keys.some((key) => printed.includes(key));
    console.log(JSON.stringify(report));
})().catch((error) => {
    console.error(error && error.message);
    process.exit(2);
});
`;

beforeAll(() => {
    run("npm", ["run", "build"], REPO);
    workDir = mkdtempSync(join(tmpdir(), "acv-pack-"));
    // --ignore-scripts: the build above already ran; a prepare/prepack script must not run twice.
    const output = run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", workDir], REPO);
    packed = (JSON.parse(output) as PackResult[])[0];
    packagedFiles = packed.files.map((file) => file.path).sort();

    // Install the way npm does: the tarball's package/ becomes node_modules/<name>.
    consumerDir = join(workDir, "consumer");
    installedDir = join(consumerDir, "node_modules", "azure-custom-vision");
    mkdirSync(installedDir, { recursive: true });
    run("tar", ["-xzf", join(workDir, packed.filename), "-C", installedDir, "--strip-components=1"], workDir);
    symlinkSync(join(REPO, "node_modules", "@pulumi"), join(consumerDir, "node_modules", "@pulumi"), "dir");
    symlinkSync(join(REPO, "node_modules", "@types"), join(consumerDir, "node_modules", "@types"), "dir");

    writeFileSync(
        join(consumerDir, "package.json"),
        JSON.stringify({ name: "consumer", private: true, dependencies: { "azure-custom-vision": `file:../${packed.filename}` } }, null, 2),
    );
    const compilerOptions = { target: "ES2022", strict: true, skipLibCheck: true, types: ["node"], outDir: "bin" };
    // CommonJS with classic node resolution reads `main`/`types`; node16 resolution reads `exports`.
    writeFileSync(join(consumerDir, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, module: "commonjs", moduleResolution: "node" }, files: ["index.ts"] }));
    writeFileSync(join(consumerDir, "tsconfig.node16.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, module: "node16", moduleResolution: "node16", noEmit: true }, files: ["index.ts"] }));
    writeFileSync(join(consumerDir, "index.ts"), CONSUMER_PROGRAM);
    writeFileSync(join(consumerDir, "run.js"), CONSUMER_RUNNER);
}, 120_000);

afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the npm tarball", () => {
    it("ships the compiled component with its declarations", () => {
        expect(packagedFiles).toContain("package.json");
        expect(packagedFiles).toContain("dist/index.js");
        expect(packagedFiles).toContain("dist/index.d.ts");
    });

    it("ships no policy pack, no tests, no tools, no TypeScript sources and no stack configuration", () => {
        const unwanted = packagedFiles.filter(
            (path) =>
                /^(policies|test|tools|bench|components|deploy|docs|\.github|\.pulumi-state)\//.test(path) ||
                /\.test\.[jt]s$/.test(path) ||
                (/\.ts$/.test(path) && !/\.d\.ts$/.test(path)) ||
                /^Pulumi(\.[\w-]+)?\.yaml$/.test(path) ||
                /^(tsconfig[\w.]*\.json|vitest\.config\.m?ts)$/.test(path),
        );
        expect(unwanted).toEqual([]);
    });

    it("neither requires nor depends on the classic @pulumi/azure provider or the policy SDK", () => {
        // The README may explain the policy pack; code and manifest must not pull it in.
        const code = listFiles(installedDir).filter((file) => /\.(js|d\.ts)$/.test(file) || file.endsWith("package.json"));
        expect(code.length).toBeGreaterThan(2);
        const offenders = code.filter((file) => /@pulumi\/(azure(?!-native)|policy)\b/.test(readFileSync(file, "utf8")));
        expect(offenders.map((file) => relative(installedDir, file))).toEqual([]);
    });

    it("points main, types and exports at files that are in the tarball", () => {
        const manifest = JSON.parse(readFileSync(join(installedDir, "package.json"), "utf8")) as PackageManifest;
        expect(manifest.name).toBe("azure-custom-vision");
        expect(manifest.main?.replace(/^\.\//, "")).toBe("dist/index.js");
        expect(manifest.types?.replace(/^\.\//, "")).toBe("dist/index.d.ts");
        expect(manifest.exports?.["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
        for (const path of ["dist/index.js", "dist/index.d.ts"]) expect(packagedFiles).toContain(path);
    });

    it("leaves @pulumi/pulumi and @pulumi/azure-native to the consumer (one runtime, one provider SDK)", () => {
        const manifest = JSON.parse(readFileSync(join(installedDir, "package.json"), "utf8")) as PackageManifest;
        expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual(["@pulumi/azure-native", "@pulumi/pulumi"]);
        expect(Object.keys(manifest.dependencies ?? {})).not.toContain("@pulumi/pulumi");
        expect(Object.keys(manifest.dependencies ?? {})).not.toContain("@pulumi/azure-native");
    });
});

describe("a consumer program using the installed tarball", () => {
    it("type-checks `import { CustomVision } from \"azure-custom-vision\"` through main/types", () => {
        const result = typeCheck("tsconfig.json");
        expect(result.output).toBe("");
        expect(result.status).toBe(0);
    });

    it("type-checks it through the exports map (node16 resolution)", () => {
        const result = typeCheck("tsconfig.node16.json");
        expect(result.output).toBe("");
        expect(result.status).toBe(0);
    });

    it("fails the type check when an argument has the wrong type", () => {
        writeFileSync(join(consumerDir, "wrong.ts"), CONSUMER_PROGRAM.replace(`location: "West Europe"`, "location: 42"));
        writeFileSync(join(consumerDir, "tsconfig.wrong.json"), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noEmit: true }, files: ["wrong.ts"] }));
        const result = typeCheck("tsconfig.wrong.json");
        expect(result.status).not.toBe(0);
        expect(result.output).toMatch(/wrong\.ts.*TS2322: Type 'number' is not assignable to type 'string'/);
    });

    it("runs under the repository's Azure mocks with the packaged code, and no key reaches it", () => {
        const result = spawnSync(process.execPath, ["--require", require.resolve("ts-node/register/transpile-only"), "run.js"], {
            cwd: consumerDir,
            encoding: "utf8",
            timeout: 60_000,
            // The mocks compile with the repository's tsconfig, not the consumer's.
            env: { ...process.env, AZURE_MOCKS: join(REPO, "tools/plan/azure-mocks.ts"), TS_NODE_PROJECT: join(REPO, "tsconfig.json") },
        });
        expect(result.stderr).not.toMatch(/is not mocked/);
        expect(result.status).toBe(0);
        const report = JSON.parse(result.stdout.trim().split("\n").pop()!) as ConsumerRun;

        expect(realpathSync(report.resolvedFrom)).toBe(realpathSync(join(installedDir, "dist/index.js")));
        const types = report.registered.map((resource) => resource.type);
        expect(types).toContain("azure-custom-vision:index:CustomVision");
        expect(types.filter((type) => type === "azure-native:cognitiveservices:Account")).toHaveLength(2);
        expect(types).toContain("azure-native:keyvault:Vault");
        expect(types).toContain("azure-native:resources:Deployment");
        expect(types).toContain("azure-native:authorization:ManagementLockByScope");
        expect(report.invoked).toEqual(["azure-native:authorization:getClientConfig"]);
        expect(report.trainingEndpoint).toMatch(/^https:\/\/[a-z0-9-]+\.cognitiveservices\.azure\.com\/$/);
        expect(report.secretUris.predictionKeyActive).toMatch(/^https:\/\/kv-[a-z0-9-]+\.vault\.azure\.net\/secrets\/prediction-key-active$/);
        expect(report.secretUrisAreSecret).toBe(false);
        expect(report.keyValuesInOutput).toBe(false);
    });
});
