/**
 * Azurite as the local AzureWebJobsStorage: the blob service (timer leases) and the queue service
 * (storage-queue triggers, the webhook delivery queue), each a child process on its own port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { waitForPort } from "./ports.js";

/** Azurite's public, well-known development account key. */
const DEV_ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface RunningAzurite {
  port: number;
  queuePort: number;
  connectionString: string;
  stop(): Promise<void>;
}

export function azuriteConnectionString(port: number, queuePort?: number): string {
  const queue = queuePort ? `QueueEndpoint=http://127.0.0.1:${queuePort}/devstoreaccount1;` : "";
  return `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;${queue}`;
}

function startService(service: "blob" | "queue", port: number, location: string | undefined): ChildProcess {
  const main = createRequire(import.meta.url).resolve(`azurite/dist/src/${service}/main.js`);
  const args = [
    main,
    "--silent",
    "--skipApiVersionCheck",
    "--disableTelemetry",
    `--${service}Host`,
    "127.0.0.1",
    `--${service}Port`,
    String(port),
  ];
  if (location) {
    // One folder for both, as `azurite --location` uses: each service keeps its own files in it.
    fs.mkdirSync(location, { recursive: true });
    args.push("--location", location);
  } else {
    args.push("--inMemoryPersistence");
  }
  return spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export async function startAzurite(options: { port: number; queuePort: number; location?: string }): Promise<RunningAzurite> {
  const blob = startService("blob", options.port, options.location);
  const queue = startService("queue", options.queuePort, options.location);
  await Promise.all([waitForPort(options.port, 30_000, blob), waitForPort(options.queuePort, 30_000, queue)]);
  return {
    port: options.port,
    queuePort: options.queuePort,
    connectionString: azuriteConnectionString(options.port, options.queuePort),
    stop: async () => {
      await Promise.all([stopChild(blob), stopChild(queue)]);
    },
  };
}
