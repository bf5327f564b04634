/**
 * The directory's incremental list refresh (shared/adapters/cosmos/directory-repository.ts) against the
 * embedded Cosmos server, with two repositories on their own clients as two host instances: a change
 * through one is seen by the other's next list() through a delta query (only the changed documents), a
 * delete through a full refetch, a write that bypasses the repository after the backstop ages.
 */
import { CosmosClient, type Container, type FeedOptions, type SqlQuerySpec } from "@azure/cosmos";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EMULATOR_KEY, startEmbeddedCosmos, type EmbeddedCosmos } from "../../dev/cosmos-server.js";
import { freePort } from "../../dev/ports.js";
import { EmployeeBody } from "../../shared/directory/directory.js";
import { CosmosDirectoryRepository, LIST_MAX_AGE_MS, FULL_REFRESH_MS } from "../../shared/adapters/cosmos/directory-repository.js";

let cosmos: EmbeddedCosmos;
let run = 0;

const employee = (id: string, name = `Advisor ${id}`) => ({
  id,
  ...EmployeeBody.parse({ name, email: `${id}@bank.example`, timeZone: "Europe/Copenhagen", meetingTypes: ["Online"] }),
});

/** A host instance: its own client and container, the queries it ran and the documents each returned. */
async function host(database: string) {
  const client = new CosmosClient({ endpoint: cosmos.endpoint, key: EMULATOR_KEY, connectionPolicy: { enableEndpointDiscovery: false } });
  const container = client.database(database).container("directory");
  const queries: { delta: boolean; ids: string[] }[] = [];
  const query = container.items.query.bind(container.items);
  container.items.query = ((spec: SqlQuerySpec, options?: FeedOptions) => {
    const iterator = query(spec, options);
    const fetchAll = iterator.fetchAll.bind(iterator);
    iterator.fetchAll = async () => {
      const response = await fetchAll();
      queries.push({ delta: spec.query.includes("_ts"), ids: response.resources.map((d: { id: string }) => d.id) });
      return response;
    };
    return iterator;
  }) as Container["items"]["query"];
  let clock = 1_000_000;
  const repo = new CosmosDirectoryRepository(container, { now: () => clock });
  return {
    client,
    container,
    repo,
    queries,
    advance: (ms: number) => (clock += ms),
    ids: async () => (await repo.list("employee")).map((e) => e.id),
  };
}

describe("directory list: incremental refresh across host instances", () => {
  let database: string;
  let a: Awaited<ReturnType<typeof host>>;
  let b: Awaited<ReturnType<typeof host>>;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({ port: await freePort() });
  });
  afterAll(async () => {
    await cosmos?.stop();
  });
  beforeEach(async () => {
    database = `directory-${++run}`;
    a = await host(database);
    const { database: db } = await a.client.databases.createIfNotExists({ id: database });
    await db.containers.createIfNotExists({ id: "directory", partitionKey: { paths: ["/kind"] } });
    b = await host(database);
    // Written 300, 200 and 100 s ago (the in-process server stamps _ts from Date.now).
    const realNow = Date.now.bind(Date);
    for (const [id, ago] of [
      ["e3", 200],
      ["e1", 300],
      ["e5", 100],
    ] as const) {
      const spy = vi.spyOn(Date, "now").mockImplementation(() => realNow() - ago * 1000);
      await a.repo.put("employee", employee(id));
      spy.mockRestore();
    }
    expect(await b.ids()).toEqual(["e1", "e3", "e5"]);
    expect(b.queries).toEqual([{ delta: false, ids: expect.arrayContaining(["e1", "e3", "e5"]) }]);
    b.queries.length = 0;
  });

  it("a put by another instance is seen by the next list through a delta query that returns only recent documents", async () => {
    await a.repo.put("employee", employee("e2"));
    await a.repo.put("employee", employee("e5", "Renamed"));
    const list = await b.repo.list("employee");
    expect(list.map((e) => e.id)).toEqual(["e1", "e2", "e3", "e5"]);
    expect(list.find((e) => e.id === "e5")?.name).toBe("Renamed");
    // Since the newest document b had seen (e5, 100 s ago) minus the margin: not e1 and e3.
    expect(b.queries).toEqual([{ delta: true, ids: expect.arrayContaining(["e2", "e5"]) }]);
    expect(b.queries[0].ids).toHaveLength(2);
    // Unchanged version, within the max age: no query.
    await b.repo.list("employee");
    expect(b.queries).toHaveLength(1);
    // The next delta starts from e2's and e5's _ts (now): only what changed since, merged in order.
    await a.repo.put("employee", employee("e4"));
    expect(await b.ids()).toEqual(["e1", "e2", "e3", "e4", "e5"]);
    expect(b.queries[1].delta).toBe(true);
    expect(b.queries[1].ids).toContain("e4");
    expect(b.queries[1].ids).not.toContain("e1");
    expect(b.queries[1].ids).not.toContain("e3");
  });

  it("a delete by another instance disappears from the list through a full refetch", async () => {
    expect(await a.repo.delete("employee", "e3")).toBe(true);
    expect(await b.ids()).toEqual(["e1", "e5"]);
    expect(b.queries).toEqual([{ delta: false, ids: expect.arrayContaining(["e1", "e5"]) }]);
    // The next change without a delete is a delta again.
    await a.repo.put("employee", employee("e0"));
    expect(await b.ids()).toEqual(["e0", "e1", "e5"]);
    expect(b.queries.map((q) => q.delta)).toEqual([false, true]);
  });

  it("a write that bypasses the repository is seen after the backstop age through a delta query", async () => {
    await a.container.items.upsert({ ...employee("e9"), kind: "employee" });
    await a.container.items.upsert({ ...employee("e0"), kind: "employee" });
    expect(await b.ids()).toEqual(["e1", "e3", "e5"]); // no version change: the cached list
    expect(b.queries).toHaveLength(0);
    b.advance(LIST_MAX_AGE_MS);
    expect(await b.ids()).toEqual(["e0", "e1", "e3", "e5", "e9"]);
    expect(b.queries.map((q) => q.delta)).toEqual([true]);
  });

  it("a delete that bypasses the repository is seen after the full-refresh age", async () => {
    await a.container.item("e1", "employee").delete();
    b.advance(LIST_MAX_AGE_MS);
    expect(await b.ids()).toEqual(["e1", "e3", "e5"]); // a delta cannot see it
    b.advance(FULL_REFRESH_MS);
    expect(await b.ids()).toEqual(["e3", "e5"]);
    expect(b.queries.map((q) => q.delta)).toEqual([true, false]);
  });
});
