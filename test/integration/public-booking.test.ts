/** The public booking channel (/api/public/booking) and the page's files (/book) on the real stack, over HTTP without any key or token. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, createEmployee, createTopic, fieldsOf, type Json } from "../support/fixtures.js";
import { seedPageDirectory, type PageDirectory } from "../support/booking-page.js";
import { stackRepositories, startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let dir: PageDirectory;
let pub: string;

beforeAll(async () => {
  stack = await startStack();
  dir = await seedPageDirectory(new Api(stack));
  pub = `${stack.hosts[0].url}/api/public/booking`;
});
afterAll(async () => stack?.stop());

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  base = pub,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text,
    headers: res.headers,
  };
}

const choice = (branch: string, meetingType = "Physical") => ({
  topicId: dir.topicId,
  customerTypeId: dir.customerTypeId,
  meetingType,
  branch,
});
const availability = (branch: string, meetingType = "Physical", days = 3) =>
  call("GET", `/availability?${new URLSearchParams({ ...choice(branch, meetingType), days: String(days) })}`);
const hold = (branch: string, token: string, time: { start: string; end: string }, meetingType = "Physical") =>
  call("POST", "/reservations", { ...choice(branch, meetingType), token, ...time });
const details = { name: "Karen Blixen", email: "karen@example.com", phone: "+45 12 34 56 78" };

describe("choices", () => {
  it("customer types, topics for a customer type (hidden ones never), branches with rooms: no key, no token", async () => {
    const types = await call("GET", "/customer-types");
    expect(types.status).toBe(200);
    expect(types.body.map((t: Json) => t.id)).toEqual(expect.arrayContaining([dir.customerTypeId, dir.otherCustomerTypeId]));
    const topics = await call("GET", `/topics?customerTypeId=${dir.customerTypeId}`);
    expect(topics.body.map((t: Json) => t.name)).toContain(dir.topicName);
    expect(topics.body.map((t: Json) => t.name)).not.toContain(dir.otherTypeTopicName);
    expect(topics.body.map((t: Json) => t.id)).not.toContain(dir.hiddenTopicId);
    const branches = await call("GET", "/branches");
    expect(branches.body).toEqual(
      expect.arrayContaining([
        { name: dir.soloBranch, hasRooms: true },
        { name: dir.pairBranch, hasRooms: true },
      ]),
    );
  });

  it("refuses a hidden topic and a topic of another customer type, naming topicId", async () => {
    for (const topicId of [dir.hiddenTopicId]) {
      const res = await call("GET", `/availability?${new URLSearchParams({ ...choice(dir.soloBranch), topicId })}`);
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual(["topicId"]);
    }
    const wrongType = await call(
      "GET",
      `/availability?${new URLSearchParams({ ...choice(dir.soloBranch), customerTypeId: dir.otherCustomerTypeId })}`,
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0]).toMatchObject({ field: "topicId", rule: "customer_type" });
  });
});

describe("availability", () => {
  it("distinct times over a bounded window; days over 14 is a 400 naming days", async () => {
    const res = await availability(dir.pairBranch);
    expect(res.status).toBe(200);
    const starts = res.body.times.map((t: Json) => t.start);
    expect(starts.length).toBeGreaterThan(10);
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts.every((s: string) => s.endsWith("Z"))).toBe(true);
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(3 * 86_400_000);
    const tooLong = await call("GET", `/availability?${new URLSearchParams({ ...choice(dir.pairBranch), days: "15" })}`);
    expect(tooLong.status).toBe(400);
    expect(fieldsOf(tooLong.body)).toEqual(["days"]);
    expect(JSON.stringify(res.body)).not.toContain(dir.pairAdvisors[0]);
  });
});

describe("hold and book", () => {
  it("the same token replaces its hold; online, the preferred branch's two advisors come first (round-robin), then any qualified advisor, then slot_taken with alternatives", async () => {
    const times = (await availability(dir.pairBranch, "Online")).body.times;
    const [first, second] = [times[4], times[8]];
    const tokenA = randomUUID();
    const a1 = await hold(dir.pairBranch, tokenA, first, "Online");
    expect(a1.status).toBe(200);
    const a2 = await hold(dir.pairBranch, tokenA, second, "Online");
    expect(a2.status).toBe(200);
    expect(a2.body.reservationId).not.toBe(a1.body.reservationId);
    // first is free again for all three advisors: the two of the preferred branch go first, then the third (another branch).
    const b = await hold(dir.pairBranch, randomUUID(), first, "Online");
    const c = await hold(dir.pairBranch, randomUUID(), first, "Online");
    const d = await hold(dir.pairBranch, randomUUID(), first, "Online");
    expect([b.status, c.status, d.status]).toEqual([200, 200, 200]);
    const cosmos = await stackRepositories(stack);
    try {
      const holders = await Promise.all([b, c, d].map(async (r) => (await cosmos.reservations.get(r.body.reservationId))?.employeeId));
      expect(holders.slice(0, 2).sort()).toEqual([...dir.pairAdvisors].sort());
      expect(holders[2]).toBe(dir.soloAdvisor);
    } finally {
      cosmos.dispose();
    }
    const e = await hold(dir.pairBranch, randomUUID(), first, "Online");
    expect(e.status).toBe(409);
    expect(e.body.code).toBe("slot_taken");
    expect(e.body.alternatives.length).toBeGreaterThan(0);
    expect(e.body.alternatives.every((t: Json) => t.start !== first.start)).toBe(true);
    const freeNow = (await availability(dir.pairBranch, "Online")).body.times.map((t: Json) => t.start);
    expect(freeNow).not.toContain(first.start);
  });

  it("online with a preferred branch: holding the same time again with the same token extends the hold", async () => {
    const time = (await availability(dir.pairBranch, "Online")).body.times[30];
    const token = randomUUID();
    const first = await hold(dir.pairBranch, token, time, "Online");
    expect(first.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const again = await hold(dir.pairBranch, token, time, "Online");
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(Date.parse(again.body.expiresAt)).toBeGreaterThan(Date.parse(first.body.expiresAt));
  });

  it("holding the same time again with the same token extends the hold, with the same advisor", async () => {
    const time = (await availability(dir.soloBranch)).body.times[16];
    const token = randomUUID();
    const first = await hold(dir.soloBranch, token, time);
    expect(first.status).toBe(200);
    const again = await hold(dir.soloBranch, token, time);
    expect(again.status).toBe(200);
    expect(Date.parse(again.body.expiresAt)).toBeGreaterThanOrEqual(Date.parse(first.body.expiresAt));
    expect((await hold(dir.soloBranch, randomUUID(), time)).status).toBe(409);
    const booked = await call("POST", "/meetings", {
      ...choice(dir.soloBranch),
      token,
      reservationId: again.body.reservationId,
      ...details,
    });
    expect(booked.status).toBe(201);
    expect(
      (await call("POST", "/meetings", { ...choice(dir.soloBranch), token, reservationId: first.body.reservationId, ...details })).status,
    ).toBe(409);
  });

  it("a meeting at the branch needs one of its rooms: with one room, a second browser is refused even though another advisor is free", async () => {
    const time = (await availability(dir.pairBranch)).body.times[12];
    expect((await hold(dir.pairBranch, randomUUID(), time)).status).toBe(200);
    const second = await hold(dir.pairBranch, randomUUID(), time);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("slot_taken");
  });

  it("books a held time as Customer: the manage id and secret come back once; inline field errors name the fields", async () => {
    const time = (await availability(dir.soloBranch)).body.times[2];
    const token = randomUUID();
    const h = await hold(dir.soloBranch, token, time);
    expect(h.status).toBe(200);
    const bad = await call("POST", "/meetings", {
      ...choice(dir.soloBranch),
      token,
      reservationId: h.body.reservationId,
      name: "",
      email: "nope",
      phone: "12",
      cpr: "320190-1234",
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body).sort()).toEqual(["cpr", "email", "name", "phone"]);
    const wrongToken = await call("POST", "/meetings", {
      ...choice(dir.soloBranch),
      token: randomUUID(),
      reservationId: h.body.reservationId,
      ...details,
    });
    expect(wrongToken.status).toBe(409);
    expect(wrongToken.body.code).toBe("reservation_expired");
    const ok = await call("POST", "/meetings", {
      ...choice(dir.soloBranch),
      token,
      reservationId: h.body.reservationId,
      ...details,
      cpr: "010190-1234",
      notes: "About my pension",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.meeting).toMatchObject({
      status: "Booked",
      start: time.start,
      end: time.end,
      meetingType: "Physical",
      branch: dir.soloBranch,
      topicName: dir.topicName,
      advisorName: "Anna Jensen",
    });
    expect(ok.body.manage.id).toBe(ok.body.meeting.id);
    expect(JSON.stringify(ok.body)).not.toMatch(/0101901234|010190-1234|karen@example\.com/);
    const managed = await call("GET", `/manage/${ok.body.manage.id}`, undefined, { "bookme-manage-secret": ok.body.manage.secret });
    expect(managed.status).toBe(200);
    expect(JSON.stringify(managed.body)).not.toMatch(/0101901234|010190-1234|A256GCM|ciphertext|cpr/i);
    // The main API sees a meeting booked by the customer.
    const stored = await new Api(stack).get(`/meetings/${ok.body.meeting.id}`);
    expect(stored.body).toMatchObject({
      bookedBy: "Customer",
      employeeId: dir.soloAdvisor,
      topicId: dir.topicId,
      customerTypeId: dir.customerTypeId,
      hasCpr: true,
    });
    expect(JSON.stringify(stored.body)).not.toMatch(/0101901234|010190-1234|A256GCM/);
  });
});

describe("only what can be booked, the first free time, and a way out", () => {
  /**
   * Topic X: given at the pair's branch (meeting room, by phone) only by an advisor away for the whole
   * horizon, and online by an advisor of no branch.
   */
  let x: { topicId: string; remote: string };
  const DAY = 86_400_000;
  const xChoice = (meetingType: string, branch?: string) => ({
    topicId: x.topicId,
    customerTypeId: dir.customerTypeId,
    meetingType,
    ...(branch ? { branch } : {}),
  });
  const nextFree = (q: Record<string, string>) => call("GET", `/next-free?${new URLSearchParams(q)}`);

  beforeAll(async () => {
    const api = new Api(stack);
    const topicId = (await createTopic(api, { name: `Estate ${randomUUID().slice(0, 6)}`, customerTypeIds: [dir.customerTypeId] })).id;
    const now = Date.now();
    await createEmployee(api, {
      meetingTypes: ["Physical", "Telephone"],
      locations: [dir.pairBranch],
      topicIds: [topicId],
      customerTypeIds: [dir.customerTypeId],
      absences: [{ start: new Date(now - DAY).toISOString(), end: new Date(now + 200 * DAY).toISOString() }],
    });
    const remote = (await createEmployee(api, { meetingTypes: ["Online"], topicIds: [topicId], customerTypeIds: [dir.customerTypeId] })).id;
    x = { topicId, remote };
  });

  it("options: the ways to meet a qualified advisor offers, with the branches (a room for a meeting there); 400 for a topic not offered", async () => {
    const mine = await call("GET", `/options?customerTypeId=${dir.customerTypeId}&topicId=${dir.topicId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.meetingTypes.map((m: Json) => m.meetingType)).toEqual(["Physical", "Online", "Telephone"]);
    for (const m of mine.body.meetingTypes) expect(m.branches).toEqual(expect.arrayContaining([dir.soloBranch, dir.pairBranch]));
    const estate = await call("GET", `/options?customerTypeId=${dir.customerTypeId}&topicId=${x.topicId}`);
    expect(estate.body).toEqual({
      meetingTypes: [
        { meetingType: "Physical", branches: [dir.pairBranch] },
        { meetingType: "Online", branches: [] },
        { meetingType: "Telephone", branches: [dir.pairBranch] },
      ],
    });
    const wrongType = await call("GET", `/options?customerTypeId=${dir.otherCustomerTypeId}&topicId=${dir.topicId}`);
    expect(wrongType.status).toBe(400);
    expect(fieldsOf(wrongType.body)).toEqual(["topicId"]);
  });

  it("next-free: the first free time in one call, equal to the first time of the availability from then", async () => {
    const res = await nextFree(choice(dir.soloBranch));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reason: null, alternatives: [] });
    expect(Date.parse(res.body.horizonEnd) - Date.parse(res.body.from)).toBeLessThanOrEqual(90 * DAY);
    const times = (await availability(dir.soloBranch, "Physical", 7)).body.times;
    expect(res.body.next).toEqual(times[0]);
    const later = await nextFree({ ...choice(dir.soloBranch), from: new Date(Date.now() + 10 * DAY).toISOString() });
    expect(Date.parse(later.body.next.start)).toBeGreaterThanOrEqual(Date.now() + 10 * DAY - 60_000);
  });

  it("online and by phone need no branch (any qualified advisor); a meeting at a branch does (400 naming branch)", async () => {
    const online = await nextFree(xChoice("Online"));
    expect(online.status).toBe(200);
    expect(online.body.next).not.toBeNull();
    const times = (await call("GET", `/availability?${new URLSearchParams({ ...xChoice("Online"), days: "7" })}`)).body.times;
    expect(times.length).toBeGreaterThan(0);
    const token = randomUUID();
    const held = await call("POST", "/reservations", { ...xChoice("Online"), token, ...times[0] });
    expect(held.status).toBe(200);
    const booked = await call("POST", "/meetings", { ...xChoice("Online"), token, reservationId: held.body.reservationId, ...details });
    expect(booked.status).toBe(201);
    expect(booked.body.meeting).toMatchObject({ meetingType: "Online", branch: null });
    expect((await new Api(stack).get(`/meetings/${booked.body.meeting.id}`)).body.employeeId).toBe(x.remote);
    for (const path of ["/next-free", "/availability"]) {
      const noBranch = await call("GET", `${path}?${new URLSearchParams(xChoice("Physical"))}`);
      expect(noBranch.status, path).toBe(400);
      expect(fieldsOf(noBranch.body)).toEqual(["branch"]);
    }
  });

  it("nothing free in the horizon: why (fully booked, no advisor, no room) and the nearest alternatives; never a 5xx", async () => {
    const away = await nextFree(xChoice("Physical", dir.pairBranch));
    expect(away.status).toBe(200);
    expect(away.body).toMatchObject({ next: null, reason: "fully_booked" });
    expect(away.body.alternatives).toHaveLength(1);
    expect(away.body.alternatives[0]).toMatchObject({ meetingType: "Online", branch: null, start: expect.stringMatching(/Z$/) });
    expect((await nextFree(xChoice("Telephone"))).body).toMatchObject({ next: null, reason: "fully_booked" });
    expect((await nextFree(xChoice("Physical", dir.soloBranch))).body).toMatchObject({ next: null, reason: "no_advisor" });
    expect((await nextFree(xChoice("Physical", `Nowhere ${randomUUID().slice(0, 4)}`))).body).toMatchObject({
      next: null,
      reason: "no_room",
    });
  });

  it("past the 90-day horizon: no times, next-free says beyond_horizon and offers the same choice's first free time", async () => {
    const far = new Date(Date.now() + 95 * DAY).toISOString();
    const times = await call("GET", `/availability?${new URLSearchParams({ ...choice(dir.soloBranch), startDate: far, days: "7" })}`);
    expect(times.body.times).toEqual([]);
    const res = await nextFree({ ...choice(dir.soloBranch), from: far });
    expect(res.body).toMatchObject({ next: null, reason: "beyond_horizon" });
    const first = (await nextFree(choice(dir.soloBranch))).body.next;
    expect(res.body.alternatives[0]).toEqual({ meetingType: "Physical", branch: dir.soloBranch, ...first });
    const tooFar = await hold(dir.soloBranch, randomUUID(), { start: far, end: new Date(Date.parse(far) + 3_600_000).toISOString() });
    expect(tooFar.status).toBe(400);
    expect(fieldsOf(tooFar.body)).toEqual(["start"]);
  });

  it("a page hold is the page session's: a token caller with its id gets 'no reservation has this id', the page books it", async () => {
    const time = (await availability(dir.pairBranch)).body.times[22];
    const token = randomUUID();
    const held = await hold(dir.pairBranch, token, time);
    expect(held.status).toBe(200);
    const api = new Api(stack);
    const cosmos = await stackRepositories(stack);
    const employeeId = (await cosmos.reservations.get(held.body.reservationId))!.employeeId;
    cosmos.dispose();
    const stolen = await api.post("/meetings", {
      bookedBy: "Customer",
      salesforceId: "sf-1",
      timeSlotId: held.body.reservationId,
      employeeId,
      customerId: "c-1",
      type: "Physical",
    });
    expect(stolen.status, stolen.text).toBe(400);
    expect(fieldsOf(stolen.body)).toEqual(["timeSlotId"]);
    expect(stolen.body.errors[0].message).toContain("no reservation has this id");
    const booked = await call("POST", "/meetings", {
      ...choice(dir.pairBranch),
      token,
      reservationId: held.body.reservationId,
      ...details,
    });
    expect(booked.status).toBe(201);
  });
});

describe("manage link", () => {
  async function bookOne(branch: string, index: number) {
    const time = (await availability(branch)).body.times[index];
    const token = randomUUID();
    const h = await hold(branch, token, time);
    const booked = await call("POST", "/meetings", { ...choice(branch), token, reservationId: h.body.reservationId, ...details });
    expect(booked.status).toBe(201);
    return { id: booked.body.manage.id as string, secret: booked.body.manage.secret as string, time };
  }

  it("gets the meeting and its .ics with the secret only: a wrong secret is 404, a missing one 400 naming the header", async () => {
    const { id, secret, time } = await bookOne(dir.soloBranch, 6);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const got = await call("GET", `/manage/${id}`, undefined, { "bookme-manage-secret": secret });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, status: "Booked", start: time.start, branch: dir.soloBranch });
    expect((await call("GET", `/manage/${id}`, undefined, { "bookme-manage-secret": `${secret}x` })).status).toBe(404);
    const missing = await call("GET", `/manage/${id}`);
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(["BookMe-Manage-Secret"]);
    const ics = await call("GET", `/manage/${id}/ical`, undefined, { "bookme-manage-secret": secret });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    expect(ics.body).toContain("BEGIN:VEVENT");
    expect(ics.body).toContain(`LOCATION:${dir.soloBranch}`);
  });

  it("reschedules to another free time keeping the id, then cancels with a reason (required), freeing the time", async () => {
    const { id, secret, time } = await bookOne(dir.soloBranch, 10);
    const auth = { "bookme-manage-secret": secret };
    const target = (await availability(dir.soloBranch)).body.times[14];
    const moved = await call("POST", `/manage/${id}/reschedule`, target, auth);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id, start: target.start, end: target.end, status: "Booked" });
    const stored = (await new Api(stack).get(`/meetings/${id}`)).body;
    expect(stored).toMatchObject({ startDate: target.start, rescheduledFrom: { startDate: time.start } });
    const free = (await availability(dir.soloBranch)).body.times.map((t: Json) => t.start);
    expect(free).toContain(time.start);
    expect(free).not.toContain(target.start);

    const noReason = await call("POST", `/manage/${id}/cancel`, { reason: " " }, auth);
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(["reason"]);
    const cancelled = await call("POST", `/manage/${id}/cancel`, { reason: "Found another time" }, auth);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("Cancelled");
    expect((await availability(dir.soloBranch)).body.times.map((t: Json) => t.start)).toContain(target.start);
    expect((await call("POST", `/manage/${id}/reschedule`, time, auth)).status).toBe(404);
  });

  it("a move to a time taken meanwhile is slot_taken with alternatives", async () => {
    const { id, secret } = await bookOne(dir.soloBranch, 18);
    const other = (await availability(dir.soloBranch)).body.times[20];
    expect((await hold(dir.soloBranch, randomUUID(), other)).status).toBe(200);
    const res = await call("POST", `/manage/${id}/reschedule`, other, { "bookme-manage-secret": secret });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("slot_taken");
    expect(res.body.alternatives.length).toBeGreaterThan(0);
  });
});

describe("hostile input on the public channel", () => {
  const junk: unknown[] = [
    null,
    [],
    0,
    "text",
    { __proto__: { admin: true } },
    { token: [], start: {}, end: 1 },
    { reason: "x".repeat(600) },
  ];
  const ids = ["%00", "..%2F..%2Fetc", "a".repeat(3000), "__proto__", randomUUID()];

  it("never answers 5xx, and every 4xx is problem+json", async () => {
    const requests: [string, string, unknown?][] = [
      ["GET", "/topics?customerTypeId=nope"],
      ["GET", `/availability?${new URLSearchParams({ ...choice(dir.soloBranch), days: "1e400" })}`],
      ["GET", `/availability?${new URLSearchParams({ ...choice(dir.soloBranch), startDate: "2024-02-30T00:00:00Z" })}`],
      ["GET", `/availability?topicId=${dir.topicId}&topicId=${dir.topicId}`],
      ["GET", `/availability?${new URLSearchParams({ ...choice("x".repeat(5000)) })}`],
      ...junk.flatMap((b): [string, string, unknown][] => [
        ["POST", "/reservations", b],
        ["POST", "/meetings", b],
      ]),
      ...ids.flatMap((id): [string, string, unknown?][] => [
        ["GET", `/manage/${id}`],
        ["GET", `/manage/${id}/ical`],
        ["POST", `/manage/${id}/cancel`, { reason: "r" }],
        ["POST", `/manage/${id}/reschedule`, { start: "2030-01-01T10:00:00Z", end: "2030-01-01T11:00:00Z" }],
      ]),
    ];
    for (const [method, path, body] of requests) {
      const res = await call(method, path, body, { "bookme-manage-secret": "guess" });
      expect(res.status, `${method} ${path.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path.slice(0, 80)}`).toBeLessThan(500);
      expect(res.headers.get("content-type"), `${method} ${path.slice(0, 80)}`).toMatch(/^application\/problem\+json/);
    }
  });
});

describe("the page and the gate", () => {
  it("serves the page at /book and for page routes, its assets, and 404 for unknown files and traversal", async () => {
    const url = stack.hosts[0].url;
    const page = await fetch(`${url}/book/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    const asset = /src="(\/book\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const js = await fetch(`${url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
    expect((await fetch(`${url}/book/manage/${randomUUID()}`)).status).toBe(200);
    expect((await fetch(`${url}/book/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${url}/book/..%2f..%2fpackage.json`)).status).toBe(400); // an encoded slash: refused before routing (dev/host/request-path.ts)
  });

  it("limits each client address (429 with Retry-After) on the public channel only", async () => {
    const host = await stack.startHost({ PUBLIC_RATE_LIMIT: "3/0.2" });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call("GET", "/customer-types", undefined, {}, `${host.url}/api/public/booking`)).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    const limited = await call("GET", "/customer-types", undefined, {}, `${host.url}/api/public/booking`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.body.code).toBe("rate_limited");
    expect((await fetch(`${host.url}/api/v2/bookme/health`)).status).not.toBe(429);
  });
});
