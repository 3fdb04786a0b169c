import { spawn } from "child_process";
import * as path from "path";
import { Writable } from "stream";
import { main } from "../../tools/plan";

/** What one run of the plan CLI printed and returned. */
export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const FIXTURES = path.join(REPO_ROOT, "test/fixtures");

/** Runs `tools/plan.ts` exactly as `npm run plan` does: a fresh process through ts-node. */
export function runPlanProcess(args: string[]): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["--require", require.resolve("ts-node/register/transpile-only"), path.join(REPO_ROOT, "tools/plan.ts"), ...args], {
            cwd: REPO_ROOT,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}

/**
 * Runs the CLI's `main` in this process (the plan itself still runs in its own worker process):
 * the same parsing, output and exit code, without paying for a second process per run.
 */
export async function runPlanMain(args: string[]): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const collect = (append: (text: string) => void) =>
        new Writable({
            write(chunk: Buffer | string, _encoding, done) {
                append(chunk.toString());
                done();
            },
        });
    const code = await main(args, collect((text) => (stdout += text)), collect((text) => (stderr += text)));
    return { code, stdout, stderr };
}
