import { spawn } from "child_process";
import * as path from "path";

/** Runs `tools/plan.ts` as the user would (a fresh process) and collects what it printed. */
export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

export const REPO_ROOT = path.resolve(__dirname, "../..");
export const FIXTURES = path.join(REPO_ROOT, "test/fixtures");

export function runPlanCli(args: string[]): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), path.join(REPO_ROOT, "tools/plan.ts"), ...args], {
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
