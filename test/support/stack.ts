/**
 * The real local stack for integration tests: the embedded Cosmos server, Azurite and one or
 * more local Functions hosts, each its own process on free ports, running the compiled app
 * (npm test builds first). Nothing is mocked.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAzurite, type RunningAzurite } from "../../dev/azurite.js";
import { EMULATOR_KEY } from "../../dev/cosmos-server.js";
import { ensureDevKey, signDevToken, type DevTokenOptions } from "../../dev/dev-issuer.js";
import { localEnv } from "../../dev/local-env.js";
import { freePort, waitForPort } from "../../dev/ports.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface HostProcess {
  port: number;
  url: string;
  child: ChildProcess;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface Stack {
  cosmosEndpoint: string;
  cosmosPort: number;
  azurite: RunningAzurite;
  hosts: HostProcess[];
  dataDir: string;
  /** Base URL of the first host: http://127.0.0.1:PORT/api/v2/bookme */
  base: string;
  token(options?: Partial<DevTokenOptions>): Promise<string>;
  /** Headers for an authorised call: bearer token with all roles, subscription key, JSON. */
  headers(options?: Partial<DevTokenOptions>): Promise<Record<string, string>>;
  startHost(extraEnv?: Record<string, string>): Promise<HostProcess>;
  stopCosmos(): Promise<void>;
  startCosmos(): Promise<void>;
  stop(): Promise<void>;
}

function spawnNode(script: string, args: string[], env: Record<string, string>, output: string[]): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, script), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return child;
}

function killChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => (clearTimeout(timer), resolve()));
    child.kill(signal);
  });
}

export async function startStack(options: { hosts?: number; hostEnv?: Record<string, string> } = {}): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bookme-test-"));
  const cosmosPort = await freePort();
  const cosmosOutput: string[] = [];
  let cosmos = spawnNode("dist/dev/cosmos-main.js", ["--port", String(cosmosPort)], {}, cosmosOutput);
  await waitForPort(cosmosPort, 20_000, cosmos);
  const azurite = await startAzurite({ port: await freePort() });
  const key = await ensureDevKey(dataDir);
  const cosmosEndpoint = `http://127.0.0.1:${cosmosPort}`;
  const hosts: HostProcess[] = [];

  const startHost = async (extraEnv: Record<string, string> = {}) => {
    const port = await freePort();
    const output: string[] = [];
    const env = {
      ...localEnv({ cosmosEndpoint, cosmosKey: EMULATOR_KEY, storage: azurite.connectionString, hostPort: port }, {}),
      HOST_PORT: String(port),
      BOOKME_DATA_DIR: dataDir,
      ...options.hostEnv,
      ...extraEnv,
    };
    const child = spawnNode("dist/dev/host-main.js", [], env, output);
    await waitForPort(port, 30_000, child);
    const host: HostProcess = { port, url: `http://127.0.0.1:${port}`, child, output, kill: (signal) => killChild(child, signal) };
    hosts.push(host);
    return host;
  };
  for (let i = 0; i < (options.hosts ?? 1); i++) await startHost();

  const token = (o: Partial<DevTokenOptions> = {}) => signDevToken(key, { roles: ["BookMe.Read", "BookMe.Write", "BookMe.Admin"], ...o });
  return {
    cosmosEndpoint,
    cosmosPort,
    azurite,
    hosts,
    dataDir,
    base: `${hosts[0].url}/api/v2/bookme`,
    token,
    headers: async (o) => ({ authorization: `Bearer ${await token(o)}`, "ocp-apim-subscription-key": "local-dev-subscription-key", "content-type": "application/json" }),
    startHost,
    stopCosmos: () => killChild(cosmos),
    async startCosmos() {
      cosmos = spawnNode("dist/dev/cosmos-main.js", ["--port", String(cosmosPort)], {}, cosmosOutput);
      await waitForPort(cosmosPort, 20_000, cosmos);
    },
    async stop() {
      await Promise.all(hosts.map((h) => h.kill()));
      await azurite.stop();
      await killChild(cosmos);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
