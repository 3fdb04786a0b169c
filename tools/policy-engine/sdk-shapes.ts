/**
 * Which properties a resource type has, read from the installed Pulumi SDK's declaration of its
 * class (`<module>/<resource>.d.ts`): each `readonly x: pulumi.Output<T>` field of the class is an
 * output property, each member of `<Resource>Args` an input. The SDKs are generated from the
 * providers' schemas, so their declarations are the schema's property lists; reading them at run
 * time (once per type) keeps the emulation in step with whatever SDK version is installed.
 *
 * Limits: only top-level property names are read, not the shapes of nested objects; an explicit API
 * version (`azure-native:keyvault/v20230701:Vault`) or a local package
 * (`azure-native_keyvault_v20230701:keyvault:Vault`) the installed SDK does not ship is read from
 * the default version of the same resource, whose property list may differ in a few properties.
 */
import * as fs from "fs";
import * as path from "path";
import { packageOf } from "../../policies/lib/tokens";

export interface ResourceShape {
    /** Output property name -> true when the SDK types it as possibly undefined (neither required nor computed). */
    outputs: ReadonlyMap<string, boolean>;
    /** Input property names. */
    inputs: ReadonlySet<string>;
}

/** The SDK packages the emulation models, and how their type tokens name a declaration file. */
export type ModelledPackage = "azure-native" | "azure";

const SEGMENT = /^[A-Za-z0-9]+$/;

/** The SDK a type token belongs to: azure-native (any version, local packages included, as the pack reads tokens) or classic azure. */
export function modelledPackageOf(type: string): ModelledPackage | undefined {
    const packageName = packageOf(type);
    return packageName === "azure-native" || packageName === "azure" ? packageName : undefined;
}

/** Declaration files that may describe `type`, most specific first, relative to the SDK package. */
function declarationCandidates(type: string, sdk: ModelledPackage): { files: string[]; className: string } | undefined {
    const parts = type.split(":");
    if (parts.length !== 3) return undefined;
    const [, modulePath, className] = parts;
    const segments = modulePath.split("/");
    if (!SEGMENT.test(className) || !segments.every((segment) => SEGMENT.test(segment))) return undefined;
    const file = `${className[0].toLowerCase()}${className.slice(1)}.d.ts`;
    if (sdk === "azure") {
        // Classic tokens name the file: `azure:cognitive/account:Account` -> cognitive/account.d.ts.
        return segments.length === 2 ? { files: [`${segments[0]}/${segments[1]}.d.ts`], className } : undefined;
    }
    // azure-native: `<module>` or `<module>/<version>`; the default version's file is the fallback.
    const versioned = segments.length === 2 ? [path.join(segments[0], segments[1], file)] : [];
    return segments.length <= 2 ? { files: [...versioned, path.join(segments[0], file)], className } : undefined;
}

const sdkRoots = new Map<ModelledPackage, string | undefined>();

function sdkRoot(sdk: ModelledPackage): string | undefined {
    if (!sdkRoots.has(sdk)) {
        let root: string | undefined;
        try {
            root = path.dirname(require.resolve(`@pulumi/${sdk}/package.json`));
        } catch {
            root = undefined;
        }
        sdkRoots.set(sdk, root);
    }
    return sdkRoots.get(sdk);
}

/** The body of `export declare class X ...` or `export interface XArgs`, up to its closing brace. */
function declarationBody(text: string, opening: string): string | undefined {
    const start = text.indexOf(opening);
    if (start < 0) return undefined;
    const end = text.indexOf("\n}", start);
    return text.slice(start, end < 0 ? undefined : end);
}

// Members sit at four spaces; a multi-line type (tags) ends at the first `>;` closing a line.
const OUTPUT_FIELD = /^ {4}readonly (\w+): pulumi\.Output<([\s\S]*?)>;$/gm;
const INPUT_MEMBER = /^ {4}(\w+)\??: /gm;

export function parseDeclaration(text: string, className: string): ResourceShape | undefined {
    const classBody = declarationBody(text, `export declare class ${className} extends pulumi.CustomResource {`);
    if (!classBody) return undefined;
    const outputs = new Map<string, boolean>();
    for (const [, name, typeText] of classBody.matchAll(OUTPUT_FIELD)) {
        outputs.set(name, /\|\s*undefined\s*$/.test(typeText));
    }
    const argsBody = declarationBody(text, `export interface ${className}Args {`) ?? "";
    const inputs = new Set([...argsBody.matchAll(INPUT_MEMBER)].map(([, name]) => name));
    return { outputs, inputs };
}

const shapes = new Map<string, ResourceShape | undefined>();

/** The type's property lists from the installed SDK, or `undefined` when no declaration describes it. */
export function resourceShapeOf(type: string): ResourceShape | undefined {
    if (shapes.has(type)) return shapes.get(type);
    let shape: ResourceShape | undefined;
    const sdk = modelledPackageOf(type);
    const root = sdk && sdkRoot(sdk);
    const candidates = sdk && declarationCandidates(type, sdk);
    if (root && candidates) {
        for (const file of candidates.files) {
            const fullPath = path.join(root, file);
            if (!fs.existsSync(fullPath)) continue;
            shape = parseDeclaration(fs.readFileSync(fullPath, "utf8"), candidates.className);
            if (shape) break;
        }
    }
    shapes.set(type, shape);
    return shape;
}
