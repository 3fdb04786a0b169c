import { beforeAll, describe, expect, it } from "vitest";
import { handWired } from "../../bench/fixtures/hand-wired";
import { manyComponents } from "../../bench/fixtures/many-components";
import { register, Registration, useAzureMocks } from "../helpers/mocks";

/**
 * The benchmark compares the component with the same resources written by hand
 * (bench/fixtures/hand-wired.ts). The comparison is only fair while both register the same thing,
 * so this fails as soon as they drift apart: when the component changes, change the baseline.
 */

const COMPONENT_TYPE = "azure-custom-vision:index:CustomVision";

/** What must match: type, inputs (secrets unwrapped), which inputs are secret, and the dependencies by logical name. */
function shape(registrations: Registration[]): Map<string, unknown> {
    const nameOf = new Map(registrations.map((registration) => [registration.urn, registration.name]));
    const names = (urns: string[]) => urns.map((urn) => nameOf.get(urn) ?? urn).sort();
    return new Map(
        registrations
            .filter((registration) => registration.type !== COMPONENT_TYPE)
            .map((registration) => [
                registration.name,
                {
                    type: registration.type,
                    inputs: registration.inputs,
                    secretInputs: [...registration.secretInputs].sort(),
                    dependencies: names(registration.dependencies),
                    propertyDependencies: Object.fromEntries(Object.entries(registration.propertyDependencies).map(([key, urns]) => [key, names(urns)])),
                },
            ]),
    );
}

const runtime = useAzureMocks("dev", "bench");
let component: Registration[] = [];
let baseline: Registration[] = [];
let componentInvokes: string[] = [];
let baselineInvokes: string[] = [];

beforeAll(async () => {
    component = await register(() => manyComponents(2));
    componentInvokes = runtime.invokes.map((invoke) => invoke.token).sort();
    const before = runtime.invokes.length;
    baseline = await register(() => handWired(2));
    baselineInvokes = runtime.invokes.slice(before).map((invoke) => invoke.token).sort();
});

describe("the hand-wired baseline of the benchmark", () => {
    it("registers the component's resources, minus the component itself, none with a parent", () => {
        const expected = component.filter((registration) => registration.type !== COMPONENT_TYPE);
        expect(expected.length).toBeGreaterThan(20);
        expect(baseline.map((registration) => registration.name).sort()).toEqual(expected.map((registration) => registration.name).sort());
        // Outside a stack program there is no Stack resource: no parent is what a program's top level gets.
        expect(new Set(baseline.map((registration) => registration.parent))).toEqual(new Set([""]));
        expect(expected.every((registration) => registration.parent.includes(`::${COMPONENT_TYPE}::`))).toBe(true);
    });

    it("sends the same types, inputs, secret inputs and dependencies, resource by resource", () => {
        const expected = shape(component);
        const actual = shape(baseline);
        for (const [name, registration] of expected) expect(actual.get(name), name).toEqual(registration);
    });

    it("makes the same invokes", () => {
        expect(baselineInvokes).toEqual(componentInvokes);
        expect(baselineInvokes.length).toBeGreaterThan(0);
    });
});
