import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CliRun, runPlanMain } from "../tools/plan-cli";

/**
 * Every command the README and docs/ show is either run by the tests or sits in a block that says
 * why it cannot be ("# Not run by the tests: <reason>", e.g. it needs Azure or the Pulumi CLI). The
 * `npm run plan` commands are run here, and every excerpt marked `<!-- output of: <command> -->` must
 * match what that command prints now, line by line in order (an "…" line stands for lines left out).
 */

const REPO = resolve(__dirname, "../..");
const PAGES = ["README.md", ...readdirSync(join(REPO, "docs")).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)];
const SHELL = new Set(["sh", "bash", "shell", "console"]);
const EXEMPTION = /^# Not run by the tests: \S.{8,}/;

/** npm commands other tests or CI run, with where; `npm run plan` is run by this file. */
const RUN_ELSEWHERE: readonly [RegExp, string][] = [
    [/^npm ci( --no-audit)?( --no-fund)?$/, ".ci/run installs with npm ci"],
    [/^npm test$/, ".ci/run runs the suite"],
    [/^npm run typecheck$/, ".ci/run type-checks"],
    [/^npm run docs( -- --check)?$/, "test/docs/reference.test.ts compares the generated pages"],
    [/^npm run pack:policies$/, "test/packaging/pack.test.ts builds the publishable pack"],
    [/^npm run build$/, "test/packaging/pack.test.ts builds and packs the package"],
];

interface Block {
    page: string;
    line: number;
    info: string;
    lines: string[];
    /** The command of a `<!-- output of: ... -->` marker right before the block. */
    outputOf?: string;
}

function blocksOf(page: string): Block[] {
    const lines = readFileSync(join(REPO, page), "utf8").split("\n");
    const blocks: Block[] = [];
    for (let index = 0; index < lines.length; index++) {
        const open = /^(\s*)```(\w*)\s*$/.exec(lines[index]);
        if (!open) continue;
        const indent = open[1].length;
        const body: string[] = [];
        let end = index + 1;
        for (; end < lines.length && !/^\s*```\s*$/.test(lines[end]); end++) body.push(lines[end].slice(indent));
        const marker = /^<!-- output of: (.+) -->$/.exec(lines[index - 1]?.trim() ?? "");
        blocks.push({ page, line: index + 1, info: open[2], lines: body, ...(marker ? { outputOf: marker[1] } : {}) });
        index = end;
    }
    return blocks;
}

/** The commands of a shell block: comments and blank lines dropped, `\` continuations joined. */
function commandsOf(block: Block): string[] {
    const commands: string[] = [];
    let pending = "";
    for (const raw of block.lines) {
        const line = raw.replace(/\s+#\s.*$/, "").trim();
        if (pending === "" && (line === "" || line.startsWith("#"))) continue;
        if (line.endsWith("\\")) {
            pending += `${line.slice(0, -1).trim()} `;
            continue;
        }
        commands.push(`${pending}${line}`.trim());
        pending = "";
    }
    return commands;
}

/** `npm run [--silent] plan -- ARGS [> file]` -> ARGS; undefined for anything else. */
function planArguments(command: string): string[] | undefined {
    const match = /^npm run (?:--silent )?plan(?: -- (.*?))?(?:\s*>\s*\S+)?$/.exec(command);
    return match ? (match[1] ?? "").split(/\s+/).filter(Boolean) : undefined;
}

const blocks = PAGES.flatMap(blocksOf);
const shellBlocks = blocks.filter((block) => SHELL.has(block.info));
const runnable = shellBlocks.filter((block) => !EXEMPTION.test(block.lines.find((line) => line.trim() !== "")?.trim() ?? ""));
const planCommands = [...new Set([...runnable.flatMap(commandsOf).filter((command) => planArguments(command)), ...blocks.flatMap((block) => (block.outputOf ? [block.outputOf] : []))])];
const runs = new Map<string, CliRun>();

beforeAll(async () => {
    for (const command of planCommands) runs.set(command, await runPlanMain(planArguments(command) ?? []));
}, 300_000);

describe("commands in the README and docs/", () => {
    it("are run by a test, or sit in a block that says why they cannot be", () => {
        expect(runnable.length).toBeGreaterThan(0);
        const unaccounted = runnable.flatMap((block) =>
            commandsOf(block)
                .filter((command) => !planArguments(command) && !RUN_ELSEWHERE.some(([pattern]) => pattern.test(command)))
                .map((command) => `${block.page}:${block.line}: ${command}`),
        );
        expect(unaccounted, "add '# Not run by the tests: <reason>' as the block's first line, or run the command in a test").toEqual([]);
    });

    it("run the npm run plan commands they show without an error (exit code 0 or 1)", () => {
        expect(planCommands.length).toBeGreaterThan(0);
        for (const command of planCommands) {
            const run = runs.get(command)!;
            expect({ command, code: run.code, error: run.stderr.match(/^plan: .*$/m)?.[0] }).toEqual({ command, code: run.code === 1 ? 1 : 0, error: undefined });
        }
    });

    it("show plan excerpts that match what the command prints now", () => {
        const excerpts = blocks.filter((block) => block.outputOf);
        expect(excerpts.length).toBeGreaterThan(0);
        for (const excerpt of excerpts) {
            const printed = `${runs.get(excerpt.outputOf!)!.stdout}`.split("\n").map((line) => line.trimEnd());
            let at = 0;
            for (const line of excerpt.lines.map((text) => text.trimEnd())) {
                if (line.trim() === "…" || line === "") continue;
                const found = printed.indexOf(line, at);
                expect(found, `${excerpt.page}:${excerpt.line}: "${line}" is not in the output of ${excerpt.outputOf} (after line ${at})`).toBeGreaterThanOrEqual(0);
                at = found + 1;
            }
        }
    });
});
