/**
 * Cold start: (1) the app's module load in a fresh Node process (the Functions core stand-in
 * installed, then every file package.json "main" names imported, as the host does), and (2) a new
 * host process against the running stack, from spawn to its first 200 on a given request.
 */
import { execFileSync } from "node:child_process";
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

export function measureModuleLoad(): ModuleLoad {
  const core = path.join(REPO_ROOT, "dist/dev/host/functions-core.js");
  const host = path.join(REPO_ROOT, "dist/dev/host/host.js");
  const script = `
    const { pathToFileURL } = await import("node:url");
    const t0 = performance.now();
    const { installFunctionsCore } = await import(pathToFileURL(${JSON.stringify(core)}).href);
    installFunctionsCore();
    const { appFiles } = await import(pathToFileURL(${JSON.stringify(host)}).href);
    const files = appFiles(${JSON.stringify(REPO_ROOT)});
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

export async function measureHostColdStart(stack: Stack, pathAndQuery: string, headers: Record<string, string>): Promise<HostColdStart> {
  const t0 = performance.now();
  const host = await stack.startHost();
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
