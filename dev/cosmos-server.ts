/**
 * The embedded Cosmos DB server (@vercel/cosmosdb-server, plain HTTP, in memory) with a
 * snapshot file so local data survives a restart: written when something changed (every
 * five seconds at most) and on shutdown; loaded at start.
 */
import fs from "node:fs";
import path from "node:path";
import type http from "node:http";
import { createHttpServer } from "@vercel/cosmosdb-server";
import { CosmosClient } from "@azure/cosmos";

/** The public, well-known key of the Cosmos DB emulator; the embedded server accepts any key. */
export const EMULATOR_KEY = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

interface Snapshot {
  databases: { id: string; containers: { id: string; partitionKey: unknown; defaultTtl?: number; items: Record<string, unknown>[] }[] }[];
}

const SYSTEM_FIELDS = ["_rid", "_self", "_etag", "_attachments", "_ts"];

export interface EmbeddedCosmos {
  endpoint: string;
  port: number;
  save(): Promise<void>;
  stop(): Promise<void>;
}

function localClient(endpoint: string) {
  return new CosmosClient({ endpoint, key: EMULATOR_KEY, connectionPolicy: { enableEndpointDiscovery: false } });
}

async function dump(client: CosmosClient): Promise<Snapshot> {
  const snapshot: Snapshot = { databases: [] };
  const { resources: dbs } = await client.databases.readAll().fetchAll();
  for (const db of dbs) {
    const database = client.database(db.id);
    const { resources: defs } = await database.containers.readAll().fetchAll();
    const containers = [];
    for (const def of defs) {
      const { resources: items } = await database.container(def.id).items.readAll().fetchAll();
      for (const item of items) for (const f of SYSTEM_FIELDS) delete (item as Record<string, unknown>)[f];
      containers.push({ id: def.id, partitionKey: def.partitionKey, defaultTtl: def.defaultTtl, items });
    }
    snapshot.databases.push({ id: db.id, containers });
  }
  return snapshot;
}

async function restore(client: CosmosClient, snapshot: Snapshot): Promise<number> {
  let count = 0;
  for (const db of snapshot.databases) {
    const { database } = await client.databases.createIfNotExists({ id: db.id });
    for (const c of db.containers) {
      const { container } = await database.containers.createIfNotExists({
        id: c.id,
        partitionKey: c.partitionKey as never,
        defaultTtl: c.defaultTtl,
      });
      for (let i = 0; i < c.items.length; i += 50) {
        await Promise.all(c.items.slice(i, i + 50).map((item) => container.items.upsert(item)));
      }
      count += c.items.length;
    }
  }
  return count;
}

export async function startEmbeddedCosmos(options: {
  port: number;
  snapshotFile?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedCosmos> {
  const log = options.log ?? (() => {});
  const server: http.Server = createHttpServer({ keepAlive: true });
  let dirty = false;
  server.on("request", (req: http.IncomingMessage) => {
    const isQuery = req.headers["x-ms-documentdb-isquery"] !== undefined;
    if (req.method === "PUT" || req.method === "DELETE" || req.method === "PATCH" || (req.method === "POST" && !isQuery)) dirty = true;
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);

  if (options.snapshotFile && fs.existsSync(options.snapshotFile)) {
    const count = await restore(client, JSON.parse(fs.readFileSync(options.snapshotFile, "utf8")) as Snapshot);
    log(`embedded Cosmos DB: restored ${count} documents from ${options.snapshotFile}`);
  }
  dirty = false;

  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    const file = options.snapshotFile;
    if (!file) return Promise.resolve();
    saving = saving.then(async () => {
      dirty = false;
      const snapshot = await dump(client);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(snapshot));
      fs.renameSync(tmp, file);
    });
    return saving.catch((err) => log(`embedded Cosmos DB: snapshot failed: ${(err as Error).message}`));
  };
  const timer = setInterval(() => {
    if (dirty) void save();
  }, 5000);
  timer.unref();

  return {
    endpoint,
    port,
    save,
    async stop() {
      clearInterval(timer);
      if (dirty) await save();
      await saving.catch(() => undefined);
      client.dispose();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
