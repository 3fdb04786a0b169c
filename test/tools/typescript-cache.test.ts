import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { compileTypeScript } from "../../tools/plan/typescript";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "plan-typescript-"));
const cacheDir = path.join(scratch, "cache");
compileTypeScript(cacheDir);

/** Writes `source` as a fresh module and loads it through ts-node. */
function load(file: string, source: string): { value: number } {
    const modulePath = path.join(scratch, file);
    fs.writeFileSync(modulePath, source);
    delete require.cache[modulePath];
    return require(modulePath) as { value: number };
}
const cached = () => fs.readdirSync(cacheDir).filter((file) => file.endsWith(".js"));

describe("the plan's compiled-TypeScript cache", () => {
    it("compiles a file once and serves the same text from the cache afterwards", () => {
        expect(load("program.ts", "export const value: number = 1;\n").value).toBe(1);
        expect(cached()).toHaveLength(1);
        // Tamper with the cached output: a second load of the same text must come from the cache.
        const [entry] = cached();
        fs.writeFileSync(path.join(cacheDir, entry), "exports.value = 42;\n");
        expect(load("program.ts", "export const value: number = 1;\n").value).toBe(42);
    });

    it("compiles a changed file again, and the same text at another path apart", () => {
        expect(load("program.ts", "export const value: number = 2;\n").value).toBe(2);
        expect(load("other.ts", "export const value: number = 1;\n").value).toBe(1);
        expect(cached()).toHaveLength(3);
    });
});
