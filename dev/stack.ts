/**
 * The local stack for benchmarks, load and fault runs: the embedded Cosmos server as its own
 * process (optionally with a snapshot file, so a stop/start keeps the data), Azurite, and one
 * or more local Functions hosts, each a process on a free port running the compiled app
 * (dist/). Used by bench/http.ts (compiled), and by the integration, load and fault tests (through vitest).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAzurite, type RunningAzurite } from "./azurite.js";
import { EMULATOR_KEY } from "./cosmos-server.js";
import { REPO_ROOT } from "./data-dir.js";
import { ensureDevKey, signDevToken, type DevTokenOptions } from "./dev-issuer.js";
import { devConsoleEnv, startDevIssuerOidc, type DevIssuerOidc } from "./dev-issuer-oidc.js";
import { localEnv } from "./local-env.js";
import { ensureDevPersonalDataKeys } from "./personal-data-keys.js";
import { freePort, waitForPort } from "./ports.js";
import { devGraphClient, type DevGraphClient } from "./graph/client.js";
import { devGraphEnv, type DevGraphEndpoint } from "./graph/env.js";
import { DEV_GRAPH_APP, GRAPH_PREFIX } from "./graph/server.js";
import { devAcsEnv } from "./acs/env.js";
import { DEV_ACS_ACCESS_KEY, INBOX_PATH } from "./acs/server.js";
import { CosmosClient } from "@azure/cosmos";
import { ensureContainers } from "../shared/adapters/cosmos/cosmos.js";
import { composeApp } from "../shared/app/root.js";
import { loadSettings } from "../shared/kernel/settings.js";
import { personalDataCipher } from "../shared/app/personal-data-cipher.js";
import type { HandlerDeps } from "../shared/api/edge/handler-deps.js";

export const SUBSCRIPTION_KEY = "local-dev-subscription-key";

export interface HostProcess {
  index: number;
  port: number;
  url: string;
  /** http://127.0.0.1:PORT/api/v2/bookme */
  base: string;
  child: ChildProcess;
  output: string[];
  /** Stops the process (SIGTERM: graceful; SIGKILL: no cleanup at all). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** POST /admin/functions/reservations-sweep: runs the sweeper once, now. */
  sweep(): Promise<void>;
}

export interface StackOptions {
  hosts?: number;
  hostEnv?: Record<string, string>;
  /**
   * Keep the data across stopCosmos()/startCosmos(): the server runs with a snapshot file behind
   * the gate of dev/cosmos-gate.ts (drains before its final save, opens after the restore).
   */
  snapshot?: boolean;
  /** Extra node flags for host processes, e.g. ["--cpu-prof", "--cpu-prof-dir=..."]. */
  hostNodeFlags?: string[];
  /** Extra node flags for the Cosmos server process. */
  cosmosNodeFlags?: string[];
  /** Print process output as it comes (debugging). */
  echo?: boolean;
  /** Start the dev Graph (HTTPS, own process) and point the hosts at it: Outlook calendar sync on. */
  graph?: boolean;
  /** Start the dev ACS (HTTPS, own process) and point the hosts at it: customer e-mail and SMS on. */
  acs?: boolean;
  /** Start the dev issuer's OpenID endpoints (this process) and point the hosts' console at them. */
  console?: boolean;
  /** The dev issuer's access token lifetime for the console (default an hour): short, to see sessions refresh. */
  consoleTokenSeconds?: number;
}

export interface Stack {
  cosmosEndpoint: string;
  cosmosKey: string;
  cosmosPort: number;
  azurite: RunningAzurite;
  hosts: HostProcess[];
  /** Base URL of the first host: http://127.0.0.1:PORT/api/v2/bookme */
  base: string;
  dataDir: string;
  snapshotFile?: string;
  cosmosOutput: string[];
  /** The dev Graph when started (options.graph): its endpoints and a client that trusts its CA. */
  graph?: DevGraphEndpoint & { origin: string; client: DevGraphClient; output: string[] };
  /** The dev ACS when started (options.acs): its endpoint, connection string and inbox (http://.../dev-acs/inbox). */
  acs?: DevAcsProcess;
  /** The dev issuer's sign-in (options.console). */
  console?: Pick<DevIssuerOidc, "authority" | "authorizeUrl">;
  /** Process id of the Cosmos server (undefined while it is stopped). */
  cosmosPid(): number | undefined;
  /** Settings that point the app code (shared/) at this stack, e.g. for seeding via the repositories. */
  appEnv: Record<string, string>;
  token(options?: Partial<DevTokenOptions>): Promise<string>;
  headers(options?: Partial<DevTokenOptions>): Promise<Record<string, string>>;
  startHost(extraEnv?: Record<string, string>): Promise<HostProcess>;
  stopCosmos(signal?: NodeJS.Signals): Promise<void>;
  startCosmos(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * With BOOKME_RUN_LOG_DIR set (the test run's global setup sets it), each host's whole output is also
 * written to <dir>/host-<port>-….log (and ….stderr.log), so the run's log check reads every line any host printed.
 */
function runLogFile(name: string): string | undefined {
  const dir = process.env.BOOKME_RUN_LOG_DIR;
  if (!dir) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}-${process.pid}-${Date.now().toString(36)}`);
}

function spawnNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  output: string[],
  flags: string[] = [],
  echo = false,
  logFile?: string,
): ChildProcess {
  const child = spawn(process.execPath, [...flags, path.join(REPO_ROOT, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    const lines = chunk.toString().split("\n").filter(Boolean);
    output.push(...lines);
    if (output.length > 20_000) output.splice(0, output.length - 10_000);
    if (echo) for (const l of lines) console.log(`  | ${l}`);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  // The exact bytes, one file per stream (a line the pipe splits across chunks stays whole).
  if (logFile) {
    child.stdout?.on("data", (chunk: Buffer) => fs.appendFileSync(`${logFile}.log`, chunk));
    child.stderr?.on("data", (chunk: Buffer) => fs.appendFileSync(`${logFile}.stderr.log`, chunk));
  }
  return child;
}

function killChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => (clearTimeout(timer), resolve()));
    child.kill(signal);
  });
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bookme-stack-"));
  const snapshotFile = options.snapshot ? path.join(dataDir, "cosmos-snapshot.json") : undefined;
  const cosmosPort = await freePort();
  const cosmosOutput: string[] = [];
  const cosmosArgs = ["--port", String(cosmosPort), ...(snapshotFile ? ["--snapshot", snapshotFile] : [])];
  const launchCosmos = async () => {
    const script = snapshotFile ? "dist/dev/cosmos-gate.js" : "dist/dev/cosmos-main.js";
    const child = spawnNode(script, cosmosArgs, {}, cosmosOutput, options.cosmosNodeFlags, options.echo);
    await waitForPort(cosmosPort, 30_000, child);
    return child;
  };
  let cosmos: ChildProcess | undefined = await launchCosmos();
  const azurite = await startAzurite({ port: await freePort(), queuePort: await freePort() });
  const key = await ensureDevKey(dataDir);
  const graphOutput: string[] = [];
  const graph = options.graph ? await launchDevGraph(dataDir, graphOutput, options.echo) : undefined;
  const acs = options.acs ? await launchDevAcs(dataDir, options.echo) : undefined;
  const issuer = options.console
    ? await startDevIssuerOidc({ dataDir, key, httpsPort: 0, httpPort: 0, tokenSeconds: options.consoleTokenSeconds })
    : undefined;
  const cosmosEndpoint = `http://127.0.0.1:${cosmosPort}`;
  const hosts: HostProcess[] = [];
  const personalDataKeys = { PERSONAL_DATA_DEV_KEYS: ensureDevPersonalDataKeys(dataDir) };
  const appEnv = {
    ...localEnv({ cosmosEndpoint, cosmosKey: EMULATOR_KEY, storage: azurite.connectionString, hostPort: 0 }, {}),
    ...personalDataKeys,
    ...options.hostEnv,
  };

  const startHost = async (extraEnv: Record<string, string> = {}) => {
    const port = await freePort();
    const output: string[] = [];
    const env = {
      ...localEnv({ cosmosEndpoint, cosmosKey: EMULATOR_KEY, storage: azurite.connectionString, hostPort: port }, {}),
      HOST_PORT: String(port),
      BOOKME_DATA_DIR: dataDir,
      ...personalDataKeys,
      ...(graph ? { ...devGraphEnv(graph, port), NODE_EXTRA_CA_CERTS: graph.caFile } : {}),
      ...(acs ? { ...devAcsEnv(acs, port), MESSAGES_LINK_KEY: "local-dev-messages-link-key", NODE_EXTRA_CA_CERTS: acs.caFile } : {}),
      ...(issuer ? { ...devConsoleEnv(issuer, key, port), NODE_EXTRA_CA_CERTS: issuer.caFile } : {}),
      ...options.hostEnv,
      ...extraEnv,
    };
    const child = spawnNode("dist/dev/host-main.js", [], env, output, options.hostNodeFlags, options.echo, runLogFile(`host-${port}`));
    await waitForPort(port, 30_000, child);
    const url = `http://127.0.0.1:${port}`;
    const host: HostProcess = {
      index: hosts.length,
      port,
      url,
      base: `${url}/api/v2/bookme`,
      child,
      output,
      kill: (signal) => killChild(child, signal),
      async sweep() {
        const res = await fetch(`${url}/admin/functions/reservations-sweep`, { method: "POST" });
        if (res.status !== 202) throw new Error(`sweep on ${url} answered ${res.status}`);
      },
    };
    hosts.push(host);
    return host;
  };
  for (let i = 0; i < (options.hosts ?? 1); i++) await startHost();

  const token = (o: Partial<DevTokenOptions> = {}) =>
    signDevToken(key, { roles: ["BookMe.Read", "BookMe.Write", "BookMe.Admin"], expiresInSeconds: 4 * 3600, ...o });
  return {
    cosmosEndpoint,
    cosmosKey: EMULATOR_KEY,
    cosmosPort,
    azurite,
    hosts,
    base: hosts[0]?.base ?? "",
    dataDir,
    snapshotFile,
    cosmosOutput,
    acs,
    graph: graph && {
      ...graph,
      output: graphOutput,
      origin: new URL(graph.baseUrl).origin,
      client: devGraphClient(new URL(graph.baseUrl).origin, graph.caFile, graph.app),
    },
    console: issuer && { authority: issuer.authority, authorizeUrl: issuer.authorizeUrl },
    cosmosPid: () => cosmos?.pid,
    appEnv,
    token,
    headers: async (o) => ({
      authorization: `Bearer ${await token(o)}`,
      "ocp-apim-subscription-key": SUBSCRIPTION_KEY,
      "content-type": "application/json",
    }),
    startHost,
    async stopCosmos(signal = "SIGTERM") {
      if (cosmos) await killChild(cosmos, signal, 30_000);
      cosmos = undefined;
    },
    async startCosmos() {
      if (cosmos) throw new Error("the Cosmos server is running");
      cosmos = await launchCosmos();
    },
    async stop() {
      await Promise.all(hosts.map((h) => h.kill()));
      await azurite.stop();
      if (graph) await killChild(graph.child);
      if (acs) await killChild(acs.child);
      await issuer?.stop();
      if (cosmos) await killChild(cosmos);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface DevAcsProcess {
  endpoint: string;
  connectionString: string;
  inboxUrl: string;
  caFile: string;
  child: ChildProcess;
  output: string[];
}

/** The dev ACS as its own process: the ACS API over HTTPS (the dev CA), the inbox over HTTP, each on a free port. */
async function launchDevAcs(dataDir: string, echo?: boolean): Promise<DevAcsProcess> {
  const [port, inboxPort] = [await freePort(), await freePort()];
  const output: string[] = [];
  const args = ["--port", String(port), "--inbox-port", String(inboxPort), "--data-dir", dataDir];
  const child = spawnNode("dist/dev/acs/main.js", args, {}, output, [], echo);
  await waitForPort(port, 30_000, child);
  await waitForPort(inboxPort, 30_000, child);
  const endpoint = `https://localhost:${port}`;
  return {
    endpoint,
    connectionString: `endpoint=${endpoint}/;accesskey=${DEV_ACS_ACCESS_KEY}`,
    inboxUrl: `http://localhost:${inboxPort}${INBOX_PATH}`,
    caFile: path.join(dataDir, "dev-graph", "tls", "ca.pem"),
    child,
    output,
  };
}

/** The dev Graph as its own process on a free port (its CA and keys in the stack's data folder). */
async function launchDevGraph(dataDir: string, output: string[], echo?: boolean): Promise<DevGraphEndpoint & { child: ChildProcess }> {
  const port = await freePort();
  const child = spawnNode("dist/dev/graph/main.js", ["--port", String(port), "--data-dir", dataDir], {}, output, [], echo);
  await waitForPort(port, 30_000, child);
  const origin = `https://localhost:${port}`;
  return {
    baseUrl: `${origin}${GRAPH_PREFIX}`,
    authorityHost: origin,
    caFile: path.join(dataDir, "dev-graph", "tls", "ca.pem"),
    app: DEV_GRAPH_APP,
    child,
  };
}

/**
 * The app's dependencies over the stack's database, for seeding and inspection from this process
 * (its own client: the app's composition root keeps one per process). dispose() when done.
 */
export async function stackRepositories(stack: Stack): Promise<HandlerDeps & { dispose(): void }> {
  const client = new CosmosClient({
    endpoint: stack.cosmosEndpoint,
    key: stack.cosmosKey,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const repos = composeApp(await ensureContainers(client, "bookme"), loadSettings({ ...process.env, ...stack.appEnv }), {
    cosmos: client,
    personalData: personalDataCipher({ devKeys: stack.appEnv.PERSONAL_DATA_DEV_KEYS }),
  });
  return { ...repos, dispose: () => client.dispose() };
}
