/**
 * The deployment package (`npm run package`, what `azd deploy` uploads: azure.yaml `dist`): the
 * compiled functions bundled with esbuild into one ES module plus chunks loaded on first use
 * (telemetry's SDK only when APPLICATIONINSIGHTS_CONNECTION_STRING is set), every npm dependency
 * inlined, so the package needs no node_modules and no remote build. Cold start: one file to read
 * and parse instead of ~1,000 modules resolved one by one.
 *
 *   dist/package/
 *     package.json                 "main": the bundle (the Functions worker loads it)
 *     host.json
 *     dist/functions/app/main.mjs  the bundle (at the depth of dist/functions/<folder>/<file>.js, so
 *                                  the pages' `new URL("../../web/", import.meta.url)` finds dist/web)
 *     dist/web/, dist/web-console/ the booking page and the console (vite's output)
 *     node_modules/swagger-ui-dist/ the four files /docs serves
 *
 * Entry: shared/app/telemetry-start.js first, then every file package.json "main" names, in order.
 * `@azure/functions-core` stays external: the language worker provides it at run time (the local
 * host: dev/host/functions-core.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { appFiles } from "./host/host.js";
import { REPO_ROOT } from "./data-dir.js";

export const BUNDLE_MAIN = "dist/functions/app/main.mjs";
const SWAGGER_FILES = ["package.json", "swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"];

export interface PackageResult {
  dir: string;
  /** Bytes of the whole package and of its JavaScript. */
  bytes: number;
  jsBytes: number;
  files: number;
  functionFiles: number;
  ms: number;
}

function dirBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/** Builds the package from the compiled app (run `npm run build` first) into `out`. */
export async function buildPackage(root = REPO_ROOT, out = path.join(root, "dist", "package")): Promise<PackageResult> {
  const started = performance.now();
  const functionFiles = appFiles(root);
  if (!functionFiles.length) throw new Error("no compiled functions: run npm run build first");
  fs.rmSync(out, { recursive: true, force: true });
  const mainDir = path.join(out, path.dirname(BUNDLE_MAIN));
  fs.mkdirSync(mainDir, { recursive: true });
  const entry = [path.join(root, "dist/shared/app/telemetry-start.js"), ...functionFiles]
    .map((f) => `import ${JSON.stringify(f)};`)
    .join("\n");
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: "package-entry.mjs", loader: "js" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    splitting: true,
    outdir: mainDir,
    entryNames: path.basename(BUNDLE_MAIN, ".mjs"),
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    minify: true,
    keepNames: true,
    legalComments: "none",
    sourcemap: false,
    metafile: true,
    logLevel: "warning",
    external: ["@azure/functions-core"],
    // CommonJS dependencies inside an ES module bundle: their require() of built-ins and of
    // @azure/functions-core goes through a real require.
    banner: {
      js: 'import { createRequire as __bookmeCreateRequire } from "node:module"; const require = __bookmeCreateRequire(import.meta.url);',
    },
  });
  if (result.errors.length) throw new Error(`esbuild: ${result.errors.map((e) => e.text).join("; ")}`);
  const jsBytes = Object.values(result.metafile.outputs).reduce((a, o) => a + o.bytes, 0);

  for (const folder of ["web", "web-console"]) {
    const from = path.join(root, "dist", folder);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(out, "dist", folder), { recursive: true });
  }
  const swagger = path.dirname(path.join(root, "node_modules", "swagger-ui-dist", "package.json"));
  fs.mkdirSync(path.join(out, "node_modules", "swagger-ui-dist"), { recursive: true });
  for (const f of SWAGGER_FILES) fs.copyFileSync(path.join(swagger, f), path.join(out, "node_modules", "swagger-ui-dist", f));
  fs.copyFileSync(path.join(root, "host.json"), path.join(out, "host.json"));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string; engines?: unknown };
  fs.writeFileSync(
    path.join(out, "package.json"),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: "module", main: BUNDLE_MAIN, engines: pkg.engines }, null, 2)}\n`,
  );
  const size = dirBytes(out);
  return { dir: out, bytes: size.bytes, jsBytes, files: size.files, functionFiles: functionFiles.length, ms: performance.now() - started };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(REPO_ROOT, "dist", "dev", "package.js")) {
  const r = await buildPackage();
  console.log(
    `package ${path.relative(REPO_ROOT, r.dir)}: ${r.functionFiles} function files bundled, ${(r.jsBytes / 1048576).toFixed(1)} MB of JavaScript, ${r.files} files, ${(r.bytes / 1048576).toFixed(1)} MB in all (${(r.ms / 1000).toFixed(1)} s)`,
  );
}
