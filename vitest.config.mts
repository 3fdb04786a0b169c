import { defineConfig } from "vitest/config";

/**
 * Two projects. Pulumi's mock runtime is process-wide state (the monitor, the stack, config): a
 * test file that installs it or runs a program in-process, or that registers a require hook
 * (ts-node), gets a fresh process of its own. Every other file shares worker processes and their
 * module cache, so @pulumi/pulumi, @pulumi/policy and the pack load once per worker instead of
 * once per file. test/helpers/mocks.ts refuses to install the runtime outside the isolated project.
 */
const ISOLATED = [
    "test/components/**/*.test.ts",
    "test/stack-program.test.ts",
    "test/packaging/**/*.test.ts",
    "test/docs/**/*.test.ts",
    "test/tools/hand-wired-baseline.test.ts",
    "test/tools/typescript-cache.test.ts",
];

export default defineConfig({
    test: {
        pool: "forks",
        // One test file per core, not vitest's default of one fewer: the slowest files mostly wait
        // for processes of their own (plans, npm pack, tsc), which leaves a core idle on two.
        maxWorkers: "100%",
        testTimeout: 60_000,
        hookTimeout: 60_000,
        projects: [
            {
                extends: true,
                test: { name: "isolated", include: ISOLATED, isolate: true, env: { PULUMI_MOCK_RUNTIME_ALLOWED: "1" } },
            },
            {
                extends: true,
                test: { name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false },
            },
        ],
    },
});
