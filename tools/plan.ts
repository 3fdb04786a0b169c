/**
 * The offline plan: `npm run plan -- [--stack NAME] [--cwd DIR] [--json] [--tag KEY=VALUE]...
 * [--policy-config FILE] [--graph FILE] [--timeout SECONDS]`. See docs/plan.md.
 *
 * Runs the Pulumi program in DIR under realistic Azure mocks, evaluates the custom-vision-guard
 * policy pack on what it registers, and prints the resources, the deploy critical path and the
 * verdict. No Azure credentials and no Pulumi CLI needed.
 *
 * Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 no verdict: the project, its
 * config or the program is invalid, or the plan timed out (one message on stderr).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import type { PolicyPackConfig } from "./policy-engine";
import { PlanInputError } from "./plan/load-project";
import { renderJson, renderMermaid, renderText } from "./plan/render";
import { DEFAULT_TIMEOUT_SECONDS, runPlan } from "./plan/run-plan";

const EXIT_OK = 0;
const EXIT_BLOCKED = 1;
const EXIT_NO_VERDICT = 2;

const USAGE = `usage: npm run plan -- [--stack NAME] [--cwd DIR] [--json] [--tag KEY=VALUE]... [--policy-config FILE] [--graph FILE] [--timeout SECONDS]

  --stack NAME          stack to plan, reads Pulumi.<NAME>.yaml (default: dev)
  --cwd DIR             directory of the Pulumi project (default: the repository root)
  --json                print one JSON document instead of text
  --tag KEY=VALUE       a stack tag the policies see (repeatable)
  --policy-config FILE  policy pack config, as for pulumi preview --policy-pack-config
  --graph FILE          also write the resource graph as a Mermaid flowchart
  --timeout SECONDS     stop the plan after this long (default: ${DEFAULT_TIMEOUT_SECONDS})`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
    let options: CliOptions;
    try {
        options = parseCli(argv);
    } catch (error) {
        err.write(`plan: ${(error as Error).message}\n${USAGE}\n`);
        return EXIT_NO_VERDICT;
    }
    if (options.help) {
        out.write(`${USAGE}\n`);
        return EXIT_OK;
    }
    try {
        const policyConfig = options.policyConfigFile ? readPolicyConfig(options.policyConfigFile) : undefined;
        const { plan, programOutput } = await runPlan({
            cwd: options.cwd,
            stack: options.stack,
            stackTags: options.tags,
            policyConfig,
            timeoutSeconds: options.timeoutSeconds,
        });
        if (programOutput.trim()) err.write(programOutput.endsWith("\n") ? programOutput : `${programOutput}\n`);
        if (options.graphFile) fs.writeFileSync(options.graphFile, renderMermaid(plan));
        if (options.json) {
            out.write(renderJson(plan));
            plan.warnings.forEach((warning) => err.write(`warning: ${warning}\n`));
        } else {
            out.write(renderText(plan));
            if (options.graphFile) out.write(`Graph written to ${options.graphFile}\n`);
        }
        return plan.blocked ? EXIT_BLOCKED : EXIT_OK;
    } catch (error) {
        if (!(error instanceof PlanInputError)) throw error;
        err.write(`plan: ${error.message}\n`);
        return EXIT_NO_VERDICT;
    }
}

interface CliOptions {
    stack: string;
    cwd: string;
    json: boolean;
    tags: Record<string, string>;
    policyConfigFile?: string;
    graphFile?: string;
    timeoutSeconds: number;
    help: boolean;
}

function parseCli(argv: string[]): CliOptions {
    const { values, positionals } = parseArgs({
        args: argv,
        options: {
            stack: { type: "string" },
            cwd: { type: "string" },
            json: { type: "boolean" },
            tag: { type: "string", multiple: true },
            "policy-config": { type: "string" },
            graph: { type: "string" },
            timeout: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
        strict: true,
        allowPositionals: true,
    });
    if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
    const tags: Record<string, string> = {};
    for (const tag of values.tag ?? []) {
        const separator = tag.indexOf("=");
        if (separator <= 0) throw new Error(`--tag expects KEY=VALUE, got "${tag}"`);
        tags[tag.slice(0, separator)] = tag.slice(separator + 1);
    }
    const timeoutSeconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) throw new Error(`--timeout expects a whole number of seconds, at least 1, got "${values.timeout}"`);
    return {
        stack: values.stack ?? "dev",
        cwd: path.resolve(values.cwd ?? path.join(__dirname, "..")),
        json: values.json ?? false,
        tags,
        policyConfigFile: values["policy-config"],
        graphFile: values.graph,
        timeoutSeconds,
        help: values.help ?? false,
    };
}

function readPolicyConfig(file: string): PolicyPackConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new PlanInputError(`--policy-config ${file}: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new PlanInputError(`--policy-config ${file}: expected a JSON object of policy name -> level or settings`);
    }
    return parsed as PolicyPackConfig;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (error: unknown) => {
            process.stderr.write(`plan: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exitCode = EXIT_NO_VERDICT;
        },
    );
}
