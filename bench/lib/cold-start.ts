/**
 * Cold start: (1) the app's module load in a fresh Node process (the Functions core stand-in
 * installed, then every file package.json "main" names imported, as the host does), and (2) a new
 * host process against the running stack, from spawn to its first 200 on a given request. Both for
 * the compiled files (dist/functions/**) and for the bundled deployment package (dev/package.ts).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../dev/data-dir.js";
import type { Stack } from "../../dev/stack.js";

export interface ModuleLoad {
  /** Node's own start-up until the script runs (ms since the process began). */
  nodeBootMs: number;
  /** Importing the app's function files. */
  appLoadMs: number;
  files: number;
  rssMb: number;
}

/** One fresh process importing the app under `root` (the repository's compiled files, or the bundled package's). */
export function measureModuleLoad(root = REPO_ROOT): ModuleLoad {
  const core = path.join(REPO_ROOT, "dist/dev/host/functions-core.js");
  const host = path.join(REPO_ROOT, "dist/dev/host/host.js");
  const script = `
    const { pathToFileURL } = await import("node:url");
    const t0 = performance.now();
    const { installFunctionsCore } = await import(pathToFileURL(${JSON.stringify(core)}).href);
    installFunctionsCore();
    const { appFiles } = await import(pathToFileURL(${JSON.stringify(host)}).href);
    const files = appFiles(${JSON.stringify(root)});
    for (const f of files) await import(pathToFileURL(f).href);
    console.log(JSON.stringify({ nodeBootMs: t0, appLoadMs: performance.now() - t0, files: files.length, rssMb: process.memoryUsage().rss / 1048576 }));
    process.exit(0);
  `;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
  const line = out.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line) as ModuleLoad;
}

export interface HostColdStart {
  /** Spawn to the port accepting connections (the host has imported the app). */
  listeningMs: number;
  /** Spawn to the first 200 on the request (first Cosmos connection, container cache, JIT). */
  firstOkMs: number;
  /** The first request alone. */
  firstRequestMs: number;
}

/** The median of `runs` fresh-process module loads (a shared machine's noise). */
export function medianModuleLoad(root = REPO_ROOT, runs = 3): ModuleLoad {
  const all = Array.from({ length: runs }, () => measureModuleLoad(root)).sort((a, b) => a.appLoadMs - b.appLoadMs);
  return all[Math.floor(all.length / 2)];
}

/** `extraEnv` for the new host, e.g. HOST_APP_ROOT to start the bundled package (dev/package.ts). */
export async function measureHostColdStart(
  stack: Stack,
  pathAndQuery: string,
  headers: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<HostColdStart> {
  const t0 = performance.now();
  const host = await stack.startHost(extraEnv);
  const listening = performance.now();
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const sent = performance.now();
      const res = await fetch(new URL(pathAndQuery, host.url), { headers });
      await res.arrayBuffer();
      if (res.status === 200) {
        const done = performance.now();
        return { listeningMs: listening - t0, firstOkMs: done - t0, firstRequestMs: done - sent };
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("the new host never answered 200");
  } finally {
    await host.kill();
  }
}

/** MB of node_modules that production needs (npm's dependency tree without dev dependencies), what a remote build installs. */
export function productionModulesMb(root = REPO_ROOT): number {
  let out: string;
  try {
    out = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (err) {
    out = (err as { stdout?: string }).stdout ?? ""; // npm ls exits 1 on an extraneous or invalid package, and still lists
  }
  const dirs = [...new Set(out.split("\n").filter((d) => d.includes(`${path.sep}node_modules${path.sep}`)))];
  let bytes = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "node_modules") continue; // nested packages are listed on their own
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) bytes += fs.statSync(p).size;
    }
  };
  for (const d of dirs) if (fs.existsSync(d)) walk(d);
  return bytes / 1048576;
}
