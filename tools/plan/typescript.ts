import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { register } from "ts-node";
import { writeOnce } from "./cache";

/**
 * Compiles the program's TypeScript as the Pulumi CLI does: ts-node with the project's
 * tsconfig.json, without type checking. Each file's output is kept in `cacheDir` under a hash of
 * the compiler's version and options, the file's path and its text, so the next plan of an
 * unchanged program gets the same output without running the compiler, which was about half of a
 * small plan's CPU time (docs/performance.md).
 */
export function compileTypeScript(cacheDir: string): void {
    const service = register({ transpileOnly: true });
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
