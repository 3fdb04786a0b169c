import * as fs from "fs";
import * as path from "path";

/**
 * The plan's cache: its bundled worker and the program's compiled TypeScript, beside the packages
 * they load (so the worker resolves the same ones). Everything in it is named after its content,
 * so plans running side by side share it without locks.
 */
export const PLAN_CACHE = path.join(__dirname, "..", "..", "node_modules", ".cache", "azure-custom-vision");

/** Writes `content` to `file` unless it exists; a reader never sees a half-written file. */
export function writeOnce(file: string, content: string): void {
    if (fs.existsSync(file)) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, content);
    fs.renameSync(partial, file);
}
