import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        include: ["test/**/*.test.ts"],
        // Pulumi's mock runtime keeps process-wide state (setMocks, stack resource):
        // each test file runs in its own forked process so files never share it.
        pool: "forks",
        testTimeout: 60_000,
        hookTimeout: 60_000,
    },
});
