/**
 * A local Azure Functions host: loads the compiled app (package.json "main"), runs its real
 * registrations, serves HTTP on the given port, runs timers with singleton leases and
 * storage-queue triggers against the queue service of the storage account (queues.ts).
 */
import fs from "node:fs";
import path from "node:path";
import type http from "node:http";
import { pathToFileURL } from "node:url";
import { installFunctionsCore, type HttpRegistration, type QueueRegistration, type TimerRegistration } from "./functions-core.js";
import { createHttpHost, type HostRoute } from "./http-server.js";
import { queueOptions, startQueueListener, type RunningQueueListener } from "./queues.js";
import { startTimer, type RunningTimer } from "./timers.js";
import { DEFAULT_PUBLIC_RATE_LIMIT, type RateLimit } from "./rate-limit.js";

export interface LocalHostOptions {
  root: string;
  port: number;
  storageConnection: string;
  subscriptionKeys: string[];
  jwks?: unknown;
  hostId?: string;
  timerSchedules?: Record<string, string>;
  /** How long a queue message stays invisible while its function runs (the Azure host: 600 s). */
  queueVisibilitySeconds?: number;
  accessLog?: boolean;
  log?: (line: string) => void;
  /** Per-client-address limit on /api/public/* (default: DEFAULT_PUBLIC_RATE_LIMIT). */
  publicRateLimit?: RateLimit;
  /** Per-client limit on the API and facades (default: DEFAULT_CLIENT_RATE_LIMIT). */
  clientRateLimit?: RateLimit;
  /** Largest request body the host reads (default: HOST_MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** The functions this instance runs (selectFunctions); all by default. */
  functionSelection?: string;
}

export interface LocalHost {
  port: number;
  server: http.Server;
  functions: HttpRegistration[];
  timers: RunningTimer[];
  queues: RunningQueueListener[];
  stop(): Promise<void>;
}

/** API Management lets these through without a subscription key (health, contract, docs). */
export const ANONYMOUS_PATHS = /^v[12]\/bookme\/(health|openapi\.json|docs)(\/.*)?$/i;

/**
 * HOST_FUNCTIONS: which functions one instance runs, as Flex Consumption's per-function scaling puts
 * the HTTP functions on one set of instances and each queue or timer function on its own. A
 * comma-separated list of names runs only those; names with a leading "-" run everything else.
 */
export function selectFunctions<R extends { name: string }>(registrations: R[], selection: string | undefined): R[] {
  const names = (selection ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  if (!names.length) return registrations;
  const excluded = new Set(names.filter((n) => n.startsWith("-")).map((n) => n.slice(1)));
  const included = new Set(names.filter((n) => !n.startsWith("-")));
  const known = new Set(registrations.map((r) => r.name));
  const unknown = [...excluded, ...included].filter((n) => !known.has(n));
  if (unknown.length) throw new Error(`HOST_FUNCTIONS names no such function: ${unknown.join(", ")}`);
  return registrations.filter((r) => (included.size ? included.has(r.name) : !excluded.has(r.name)));
}

/**
 * host.json with the app settings that override it, as the Azure host reads them:
 * `AzureFunctionsJobHost__extensions__queues__batchSize=1` sets extensions.queues.batchSize.
 */
export function withAppSettingOverrides<T extends object>(hostJson: T, env: NodeJS.ProcessEnv = process.env): T {
  const merged = structuredClone(hostJson) as Record<string, unknown>;
  for (const [key, value] of Object.entries(env)) {
    const m = /^AzureFunctionsJobHost__(.+)$/i.exec(key);
    if (!m || value === undefined) continue;
    const path = m[1].split("__");
    let node = merged;
    for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[path.at(-1)!] = /^\d+$/.test(value) ? Number(value) : value;
  }
  return merged as T;
}

/** The files package.json "main" names, a glob as Azure reads it: "*" within a folder name, "**" any depth of folders. */
export function appFiles(root: string): string[] {
  const { main } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { main: string };
  const parts = main.split("/");
  const base = parts.findIndex((p) => p.includes("*"));
  if (base < 0) return [path.join(root, main)];
  const dir = path.join(root, ...parts.slice(0, base));
  const source = parts
    .slice(base)
    .map((p) => (p === "**" ? "(?:[^/]+/)*" : `${p.replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}/`))
    .join("")
    .replace(/\/$/, "");
  const pattern = new RegExp(`^${source}$`);
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/"));
  return files
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const log = options.log ?? ((line: string) => console.log(line));
  const installed = installFunctionsCore();
  for (const file of appFiles(options.root)) await import(pathToFileURL(file).href);
  const registrations = selectFunctions(installed, options.functionSelection);
  const functions = registrations.filter((r): r is HttpRegistration => r.kind === "http");
  const timerFns = registrations.filter((r): r is TimerRegistration => r.kind === "timer");
  const queueFns = registrations.filter((r): r is QueueRegistration => r.kind === "queue");
  const hostJson = JSON.parse(fs.readFileSync(path.join(options.root, "host.json"), "utf8")) as {
    extensions?: { http?: { routePrefix?: string }; queues?: Record<string, unknown> };
  };
  const routePrefix: string = hostJson.extensions?.http?.routePrefix ?? "api";

  const timers: RunningTimer[] = [];
  const queues: RunningQueueListener[] = [];
  const hostRoutes: HostRoute[] = [
    {
      method: "GET",
      path: "/admin/host/status",
      handle: (_q, res) =>
        json(res, 200, {
          state: "Running",
          timers: timers.map((t) => ({ name: t.name, schedule: t.schedule, singletonLockHeld: t.lock.isHeld })),
          queues: queues.map((q) => ({ name: q.name, queueName: q.queueName })),
        }),
    },
  ];
  for (const t of timerFns) {
    hostRoutes.push({
      method: "POST",
      path: `/admin/functions/${t.name}`,
      handle: async (_q, res) => {
        const timer = timers.find((x) => x.name === t.name);
        if (timer) await timer.invoke();
        res.writeHead(202).end();
      },
    });
  }
  if (options.jwks) hostRoutes.push({ method: "GET", path: "/dev-issuer/jwks.json", handle: (_q, res) => json(res, 200, options.jwks) });

  const server = createHttpHost({
    functions,
    routePrefix,
    subscriptionKeys: options.subscriptionKeys,
    anonymousPaths: ANONYMOUS_PATHS,
    hostRoutes,
    log,
    accessLog: options.accessLog ?? false,
    publicRateLimit: options.publicRateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT,
    clientRateLimit: options.clientRateLimit,
    maxBodyBytes: options.maxBodyBytes,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "0.0.0.0", () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  for (const t of timerFns) {
    timers.push(await startTimer(t, options.storageConnection, options.hostId ?? "bookme-local", log, options.timerSchedules?.[t.name]));
  }

  const queueSettings = queueOptions(withAppSettingOverrides(hostJson));
  for (const q of queueFns) queues.push(await startQueueListener(q, queueSettings, log, options.queueVisibilitySeconds));

  log(`\nFunctions (${functions.length + timerFns.length + queueFns.length}):\n`);
  const width = Math.max(
    ...functions.map((f) => f.name.length),
    ...timerFns.map((t) => t.name.length),
    ...queueFns.map((q) => q.name.length),
    10,
  );
  for (const f of functions) log(`  ${f.name.padEnd(width)}  [${f.methods.join(",")}] http://localhost:${port}/${routePrefix}/${f.route}`);
  for (const t of timers) log(`  ${t.name.padEnd(width)}  timerTrigger (${t.schedule})`);
  for (const q of queues) log(`  ${q.name.padEnd(width)}  queueTrigger (${q.queueName})`);
  log("");

  return {
    port,
    server,
    functions,
    timers,
    queues,
    async stop() {
      await Promise.all([...timers.map((t) => t.stop()), ...queues.map((q) => q.stop())]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
