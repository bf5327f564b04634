/**
 * The directory's list refetch (shared/adapters/cosmos/directory-repository.ts): requests that find a
 * kind's list stale while it is being refetched at the same version share one query; a new version
 * gets a query of its own.
 */
import type { Container } from "@azure/cosmos";
import { describe, expect, it } from "vitest";
import { CosmosDirectoryRepository } from "../../../shared/adapters/cosmos/directory-repository.js";

const employee = (id: string) => ({
  id,
  kind: "employee",
  _etag: `"${id}"`,
  name: `Advisor ${id}`,
  email: `${id}@bank.example`,
  timeZone: "Europe/Copenhagen",
  workingHours: [],
  meetingTypes: ["Online"],
  locations: [],
});

/**
 * A container whose version document has `version()` as its ETag (the deletions document too unless
 * `deletions` is given) and whose queries take a moment.
 */
function fakeContainer(version: () => string, deletions?: () => string) {
  let queries = 0;
  const texts: string[] = [];
  const container = {
    item: (id: string) => ({ read: async () => ({ etag: id === "directory-deletions" && deletions ? deletions() : version() }) }),
    items: {
      query: (spec: { query: string }) => ({
        fetchAll: async () => {
          queries++;
          texts.push(spec.query);
          await new Promise((r) => setTimeout(r, 20));
          return { resources: [employee("b"), employee("a")] };
        },
      }),
    },
  };
  return { container: container as unknown as Container, queries: () => queries, texts };
}

describe("directory list refetch", () => {
  it("concurrent lists at one version share one query", async () => {
    const fake = fakeContainer(() => "v1");
    const repo = new CosmosDirectoryRepository(fake.container);
    const lists = await Promise.all(Array.from({ length: 10 }, () => repo.list("employee")));
    expect(fake.queries()).toBe(1);
    for (const l of lists) expect(l.map((e) => e.id)).toEqual(["a", "b"]);
    lists[0].pop(); // each caller gets its own array
    expect(lists[1]).toHaveLength(2);
  });

  it("a new version is fetched by a query of its own", async () => {
    let version = "v1";
    const fake = fakeContainer(() => version);
    const repo = new CosmosDirectoryRepository(fake.container);
    await repo.list("employee");
    version = "v2";
    await Promise.all([repo.list("employee"), repo.list("employee")]);
    expect(fake.queries()).toBe(2);
    await repo.list("employee"); // cached at v2
    expect(fake.queries()).toBe(2);
  });

  it("a new version without a delete is refreshed by a delta query that waits for the refresh in flight", async () => {
    let version = "v1";
    const fake = fakeContainer(
      () => version,
      () => "d1",
    );
    const repo = new CosmosDirectoryRepository(fake.container);
    const first = repo.list("employee");
    await new Promise((r) => setTimeout(r, 5)); // the fill is in flight
    version = "v2";
    const second = await repo.list("employee");
    await first;
    expect(second.map((e) => e.id)).toEqual(["a", "b"]);
    expect(fake.texts).toHaveLength(2);
    expect(fake.texts[0]).not.toContain("_ts");
    expect(fake.texts[1]).toContain("c._ts >= @since");
  });
});
