/**
 * Two processes starting at once (a host beside a test's own client) both create the database and
 * its containers: createIfNotExists reads, then creates, so one of them meets the other's create as
 * a 409. ensureContainers takes that as "exists" and reads it: every caller gets the containers.
 */
import { CosmosClient } from "@azure/cosmos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_KEY, startEmbeddedCosmos, type EmbeddedCosmos } from "../../dev/cosmos-server.js";
import { freePort } from "../../dev/ports.js";
import { ensureContainers } from "../../shared/adapters/cosmos/cosmos.js";

let cosmos: EmbeddedCosmos;
beforeAll(async () => {
  cosmos = await startEmbeddedCosmos({ port: await freePort() });
});
afterAll(async () => cosmos?.stop());

describe("ensureContainers", () => {
  it("eight clients creating one new database at once all get every container", async () => {
    const clients = Array.from(
      { length: 8 },
      () => new CosmosClient({ endpoint: cosmos.endpoint, key: EMULATOR_KEY, connectionPolicy: { enableEndpointDiscovery: false } }),
    );
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled(clients.map((c) => ensureContainers(c, `race-${round}`)));
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(clients.map(() => "ok"));
      const names = Object.keys((results[0] as PromiseFulfilledResult<Record<string, unknown>>).value).sort();
      const { resources } = await clients[0].database(`race-${round}`).containers.readAll().fetchAll();
      expect(resources.map((r) => r.id).sort()).toEqual(names);
    }
  });
});
