import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { describe, expect, it } from "vitest";
import { isUnknownSentinel, UNKNOWN_SENTINELS } from "../../../policies/lib/sentinels";

describe("unknown sentinels", () => {
    it("are exactly the ones @pulumi/policy's proxy refuses, so the dependency-free copy cannot drift", () => {
        const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
        const engine = Object.entries(proxy).filter(([name]) => /^unknown[A-Z]\w*Value$/.test(name)).map(([, value]) => value);
        expect(engine).toHaveLength(7);
        expect(new Set(Object.values(UNKNOWN_SENTINELS))).toEqual(new Set(engine));
    });

    it("include the marker @pulumi/pulumi sends for outputs not known during preview", () => {
        expect(isUnknownSentinel(rpc.unknownValue)).toBe(true);
    });

    it("recognise nothing else", () => {
        for (const value of ["", "eastus", "04da6b54-80e4-46f7-96ec-b56ff0331ba8", undefined, null, 0, {}]) {
            expect(isUnknownSentinel(value)).toBe(false);
        }
    });
});
