/**
 * GET /privacy/exports and /privacy/erasures (issue 30): the back office's past requests, newest first, a page
 * at a time with a continuation token, optionally of one status; each item is the GET-by-id status without an
 * export's document. Other channels get 403; a bad limit, status or token is a 400 naming it. The jobs live in
 * the memory twin of the Cosmos store (the kit has no privacy deps of its own).
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Api, fieldsOf } from "../support/fixtures.js";
import { startInProcess, type InProcessStack } from "../support/in-process.js";
import { MemoryPrivacyJobs } from "../support/memory/privacy-jobs.js";
import type { JobKind, JobStatus, PrivacyJob } from "../../shared/privacy/jobs.js";
import type { PrivacyStores } from "../../shared/privacy/ports.js";
import { subjectKeyer } from "../../shared/privacy/subject-keys.js";

const PERSON = { name: "Ingrid Listesen", email: "ingrid.listesen@example.com" };
const BASE = Date.parse("2021-03-01T12:00:00Z");
const FAR = "2999-01-01T00:00:00.000Z";

let stack: InProcessStack;
let api: Api;
const jobs = new MemoryPrivacyJobs();
beforeAll(async () => {
  stack = await startInProcess({
    deps: (d) => ({
      privacy: {
        keyer: subjectKeyer("endpoint-test"),
        jobs,
        // The list and the start touch no store; a call here would be a test's mistake.
        stores: new Proxy({} as PrivacyStores, {
          get: () => () => Promise.reject(new Error("no privacy stores in this test")),
        }),
        config: { retentionDays: 730, retentionDaysCancelled: 30, exportRetentionHours: 72 },
        outbox: d.eventLog,
      },
    }),
  });
  api = new Api(stack);
});
afterAll(async () => stack?.stop());
beforeEach(() => jobs.docs.clear());

/** A job made `minutes` after BASE (distinct times: the order is the test's, not the clock's). */
async function seed(kind: JobKind, minutes: number, over: Partial<PrivacyJob> = {}): Promise<PrivacyJob> {
  const at = new Date(BASE + minutes * 60_000).toISOString();
  const job: PrivacyJob = {
    id: randomUUID(),
    kind,
    status: "NotStarted",
    requestedBy: "email",
    subjects: ["subject-key"],
    actor: { channel: "Backoffice", tenantId: "tenant", clientId: "client", userId: "user-1" },
    reason: kind === "erasure" ? "Case 1" : null,
    createdAt: at,
    lastActionAt: at,
    meetingIds: [],
    steps: {},
    leaseUntil: null,
    error: null,
    expiresAt: kind === "export" ? FAR : null,
    ...over,
  };
  await jobs.create(job);
  return job;
}

const ids = (body: { items: { id: string }[] }) => body.items.map((o) => o.id);

describe("GET /privacy/exports and /privacy/erasures", () => {
  it("the back office sees each kind newest first, as GET by id shows it", async () => {
    const exports = [await seed("export", 1), await seed("export", 3), await seed("export", 2)];
    const erasures = [
      await seed("erasure", 5, { meetingIds: ["m-1", "m-2"], steps: { meetings: { done: true, count: 2 } } }),
      await seed("erasure", 4),
    ];
    const listedExports = await api.get("/privacy/exports");
    expect(listedExports.status).toBe(200);
    expect(ids(listedExports.body)).toEqual([exports[1].id, exports[2].id, exports[0].id]);
    expect(listedExports.body.continuationToken).toBeNull();
    const listedErasures = await api.get("/privacy/erasures");
    expect(listedErasures.status).toBe(200);
    expect(ids(listedErasures.body)).toEqual([erasures[0].id, erasures[1].id]);
    expect(listedErasures.body.items[0]).toMatchObject({
      kind: "erasure",
      status: "NotStarted",
      identifiedBy: "email",
      meetings: 2,
      stores: { meetings: { done: true, count: 2 } },
      requestedBy: { channel: "Backoffice", clientId: "client", userId: "user-1" },
    });
    for (const [kind, body] of [
      ["exports", listedExports.body],
      ["erasures", listedErasures.body],
    ] as const)
      for (const item of body.items) expect(item).toEqual((await api.get(`/privacy/${kind}/${item.id}`)).body);
  });

  it("a request started through the API is listed first, with who asked", async () => {
    await seed("export", 1);
    const started = await api.post("/privacy/exports", { email: PERSON.email });
    expect(started.status).toBe(202);
    const listed = await api.get("/privacy/exports");
    expect(listed.body.items[0]).toEqual(started.body);
    expect(listed.body.items[0].requestedBy).toMatchObject({ channel: "Backoffice" });
    expect(listed.text).not.toContain(PERSON.email);
  });

  it("paging with the token returns every item once, newest first", async () => {
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await seed("export", i));
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${token ? `&continuationToken=${encodeURIComponent(token)}` : ""}`;
      const page = await api.get(`/privacy/exports${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page.body));
      token = page.body.continuationToken;
      pages++;
    } while (token && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(made.map((j) => j.id).reverse());
  });

  it("status filters (in any letter case), and expired exports are gone from the list as from GET by id", async () => {
    const statuses: JobStatus[] = ["Succeeded", "Running", "Succeeded", "Canceled"];
    const made = [];
    for (const [i, status] of statuses.entries()) made.push(await seed("export", i, { status }));
    await seed("export", 9, { status: "Succeeded", expiresAt: "2000-01-01T00:00:00.000Z" });
    const succeeded = await api.get("/privacy/exports?status=succeeded");
    expect(succeeded.status).toBe(200);
    expect(ids(succeeded.body)).toEqual([made[2].id, made[0].id]);
    expect(succeeded.body.items.every((o: { status: string }) => o.status === "Succeeded")).toBe(true);
    expect(ids((await api.get("/privacy/exports?status=Running")).body)).toEqual([made[1].id]);
    expect(ids((await api.get("/privacy/exports?status=Failed")).body)).toEqual([]);
    expect((await api.get("/privacy/exports")).body.items).toHaveLength(4);
  });

  it("an export's document is not in the list (its meeting count is); GET by id gives it", async () => {
    const result = {
      schema: "bookme.personal-data-export/1",
      meetings: [{ title: `Pension with ${PERSON.name}`, attendees: [PERSON] }, {}],
    };
    const job = await seed("export", 1, { status: "Succeeded", result });
    const listed = await api.get("/privacy/exports");
    expect(listed.body.items[0]).toMatchObject({ id: job.id, status: "Succeeded", meetings: 2 });
    expect(listed.body.items[0]).not.toHaveProperty("result");
    expect(listed.text).not.toContain(PERSON.email);
    expect(listed.text).not.toContain(PERSON.name);
    const got = await api.get(`/privacy/exports/${job.id}`);
    expect(got.body.result).toEqual(result);
    const { result: _document, ...rest } = got.body;
    expect(listed.body.items[0]).toEqual(rest);
  });

  it("a caller on another channel gets 403 problem+json on both lists", async () => {
    await seed("export", 1);
    const portalClient = randomUUID();
    expect(
      (await api.put(`/config/clients/${portalClient}`, { name: "Partner portal", channel: "Portal", portalId: randomUUID() })).status,
    ).toBe(201);
    const headers = await stack.headers({ clientId: portalClient });
    for (const kind of ["exports", "erasures"]) {
      const res = await api.get(`/privacy/${kind}`, { headers });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.code).toBe("channel_not_allowed");
      expect(res.text).not.toContain("items");
    }
  });

  it("a bad limit, status or continuation token is a 400 problem+json naming it", async () => {
    await seed("export", 1);
    for (const limit of ["0", "abc", "1000", "2.5"]) {
      const res = await api.get(`/privacy/erasures?limit=${limit}`);
      expect(res.status, `limit=${limit}`).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(fieldsOf(res.body)).toEqual(["limit"]);
    }
    const status = await api.get("/privacy/exports?status=Done");
    expect(status.status).toBe(400);
    expect(fieldsOf(status.body)).toEqual(["status"]);
    const token = await api.get("/privacy/exports?continuationToken=not-ours");
    expect(token.status).toBe(400);
    expect(fieldsOf(token.body)).toEqual(["continuationToken"]);
  });
});
