import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

const MANIFEST = resolve(__dirname, "../../deploy/stack-prod.yaml");

interface SecretRef {
    type: string;
    secret?: { name: string; key: string; namespace?: string };
    literal?: { value: string };
    env?: { name: string };
    filesystem?: { path: string };
}
interface KubernetesObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
    spec?: Record<string, unknown>;
    subjects?: { kind: string; name: string; namespace?: string }[];
    roleRef?: { kind: string; name: string };
}

function loadObjects(source: string): KubernetesObject[] {
    return parseAllDocuments(source).map((document) => {
        if (document.errors.length > 0) throw new Error(document.errors.map((error) => error.message).join("; "));
        return document.toJS() as KubernetesObject;
    });
}

/** Names whose value is a credential: these must come from a Kubernetes Secret, never a literal. */
const CREDENTIAL_NAME = /SECRET|KEY|PASSPHRASE|TOKEN|PASSWORD|CONNECTION_STRING|CERTIFICATE/;
/** Static Azure credentials that workload identity makes unnecessary. */
const STATIC_AZURE_CREDENTIALS = ["ARM_CLIENT_SECRET", "AZURE_CLIENT_SECRET", "ARM_CLIENT_CERTIFICATE_PATH", "AZURE_STORAGE_KEY", "AZURE_STORAGE_SAS_TOKEN", "AZURE_STORAGE_CONNECTION_STRING"];

/** Why a manifest would leak or mis-source a credential; empty when it holds none and reads secrets only from Secrets. */
function credentialProblems(manifest: KubernetesObject[]): string[] {
    const problems: string[] = [];
    for (const object of manifest) {
        if (object.kind === "Secret") problems.push(`a Secret object (${object.metadata.name}) is committed with its data`);
        if (object.kind !== "Stack") continue;
        const envRefs = ((object.spec ?? {}) as { envRefs?: Record<string, SecretRef> }).envRefs ?? {};
        for (const [variable, ref] of Object.entries(envRefs)) {
            if (STATIC_AZURE_CREDENTIALS.includes(variable)) problems.push(`${variable} is a static credential; workload identity needs none`);
            // The operator refuses Env and FS references (they would read its own environment or disk).
            if (ref.type !== "Secret" && ref.type !== "Literal") problems.push(`${variable} is of type ${ref.type}`);
            if (ref.type === "Literal" && CREDENTIAL_NAME.test(variable)) problems.push(`${variable} is a credential given as a literal`);
            if (ref.type === "Secret" && ref.secret?.key !== variable) problems.push(`${variable} reads key ${String(ref.secret?.key)}`);
            // The operator rejects cross-namespace Secret references unless isolation is turned off.
            if (ref.secret?.namespace !== undefined) problems.push(`${variable} reads a Secret in another namespace`);
            const source = ref.type === "Secret" ? "secret" : "literal";
            if (Object.keys(ref).some((field) => field !== "type" && field !== source)) problems.push(`${variable} carries a second source`);
        }
    }
    return problems;
}

const source = readFileSync(MANIFEST, "utf8");
const objects = loadObjects(source);
const stack = objects.find((object) => object.kind === "Stack")!;
const spec = (stack?.spec ?? {}) as Record<string, unknown> & { envRefs: Record<string, SecretRef> };

/** Every StackSpec field of operator v2.9 (operator/api/pulumi/shared/stack_types.go); none names a policy pack. */
const STACK_SPEC_FIELDS = new Set([
    "accessTokenSecret", "envs", "envRefs", "envSecrets", "backend", "stack", "config", "secrets", "configRef", "secretsRef",
    "secretsProvider", "fluxSource", "programRef", "targets", "targetDependents", "prerequisites",
    "continueResyncOnCommitMatch", "refresh", "expectNoRefreshChanges", "destroyOnFinalize", "runProgram",
    "retryOnUpdateConflict", "useLocalStackOnly", "resyncFrequencySeconds", "serviceAccountName", "workspaceTemplate",
    "workspaceReclaimPolicy", "environment", "updateTemplate", "retryMaxBackoffDurationSeconds", "preview",
    "projectRepo", "gitAuthSecret", "gitAuth", "repoDir", "commit", "branch", "shallow",
]);
const WORKLOAD_IDENTITY_CLIENT_ID = "azure.workload.identity/client-id";
const WORKLOAD_IDENTITY_USE = "azure.workload.identity/use";

describe("deploy/stack-prod.yaml", () => {
    it("holds one operator v2 Stack, its service account and the auth-delegator binding", () => {
        expect(objects.map((object) => `${object.apiVersion} ${object.kind}`)).toEqual([
            "v1 ServiceAccount",
            "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
            "pulumi.com/v1 Stack",
        ]);
    });

    it("runs the workspace as the service account that is bound to system:auth-delegator", () => {
        const account = objects.find((object) => object.kind === "ServiceAccount")!;
        const binding = objects.find((object) => object.kind === "ClusterRoleBinding")!;
        expect(spec.serviceAccountName).toBe(account.metadata.name);
        expect(binding.roleRef).toMatchObject({ kind: "ClusterRole", name: "system:auth-delegator" });
        expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: account.metadata.name, namespace: account.metadata.namespace }]);
        expect(stack.metadata.namespace).toBe(account.metadata.namespace);
    });

    it("names the prod stack of this project the way a self-managed backend does", () => {
        expect(spec.stack).toBe("organization/azure-custom-vision/prod");
        const project = readFileSync(resolve(__dirname, "../../Pulumi.yaml"), "utf8");
        expect(project).toMatch(/^name: azure-custom-vision$/m);
    });

    it("tracks main of the project repository and keeps state in an azblob:// container", () => {
        expect(spec.projectRepo).toMatch(/^https:\/\/github\.com\/[\w.-]+\/azure-custom-vision$/);
        expect(spec.branch).toBe("refs/heads/main");
        expect(spec.commit).toBeUndefined();
        expect(typeof spec.repoDir).toBe("string");
        expect(spec.backend).toMatch(/^azblob:\/\/[a-z0-9-]+$/);
    });

    it("refreshes before each update, polls regularly and never destroys prod when the object is deleted", () => {
        expect(spec.refresh).toBe(true);
        expect(spec.resyncFrequencySeconds).toBeGreaterThanOrEqual(60);
        expect(spec.destroyOnFinalize).toBe(false);
    });

    it("uses only fields the operator's StackSpec defines (a policy pack is not one of them)", () => {
        for (const field of Object.keys(spec)) expect(STACK_SPEC_FIELDS.has(field), field).toBe(true);
        expect(Object.keys(spec).filter((field) => /polic/i.test(field))).toEqual([]);
    });

    it("gives the workspace the subscription, the state account and the passphrase, and no static Azure credential", () => {
        expect(Object.keys(spec.envRefs).sort()).toEqual([
            "ARM_SUBSCRIPTION_ID",
            "ARM_USE_DEFAULT_AZURE_CREDENTIAL",
            "AZURE_STORAGE_ACCOUNT",
            "PULUMI_CONFIG_PASSPHRASE",
        ]);
        expect(spec.envRefs.ARM_USE_DEFAULT_AZURE_CREDENTIAL).toEqual({ type: "Literal", literal: { value: "true" } });
    });

    it("reads every credential from a key of the same name in a Kubernetes Secret", () => {
        expect(credentialProblems(objects)).toEqual([]);
        for (const ref of Object.values(spec.envRefs).filter((candidate) => candidate.type === "Secret")) {
            expect(ref.secret?.name).toMatch(/^custom-vision-prod-(azure|state)$/);
        }
    });

    it("signs in through AKS workload identity: the service account names the client id, the workspace pod opts in", () => {
        const account = objects.find((object) => object.kind === "ServiceAccount")!;
        expect(Object.keys(account.metadata.annotations ?? {})).toEqual([WORKLOAD_IDENTITY_CLIENT_ID]);
        const template = spec.workspaceTemplate as { spec?: { podTemplate?: { metadata?: { labels?: Record<string, string> } } } };
        expect(template.spec?.podTemplate?.metadata?.labels).toEqual({ [WORKLOAD_IDENTITY_USE]: "true" });
        expect(spec.serviceAccountName).toBe(account.metadata.name);
    });

    it("contains no literal secret value and no Kubernetes Secret with data", () => {
        expect(objects.some((object) => object.kind === "Secret")).toBe(false);
        expect(source).not.toMatch(/\b(stringData|data):/);
        // Nothing shaped like a GUID, a storage key or a passphrase assignment.
        expect(source).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
        expect(source).not.toMatch(/[A-Za-z0-9+/]{60,}={0,2}/);
        expect(source).not.toMatch(/PASSPHRASE[ \t]*[:=][ \t]*["']?[^\s"']/);
    });

    it("the credential check flags a client secret, a literal passphrase, an Env reference and a committed Secret", () => {
        const leaked = loadObjects(
            source
                .replace(
                    /PULUMI_CONFIG_PASSPHRASE:\n\s+type: Secret\n\s+secret:\n\s+name: [\w-]+\n\s+key: PULUMI_CONFIG_PASSPHRASE/,
                    "PULUMI_CONFIG_PASSPHRASE:\n      type: Literal\n      literal:\n        value: not-a-real-passphrase",
                )
                .replace(
                    "  envRefs:\n",
                    "  envRefs:\n    ARM_CLIENT_SECRET:\n      type: Secret\n      secret:\n        name: custom-vision-prod-azure\n        key: ARM_CLIENT_SECRET\n" +
                        "    ARM_TENANT_ID:\n      type: Env\n      env:\n        name: ARM_TENANT_ID\n",
                ) + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\nstringData:\n  key: value\n",
        );
        expect(credentialProblems(leaked)).toEqual([
            "ARM_CLIENT_SECRET is a static credential; workload identity needs none",
            "ARM_TENANT_ID is of type Env",
            "ARM_TENANT_ID carries a second source",
            "PULUMI_CONFIG_PASSPHRASE is a credential given as a literal",
            "a Secret object (leaked) is committed with its data",
        ]);
    });
});
