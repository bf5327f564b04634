/** Azurite (blob service) as the local AzureWebJobsStorage, started as a child process. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { waitForPort } from "./ports.js";

/** Azurite's public, well-known development account key. */
const DEV_ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface RunningAzurite {
  port: number;
  connectionString: string;
  stop(): Promise<void>;
}

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`;
}

export async function startAzurite(options: { port: number; location?: string }): Promise<RunningAzurite> {
  const main = createRequire(import.meta.url).resolve("azurite/dist/src/blob/main.js");
  const args = [main, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--blobHost", "127.0.0.1", "--blobPort", String(options.port)];
  if (options.location) {
    fs.mkdirSync(options.location, { recursive: true });
    args.push("--location", options.location);
  } else {
    args.push("--inMemoryPersistence");
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  await waitForPort(options.port, 30_000, child);
  return {
    port: options.port,
    connectionString: azuriteConnectionString(options.port),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
