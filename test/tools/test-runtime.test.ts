import { describe, expect, it } from "vitest";
import { useAzureMocks } from "../helpers/mocks";

describe("the tests' mock runtime", () => {
    it("refuses to install in a file of the shared project, where other files' resources would leak in", () => {
        expect(() => useAzureMocks()).toThrow("this test file installs Pulumi's mock runtime: list it under ISOLATED in vitest.config.mts");
    });
});
