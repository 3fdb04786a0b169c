import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { register } from "ts-node";
import { writeOnce } from "./cache";

/** Internal to @pulumi/pulumi (typed @internal): how its language host reads a tsconfig's compilerOptions. */
const { loadTypeScriptCompilerOptions } = require("@pulumi/pulumi/tsutils") as { loadTypeScriptCompilerOptions(tsConfigPath: string): Record<string, unknown> };

/**
 * Compiles the program's TypeScript as the Pulumi CLI's Node.js language host does
 * (@pulumi/pulumi `cmd/run/run.js`): ts-node with the project's tsconfig.json (or the one
 * PULUMI_NODEJS_TSCONFIG_PATH names), no search in parent folders when there is none, the host's
 * default compiler options under the project's own, and here without type checking. Each file's output is kept in `cacheDir` under a hash of
 * the compiler's version and options, the file's path and its text, so the next plan of an
 * unchanged program gets the same output without running the compiler, which was about half of a
 * small plan's CPU time (docs/performance.md).
 */
export function compileTypeScript(cacheDir: string): void {
    const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json";
    const service = register({
        transpileOnly: true,
        project: tsConfigPath,
        skipProject: !fs.existsSync(tsConfigPath),
        compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: true, ...loadTypeScriptCompilerOptions(tsConfigPath) },
    });
    const compile = service.compile.bind(service);
    const compiler = `${service.ts.version}\n${JSON.stringify(service.config.options)}\n`;
    service.compile = (code, fileName, lineOffset = 0) => {
        const key = createHash("sha256").update(compiler).update(`${fileName}\n${lineOffset}\n`).update(code).digest("hex");
        const cached = path.join(cacheDir, `${key}.js`);
        if (fs.existsSync(cached)) return fs.readFileSync(cached, "utf8");
        const output = compile(code, fileName, lineOffset);
        writeOnce(cached, output);
        return output;
    };
}
