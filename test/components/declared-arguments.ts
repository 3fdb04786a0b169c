import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ARGS_FILE = path.resolve(__dirname, "../../components/args.ts");

/** A property of `CustomVisionArgs` as declared in components/args.ts. */
export interface DeclaredArgument {
    name: string;
    optional: boolean;
    /** The TSDoc comment, as written. */
    doc: string;
}

/** The properties of `CustomVisionArgs` (or of a type it nests), read from the source as the schema analyzer reads them. */
export function declaredArguments(interfaceName = "CustomVisionArgs"): DeclaredArgument[] {
    const source = ts.createSourceFile(ARGS_FILE, fs.readFileSync(ARGS_FILE, "utf8"), ts.ScriptTarget.ES2022, true);
    const found: DeclaredArgument[] = [];
    source.forEachChild((node) => {
        if (!ts.isInterfaceDeclaration(node) || node.name.text !== interfaceName) return;
        for (const member of node.members) {
            if (!ts.isPropertySignature(member)) continue;
            const doc = ts.getJSDocCommentsAndTags(member).map((comment) => comment.getText()).join("\n");
            found.push({ name: member.name.getText(), optional: member.questionToken !== undefined, doc });
        }
    });
    return found;
}
