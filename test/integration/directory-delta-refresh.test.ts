/**
 * The directory's incremental list refresh (shared/adapters/cosmos/directory-repository.ts) against the
 * embedded Cosmos server, with two repositories on their own clients as two host instances: a change
 * through one is seen by the other's next list() through a delta query (only the changed documents), a
 * delete through the deletions document's entries (no full refetch unless more deletes were missed than
 * it keeps), a write that bypasses the repository after the backstop ages.
 */
import { CosmosClient, type Container, type FeedOptions, type SqlQuerySpec } from "@azure/cosmos";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { EMULATOR_KEY, startEmbeddedCosmos, type EmbeddedCosmos } from "../../dev/cosmos-server.js";
import { freePort } from "../../dev/ports.js";
import { EmployeeBody } from "../../shared/directory/directory.js";
import {
  CosmosDirectoryRepository,
  LIST_MAX_AGE_MS,
  FULL_REFRESH_MS,
  type DirectoryCacheOptions,
} from "../../shared/adapters/cosmos/directory-repository.js";
import { deletionKeyOf, DELETIONS_DOC, type DeletionEntry } from "../../shared/adapters/cosmos/directory-deletions.js";

let cosmos: EmbeddedCosmos;
let run = 0;

const employee = (id: string, name = `Advisor ${id}`) => ({
  id,
  ...EmployeeBody.parse({ name, email: `${id}@bank.example`, timeZone: "Europe/Copenhagen", meetingTypes: ["Online"] }),
});

/** Hooks a test sets: before a query runs, before a write of the deletions document. */
interface Hooks {
  beforeQuery?: () => Promise<void>;
  beforeDeletionsWrite?: () => Promise<void>;
}

/** Wraps the writes of the deletions document (create, replace) to count them and run the hook first. */
function watchDeletionsWrites(container: Container, hooks: Hooks, writes: number[]) {
  const wrap = <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    (async (...args: A) => {
      await hooks.beforeDeletionsWrite?.();
      try {
        const result = await write(...args);
        writes.push(200);
        return result;
      } catch (err) {
        writes.push((err as { code?: number }).code ?? 0);
        throw err;
      }
    }) as typeof write;
  const create = container.items.create.bind(container.items);
  container.items.create = ((body: { id?: string }, options?: unknown) =>
    body.id === DELETIONS_DOC.id ? wrap(create)(body, options as never) : create(body, options as never)) as Container["items"]["create"];
  const item = container.item.bind(container);
  container.item = (id, partitionKey) => {
    const it = item(id, partitionKey);
    if (id === DELETIONS_DOC.id) it.replace = wrap(it.replace.bind(it));
    return it;
  };
}

/** A host instance: its own client and container, the queries it ran and the documents each returned. */
async function host(database: string, options: DirectoryCacheOptions = {}) {
  const client = new CosmosClient({ endpoint: cosmos.endpoint, key: EMULATOR_KEY, connectionPolicy: { enableEndpointDiscovery: false } });
  const container = client.database(database).container("directory");
  const queries: { delta: boolean; ids: string[] }[] = [];
  const hooks: Hooks = {};
  const deletionsWrites: number[] = [];
  watchDeletionsWrites(container, hooks, deletionsWrites);
  const query = container.items.query.bind(container.items);
  container.items.query = ((spec: SqlQuerySpec, feedOptions?: FeedOptions) => {
    const iterator = query(spec, feedOptions);
    const fetchAll = iterator.fetchAll.bind(iterator);
    iterator.fetchAll = async () => {
      const before = hooks.beforeQuery;
      hooks.beforeQuery = undefined;
      await before?.();
      const response = await fetchAll();
      queries.push({ delta: spec.query.includes("_ts"), ids: response.resources.map((d: { id: string }) => d.id) });
      return response;
    };
    return iterator;
  }) as Container["items"]["query"];
  let clock = 1_000_000;
  const repo = new CosmosDirectoryRepository(container, { now: () => clock, ...options });
  return {
    client,
    container,
    repo,
    queries,
    hooks,
    deletionsWrites,
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

  const deletions = async () =>
    (await a.container.item(DELETIONS_DOC.id, DELETIONS_DOC.kind).read<{ seq: number; entries: DeletionEntry[] }>()).resource!;

  it("a delete by another instance disappears from the list through a delta query, without a full refetch", async () => {
    expect(await a.repo.delete("employee", "e3")).toBe(true);
    expect(await a.repo.delete("employee", "e3")).toBe(false);
    const doc = await deletions();
    expect(doc.seq).toBe(1);
    expect(doc.entries).toEqual([{ seq: 1, key: deletionKeyOf("employee", "e3"), ts: expect.any(Number), etag: expect.any(String) }]);
    // No id outlives its document (a customer-advisor relation's id is a customer's).
    expect(JSON.stringify(doc)).not.toContain('"e3"');
    // b holds e1's first version; the delete names a later one.
    await a.repo.put("employee", employee("e1", "Renamed"));
    expect(await a.repo.delete("employee", "e1")).toBe(true);
    expect(await b.ids()).toEqual(["e5"]);
    expect(b.queries).toEqual([{ delta: true, ids: ["e5"] }]);
    // The next change without a delete is a delta too, and the deletes stay applied.
    await a.repo.put("employee", employee("e0"));
    expect(await b.ids()).toEqual(["e0", "e5"]);
    expect(b.queries.map((q) => q.delta)).toEqual([true, true]);
  });

  it("a delete then a put of the same id by another instance leaves the re-created document in the list", async () => {
    await a.repo.delete("employee", "e3");
    await a.repo.put("employee", employee("e3", "Re-created"));
    const list = await b.repo.list("employee");
    expect(list.map((e) => e.id)).toEqual(["e1", "e3", "e5"]);
    expect(list.find((e) => e.id === "e3")?.name).toBe("Re-created");
    expect(b.queries).toEqual([{ delta: true, ids: expect.arrayContaining(["e3", "e5"]) }]);
    await a.repo.put("employee", employee("e0"));
    expect(await b.ids()).toEqual(["e0", "e1", "e3", "e5"]);
  });

  it("a delete and re-create between an instance's deletions read and its query: the copy newer than the delete stays", async () => {
    await a.repo.put("employee", employee("e0"));
    b.hooks.beforeQuery = async () => {
      await a.repo.delete("employee", "e3");
      await a.repo.put("employee", employee("e3", "Re-created"));
    };
    // b read the deletions document before the delete; its query returns the re-created e3.
    expect(await b.ids()).toEqual(["e0", "e1", "e3", "e5"]);
    // The next list applies the delete (of the version 200 s old) to a copy written after it: kept.
    const list = await b.repo.list("employee");
    expect(list.map((e) => e.id)).toEqual(["e0", "e1", "e3", "e5"]);
    expect(list.find((e) => e.id === "e3")?.name).toBe("Re-created");
    expect(b.queries.map((q) => q.delta)).toEqual([true, true]);
  });

  it("versions of the same second are told apart by a point read", async () => {
    const realNow = Date.now.bind(Date);
    const start = realNow();
    const second = start - (start % 1000);
    const spy = vi.spyOn(Date, "now").mockImplementation(() => second + Math.min(999, realNow() - second));
    try {
      // b holds e7's first version; e7 is rewritten and deleted within the second: the delete names the second version.
      await a.repo.put("employee", employee("e7"));
      expect(await b.ids()).toContain("e7");
      await a.repo.put("employee", employee("e7", "Second"));
      await a.repo.delete("employee", "e7");
      // e8 is deleted and re-created within the second, between b's deletions read and its query.
      await a.repo.put("employee", employee("e8"));
      b.hooks.beforeQuery = async () => {
        await a.repo.delete("employee", "e8");
        await a.repo.put("employee", employee("e8", "Re-created"));
      };
      expect(await b.ids()).toEqual(["e1", "e3", "e5", "e8"]);
      await a.repo.put("employee", employee("e0"));
      const list = await b.repo.list("employee");
      expect(list.map((e) => e.id)).toEqual(["e0", "e1", "e3", "e5", "e8"]);
      expect(list.find((e) => e.id === "e8")?.name).toBe("Re-created");
    } finally {
      spy.mockRestore();
    }
    expect(b.queries.every((q) => q.delta)).toBe(true);
  });

  it("two instances deleting at once (the first creating the document, then replacing it) both end up in the deletions document", async () => {
    await a.repo.put("employee", employee("e2"));
    await a.repo.put("employee", employee("e4"));
    // A third instance fills its list before the deletes.
    const c = await host(database);
    expect(await c.ids()).toEqual(["e1", "e2", "e3", "e4", "e5"]);
    c.queries.length = 0;
    for (const [first, second] of [
      ["e1", "e3"],
      ["e2", "e4"],
    ]) {
      // Both read the deletions document before either writes it.
      let arrived = 0;
      let release!: () => void;
      const both = new Promise<void>((r) => (release = r));
      const barrier = async () => {
        if (++arrived === 2) release();
        if (arrived <= 2) await both;
      };
      a.hooks.beforeDeletionsWrite = barrier;
      b.hooks.beforeDeletionsWrite = barrier;
      expect(await Promise.all([a.repo.delete("employee", first), b.repo.delete("employee", second)])).toEqual([true, true]);
    }
    // Each round: one write lost (409 on the create, 412 on the replace) and was retried.
    expect([...a.deletionsWrites, ...b.deletionsWrites].sort()).toEqual([200, 200, 200, 200, 409, 412]);
    const doc = await deletions();
    expect(doc.seq).toBe(4);
    expect(doc.entries.map((e) => e.key).sort()).toEqual(["e1", "e2", "e3", "e4"].map((id) => deletionKeyOf("employee", id)).sort());
    expect(doc.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    // It removes all four through a delta, as does b.
    expect(await c.ids()).toEqual(["e5"]);
    expect(c.queries.map((q) => q.delta)).toEqual([true]);
    expect(await b.ids()).toEqual(["e5"]);
    expect(b.queries.map((q) => q.delta)).toEqual([true]);
  });

  it("an instance that missed more deletes than the document keeps refetches in full; one that missed as many applies them", async () => {
    const kept = await host(database, { keptDeletions: 2 });
    await kept.repo.put("employee", employee("e2"));
    await kept.repo.put("employee", employee("e4"));
    expect(await b.ids()).toEqual(["e1", "e2", "e3", "e4", "e5"]);
    for (const id of ["e1", "e2", "e3"]) await kept.repo.delete("employee", id);
    expect((await deletions()).entries.map((e) => e.key)).toEqual(["e2", "e3"].map((id) => deletionKeyOf("employee", id)));
    expect(await b.ids()).toEqual(["e4", "e5"]);
    expect(b.queries.map((q) => q.delta)).toEqual([true, false]);
    await kept.repo.put("employee", employee("e6"));
    await kept.repo.delete("employee", "e4");
    await kept.repo.delete("employee", "e6");
    expect(await b.ids()).toEqual(["e5"]);
    expect(b.queries.map((q) => q.delta)).toEqual([true, false, true]);
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
