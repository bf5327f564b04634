/**
 * `npm run openapi`: writes openapi/openapi.json (the v2 document) and openapi/openapi-v1.json (v1);
 * infra/main.bicep loads them and API Management imports each into its API version. The app's function modules are loaded the way the local host
 * loads them (package.json "main", with the registrations captured), so the document lists
 * exactly the functions that run. `--check` fails instead of writing when the file is stale.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { REPO_ROOT } from "./data-dir.js";
import { installFunctionsCore, type Registration } from "./host/functions-core.js";
import { appFiles as hostAppFiles } from "./host/host.js";
import { endpoints, type ApiVersion } from "../shared/api/edge/endpoint.js";
import { buildOpenApi } from "../shared/api/edge/openapi.js";

export const OPENAPI_FILE = path.join(REPO_ROOT, "openapi", "openapi.json");
/** The V1 document, built from the V1 schemas; API Management imports it into the V1 API. */
export const OPENAPI_V1_FILE = path.join(REPO_ROOT, "openapi", "openapi-v1.json");
export const OPENAPI_FILES: Record<ApiVersion, string> = { v2: OPENAPI_FILE, v1: OPENAPI_V1_FILE };
/**
 * What API Management imports (infra/main.bicep loadTextContent, at most 131,072 characters): the same
 * paths, operations, parameters and schemas without the prose (descriptions) and the response
 * headers, which the served reference and openapi/openapi*.json keep.
 */
export const APIM_FILES: Record<ApiVersion, string> = {
  v2: path.join(REPO_ROOT, "openapi", "apim", "openapi.json"),
  v1: path.join(REPO_ROOT, "openapi", "apim", "openapi-v1.json"),
};

/** The compiled function files the host loads: package.json "main" (dist/functions, subfolders included), read as the local host reads it. */
export function appFiles(root: string = REPO_ROOT): string[] {
  return hostAppFiles(root);
}

let loaded: Promise<Registration[]> | undefined;

/** Registers every function of the app in this process (once) and returns the registrations. */
export function loadApp(root: string = REPO_ROOT): Promise<Registration[]> {
  loaded ??= (async () => {
    const registrations = installFunctionsCore();
    for (const file of appFiles(root)) await import(pathToFileURL(file).href);
    return registrations;
  })();
  return loaded;
}

/** The document as committed: one line of JSON (Bicep's loadTextContent takes at most 131,072 characters). */
export function serialize(document: unknown): string {
  return `${JSON.stringify(document)}\n`;
}

export async function openApiText(version: ApiVersion = "v2"): Promise<string> {
  await loadApp();
  return serialize(buildOpenApi(endpoints, version));
}

/**
 * The document less every description text but the API's own (info.description; a property named
 * description stays) and less the responses' headers and schemas (a response keeps its status and
 * media types): the gateway routes by operation and validates nothing, the served /docs and
 * openapi/openapi.json keep the full contract, and Bicep loads at most 131,072 characters.
 */
export function withoutProse(node: unknown, top = true, inResponse = false): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutProse(n, false, inResponse));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => (key !== "description" || typeof value !== "string" || top) && !(inResponse && RESPONSE_ONLY.has(key)))
      .map(([key, value]) => [
        key,
        key === "info" && top ? value : key === "responses" ? responsesWithout(value) : withoutProse(value, false, inResponse),
      ]),
  );
}

const RESPONSE_ONLY = new Set(["headers", "schema"]);

const responsesWithout = (responses: unknown) =>
  responses && typeof responses === "object"
    ? Object.fromEntries(Object.entries(responses).map(([status, r]) => [status, withoutProse(r, false, true)]))
    : responses;

/** The document less the component schemas nothing refers to any more (transitively). */
function withReferencedSchemas(document: unknown): unknown {
  const doc = document as { components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas;
  if (!schemas) return document;
  const refsIn = (node: unknown) => [...JSON.stringify(node).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
  const kept = new Set(refsIn({ ...doc, components: { ...doc.components, schemas: {} } }));
  for (const name of kept) for (const ref of refsIn(schemas[name])) kept.add(ref);
  const used = Object.fromEntries(Object.entries(schemas).filter(([name]) => kept.has(name)));
  return { ...doc, components: { ...doc.components, schemas: used } };
}

export async function apimText(version: ApiVersion = "v2"): Promise<string> {
  await loadApp();
  return serialize(withReferencedSchemas(withoutProse(buildOpenApi(endpoints, version))));
}

async function main(): Promise<void> {
  let stale = false;
  const documents = (["v2", "v1"] as const).flatMap((version) => [
    { file: OPENAPI_FILES[version], text: () => openApiText(version) },
    { file: APIM_FILES[version], text: () => apimText(version) },
  ]);
  for (const { file, text: textOf } of documents) {
    const text = await textOf();
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    const name = path.relative(process.cwd(), file);
    if (process.argv.includes("--check")) {
      if (current !== text) console.error(`${name} is stale: run npm run openapi and commit it`);
      else console.log(`${name} is up to date`);
      stale ||= current !== text;
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (current !== text) fs.writeFileSync(file, text);
    const doc = JSON.parse(text) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    console.log(
      `${current === text ? "unchanged" : "wrote"} ${name}: ${Object.keys(doc.paths).length} paths, ${operations} operations, ${text.length} characters`,
    );
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`openapi: ${err instanceof Error ? err.stack : err}`);
    process.exit(1);
  });
}
