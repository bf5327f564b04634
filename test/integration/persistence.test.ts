import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CosmosClient } from "@azure/cosmos";
import { afterAll, describe, expect, it } from "vitest";
import { EMULATOR_KEY, startEmbeddedCosmos } from "../../dev/cosmos-server.js";
import { freePort } from "../../dev/ports.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bookme-snapshot-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const client = (endpoint: string) =>
  new CosmosClient({ endpoint, key: EMULATOR_KEY, connectionPolicy: { enableEndpointDiscovery: false } });

describe("embedded Cosmos DB snapshot", () => {
  it("data written before a stop is there after a restart, with containers and partition keys", async () => {
    const snapshotFile = path.join(dir, "cosmos.json");
    const port = await freePort();
    const first = await startEmbeddedCosmos({ port, snapshotFile });
    const { database } = await client(first.endpoint).databases.createIfNotExists({ id: "bookme" });
    const { container } = await database.containers.createIfNotExists({ id: "meetings", partitionKey: { paths: ["/id"] } });
    await container.items.create({ id: "m1", title: "kept" });
    await first.stop();

    const second = await startEmbeddedCosmos({ port, snapshotFile });
    const c2 = client(second.endpoint).database("bookme").container("meetings");
    const { resource } = await c2.item("m1", "m1").read();
    expect(resource?.title).toBe("kept");
    const { resource: def } = await c2.read();
    expect(def?.partitionKey?.paths).toEqual(["/id"]);
    await second.stop();
  });

  it("without a snapshot file the server starts empty", async () => {
    const cosmos = await startEmbeddedCosmos({ port: await freePort() });
    const { resources } = await client(cosmos.endpoint).databases.readAll().fetchAll();
    expect(resources).toEqual([]);
    await cosmos.stop();
  });
});
