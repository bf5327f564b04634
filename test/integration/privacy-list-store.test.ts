/**
 * The Cosmos privacy job store's list (GET /privacy/exports and /privacy/erasures) on the embedded Cosmos
 * server: one kind, newest first, paged by the query's continuation token with every job once, a status
 * filter, expired exports left out, and rows without the subject keys or an export's document.
 */
import { randomUUID } from "node:crypto";
import { CosmosClient, type Container } from "@azure/cosmos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_KEY, startEmbeddedCosmos, type EmbeddedCosmos } from "../../dev/cosmos-server.js";
import { freePort } from "../../dev/ports.js";
import { CosmosPrivacyJobStore } from "../../shared/adapters/cosmos/privacy-jobs-store.js";
import type { JobKind, PrivacyJob } from "../../shared/privacy/jobs.js";

const BASE = Date.parse("2021-03-01T12:00:00Z");
const NOW = "2021-06-01T00:00:00.000Z";

let cosmos: EmbeddedCosmos;
let container: Container;
let store: CosmosPrivacyJobStore;
beforeAll(async () => {
  cosmos = await startEmbeddedCosmos({ port: await freePort() });
  const client = new CosmosClient({ endpoint: cosmos.endpoint, key: EMULATOR_KEY, connectionPolicy: { enableEndpointDiscovery: false } });
  const { database } = await client.databases.createIfNotExists({ id: "bookme" });
  ({ container } = await database.containers.createIfNotExists({ id: "privacy", partitionKey: { paths: ["/id"] } }));
  store = new CosmosPrivacyJobStore(container);
});
afterAll(async () => cosmos?.stop());

async function seed(kind: JobKind, minutes: number, over: Partial<PrivacyJob> = {}): Promise<PrivacyJob> {
  const at = new Date(BASE + minutes * 60_000).toISOString();
  const job: PrivacyJob = {
    id: randomUUID(),
    kind,
    status: "Succeeded",
    requestedBy: "phone",
    subjects: ["secret-subject-key"],
    actor: { channel: "Backoffice", tenantId: "t", clientId: "c" },
    reason: null,
    createdAt: at,
    lastActionAt: at,
    meetingIds: kind === "erasure" ? ["m-1"] : [],
    steps: {},
    leaseUntil: null,
    error: null,
    expiresAt: kind === "export" ? "2021-12-01T00:00:00.000Z" : null,
    ...(kind === "export" ? { result: { meetings: [{ title: "the person's meeting" }, {}, {}] } } : {}),
    ...over,
  };
  await store.create(job);
  return job;
}

describe("CosmosPrivacyJobStore.list", () => {
  it("pages one kind newest first with every job once; status filter; expired exports left out; no keys, no document", async () => {
    const exports = [];
    for (let i = 0; i < 5; i++) exports.push(await seed("export", i, { status: i === 2 ? "Running" : "Succeeded" }));
    await seed("export", 9, { expiresAt: "2021-05-01T00:00:00.000Z" });
    const erasure = await seed("erasure", 7);

    const seen: PrivacyJob["id"][] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.list("export", { nowIso: NOW }, 2, token);
      for (const item of page.items) {
        expect(item).not.toHaveProperty("result");
        expect(item).not.toHaveProperty("subjects");
        expect(item.meetings).toBe(3);
      }
      seen.push(...page.items.map((j) => j.id));
      token = page.continuationToken;
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual(exports.map((j) => j.id).reverse());

    const running = await store.list("export", { status: "Running", nowIso: NOW }, 10);
    expect(running.items.map((j) => j.id)).toEqual([exports[2].id]);
    const erasures = await store.list("erasure", { nowIso: NOW }, 10);
    expect(erasures.items).toEqual([
      {
        id: erasure.id,
        kind: "erasure",
        status: "Succeeded",
        requestedBy: "phone",
        actor: erasure.actor,
        createdAt: erasure.createdAt,
        lastActionAt: erasure.lastActionAt,
        steps: {},
        error: null,
        expiresAt: null,
        meetings: 1,
      },
    ]);
    await expect(store.list("export", { nowIso: NOW }, 2, "not-ours")).rejects.toMatchObject({ code: "validation_failed" });
  });
});
