/**
 * Outlook calendars (issue 14) on the real stack with the dev Graph: busy times in (timer and change
 * notifications), what blocks, BookMe's own events, degraded and stale calendars, throttling storms,
 * and the Graph write side of the adapter (run in a process that trusts the dev CA, as the host does).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_DAYS, Api, availableFor, createEmployee, isoAt, meetingBody, nextWeekday, qs, sleep, wall } from "../support/fixtures.js";
import { startStack, type HostProcess, type Stack } from "../support/stack.js";

let stack: Stack;
let api: Api;
let token: string;
let synced: { id: string; email: string };
let ghost: { id: string; email: string };
let plain: { id: string; email: string };
const days: DateTime[] = [];
const SUBJECT = "Secret board meeting about Project Falcon";

const graph = () => stack.graph!.client;

async function outlookEvent(mailbox: string, day: DateTime, from: string, to: string, extra: Record<string, unknown> = {}) {
  const local = (hhmm: string) => `${day.toISODate()}T${hhmm}:00`;
  const res = await graph().request(
    "POST",
    `/dev-graph/v1.0/users/${encodeURIComponent(mailbox)}/events`,
    {
      subject: SUBJECT,
      start: { dateTime: local(from), timeZone: "Romance Standard Time" },
      end: { dateTime: local(to), timeZone: "Romance Standard Time" },
      ...extra,
    },
    { authorization: `Bearer ${token}` },
  );
  expect(res.status).toBe(201);
  return (res.body as { id: string }).id;
}

async function sync(host: HostProcess = stack.hosts[0]) {
  const res = await fetch(`${host.url}/admin/functions/calendar-sync`, { method: "POST" });
  expect(res.status).toBe(202);
}

async function startsOf(employeeId: string, day: DateTime, base?: string) {
  const slots = await availableFor(base ? api.at(base) : api, [employeeId], isoAt(day, "00:00"), "1.00:00:00", { meetingDuration: "60" });
  return [...new Set(slots.filter((s) => s.employeeId === employeeId).map((s) => wall(s.startDate)))];
}

async function degradedOn(ids: string[], day: DateTime, base?: string) {
  const res = await (base ? api.at(base) : api).get(
    `/time-slots/available${qs({ explicitEmployeeIds: ids, startDate: isoAt(day, "00:00"), lookForwardTime: "1.00:00:00", employeeTypes: "Explicit", requireEmployeeParticipation: false })}`,
  );
  expect(res.status, res.text).toBe(200);
  return (res.headers.get("bookme-degraded-calendars") ?? "").split(",").filter(Boolean);
}

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(250);
  }
  return false;
}

beforeAll(async () => {
  // Interval 0: every timer run (POST /admin/functions/calendar-sync) refreshes every synced resource.
  // These tests look at availability right before and after a sync: no listing cache (its reuse is unit-tested).
  stack = await startStack({
    graph: true,
    echo: !!process.env.ECHO_STACK,
    hostEnv: { CALENDAR_SYNC_INTERVAL_SECONDS: "0", CALENDAR_LISTING_CACHE_SECONDS: "0" },
  });
  api = new Api(stack);
  token = await graph().token();
  synced = await createEmployee(api, { calendarSync: true });
  ghost = await createEmployee(api, { calendarSync: true }); // its mailbox does not exist in the tenant
  plain = await createEmployee(api, {});
  for (const m of [synced.email, plain.email])
    expect((await graph().request("PUT", `/dev-graph/mailboxes/${encodeURIComponent(m)}`)).status).toBe(204);
  const first = nextWeekday(3, 2);
  for (let i = 0; i < 6; i++) days.push(first.plus({ days: i }));
}, 120_000);
afterAll(async () => stack?.stop());

describe("Outlook busy times shape availability", () => {
  it("an Outlook event removes the slots it overlaps after a sync; the grid shows them Busy", async () => {
    await sync();
    expect(await startsOf(synced.id, days[0])).toContain("10:00");
    await outlookEvent(synced.email, days[0], "10:00", "11:00", { showAs: "busy" });
    await sync();
    const starts = await startsOf(synced.id, days[0]);
    expect(starts).toEqual(expect.arrayContaining(["09:00", "11:00"]));
    for (const gone of ["09:30", "10:00", "10:30"]) expect(starts).not.toContain(gone);

    const grid = await api.get(
      `/time-slots${qs({ employeeId: synced.id, startDate: isoAt(days[0], "09:00"), endDate: isoAt(days[0], "16:00"), meetingDuration: 60 })}`,
    );
    expect(grid.status).toBe(200);
    const statusAt = (hhmm: string) =>
      (grid.body as { startDate: string; status: string }[]).find((s) => wall(s.startDate) === hhmm)?.status;
    expect([statusAt("09:00"), statusAt("10:00"), statusAt("11:00")]).toEqual(["Available", "Busy", "Available"]);
  });

  it("busy and oof block, tentative blocks by default, free and workingElsewhere do not", async () => {
    const day = days[1];
    await outlookEvent(synced.email, day, "09:00", "10:00", { showAs: "tentative" });
    await outlookEvent(synced.email, day, "11:00", "12:00", { showAs: "free" });
    await outlookEvent(synced.email, day, "12:00", "13:00", { showAs: "workingElsewhere" });
    await outlookEvent(synced.email, day, "14:00", "16:00", { showAs: "oof" });
    await sync();
    const starts = await startsOf(synced.id, day);
    expect(starts).toEqual(["10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00"]);
    const grid = await api.get(
      `/time-slots${qs({ employeeId: synced.id, startDate: isoAt(day, "09:00"), endDate: isoAt(day, "16:00"), meetingDuration: 60 })}`,
    );
    const statuses = Object.fromEntries((grid.body as { startDate: string; status: string }[]).map((s) => [wall(s.startDate), s.status]));
    expect([statuses["09:00"], statuses["11:00"], statuses["12:00"], statuses["14:00"]]).toEqual([
      "Tentative",
      "Available",
      "Available",
      "OutOfOffice",
    ]);
  });

  it("an event BookMe wrote itself (transactionId bookme-...) is not counted as Outlook busy time", async () => {
    await outlookEvent(synced.email, days[2], "10:00", "11:00", { showAs: "busy", transactionId: `bookme-${randomUUID()}` });
    await outlookEvent(synced.email, days[2], "13:00", "14:00", { showAs: "busy" });
    await sync();
    const starts = await startsOf(synced.id, days[2]);
    expect(starts).toContain("10:00");
    expect(starts).not.toContain("13:00");
  });

  it("a booking over an Outlook busy time is refused like an unlisted time (listed = bookable)", async () => {
    const res = await api.post("/meetings", meetingBody(synced.id, isoAt(days[0], "10:00"), isoAt(days[0], "11:00")));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("calendar_busy");
  });

  it("a change notification updates availability without waiting for the timer, also when the event goes", async () => {
    expect(
      await until(async () => {
        const subs = (await graph().request("GET", "/dev-graph/subscriptions")).body as { mailbox: string }[];
        return subs.some((s) => s.mailbox === synced.email);
      }),
    ).toBe(true);
    expect(await startsOf(synced.id, days[3])).toContain("11:00");
    const id = await outlookEvent(synced.email, days[3], "11:00", "12:00", { showAs: "busy" });
    expect(await until(async () => !(await startsOf(synced.id, days[3])).includes("11:00"))).toBe(true);
    expect(
      (
        await graph().request("DELETE", `/dev-graph/v1.0/users/${encodeURIComponent(synced.email)}/events/${id}`, undefined, {
          authorization: `Bearer ${token}`,
        })
      ).status,
    ).toBe(204);
    expect(await until(async () => (await startsOf(synced.id, days[3])).includes("11:00"))).toBe(true);
  });

  it("the notification receiver: a forged clientState or unknown subscription changes nothing; a bad body is a problem+json 400", async () => {
    const url = `${stack.hosts[0].url}/api/calendar/notifications`;
    const subs = (await graph().request("GET", "/dev-graph/subscriptions")).body as { id: string; mailbox: string }[];
    const sub = subs.find((s) => s.mailbox === synced.email)!;
    await outlookEvent(synced.email, days[4], "09:00", "10:00", { showAs: "busy" }); // its real notification refreshes...
    expect(await until(async () => !(await startsOf(synced.id, days[4])).includes("09:00"))).toBe(true);
    const before = (await graph().request("GET", "/dev-graph/stats")).body as { calls: Record<string, number> };
    for (const n of [
      { subscriptionId: sub.id, clientState: "forged" },
      { subscriptionId: "no-such-subscription", clientState: "x" },
    ]) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ value: [{ ...n, changeType: "updated", resource: "Users/x/Events/y" }] }),
      });
      expect(res.status).toBe(202);
    }
    const after = (await graph().request("GET", "/dev-graph/stats")).body as { calls: Record<string, number> };
    expect(after.calls.getSchedule).toBe(before.calls.getSchedule); // ...a forged one makes no Graph call
    const bad = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
  });

  it("an unknown mailbox makes its advisor degraded, by name; the others are not", async () => {
    await sync();
    const degraded = await degradedOn([synced.id, ghost.id, plain.id], days[0]);
    expect(degraded).toEqual([`employee:${ghost.id}`]);
  });

  it("a mailbox outside the app's Exchange RBAC scope (403) degrades only its advisor", async () => {
    const scoped = await createEmployee(api, { calendarSync: true });
    expect((await graph().request("PUT", `/dev-graph/mailboxes/${encodeURIComponent(scoped.email)}`)).status).toBe(204);
    await graph().request("POST", "/dev-graph/faults", { status: 403, mailbox: scoped.email, count: 1000 });
    try {
      await sync();
      expect(await degradedOn([synced.id, scoped.id, plain.id], days[0])).toEqual([`employee:${scoped.id}`]);
      expect(await startsOf(synced.id, days[0])).toContain("09:00");
    } finally {
      await graph().request("DELETE", "/dev-graph/faults");
    }
  });

  it("a room that syncs must name its mailbox (400 naming the field); with it, its Outlook busy times show in its grid", async () => {
    const body = { name: "Sync room", capacity: 4, location: "Graph branch", calendarSync: true };
    const bad = await api.put(`/config/rooms/${randomUUID()}`, body);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain("mailbox");
    const roomId = randomUUID();
    expect(
      (
        await api.put(`/config/rooms/${roomId}`, {
          ...body,
          mailbox: "graph.room@bank.example",
          openingHours: ALL_DAYS.map((day) => ({ day, start: "08:00", end: "18:00" })),
        })
      ).status,
    ).toBe(201);
    expect((await graph().request("PUT", "/dev-graph/mailboxes/graph.room%40bank.example")).status).toBe(204);
    await outlookEvent("graph.room@bank.example", days[5], "10:00", "11:00", { showAs: "busy" });
    await sync();
    const grid = await api.get(
      `/time-slots${qs({ roomId, startDate: isoAt(days[5], "09:00"), endDate: isoAt(days[5], "12:00"), meetingDuration: 60 })}`,
    );
    expect(grid.status, grid.text).toBe(200);
    expect((grid.body as { startDate: string; status: string }[]).map((s) => `${wall(s.startDate)} ${s.status}`)).toEqual(
      expect.arrayContaining(["09:00 Available", "10:00 Busy", "11:00 Available"]),
    );
  });

  it("BookMe's Graph calls carry tokens from the client-credentials flow that the dev Graph verified", async () => {
    const stats = (await graph().request("GET", "/dev-graph/stats")).body as {
      authenticated: number;
      anonymous: number;
      rejected: number;
      getScheduleSizes: number[];
    };
    expect(stats.authenticated).toBeGreaterThan(0);
    expect(stats.anonymous).toBe(0);
    expect(stats.rejected).toBe(0);
    expect(Math.max(...stats.getScheduleSizes)).toBeLessThanOrEqual(20);
  });
});

describe("Graph throttled or down", () => {
  for (const status of [429, 503] as const) {
    it(`a ${status} storm: availability answers with the last known busy times and names the advisor; a booking succeeds; the next sync catches up`, async () => {
      await graph().request("POST", "/dev-graph/faults", { status, seconds: 120, retryAfter: 30 });
      try {
        await sync();
        expect(await degradedOn([synced.id, plain.id], days[0])).toEqual([`employee:${synced.id}`]);
        const starts = await startsOf(synced.id, days[0]);
        expect(starts).not.toContain("10:00");
        const slot = status === 429 ? "12:00" : "13:00";
        expect(starts).toContain(slot);
        const booked = await api.post(
          "/meetings",
          meetingBody(synced.id, isoAt(days[0], slot), isoAt(days[0], `${Number(slot.slice(0, 2)) + 1}:00`)),
        );
        expect(booked.status, booked.text).toBe(201);
      } finally {
        await graph().request("DELETE", "/dev-graph/faults");
      }
      await sync();
      expect(await degradedOn([synced.id, plain.id], days[0])).toEqual([]);
    }, 60_000);
  }
});

describe("busy times older than the bound", () => {
  it("fail closed (the default): no slots for the advisor, named degraded; a booking is refused naming it", async () => {
    const host = await stack.startHost({ CALENDAR_STALE_AFTER_SECONDS: "1" });
    await sleep(1500);
    const starts = await startsOf(synced.id, days[4], host.base);
    expect(starts).toEqual([]);
    expect((await startsOf(plain.id, days[4], host.base)).length).toBeGreaterThan(0);
    expect(await degradedOn([synced.id, plain.id], days[4], host.base)).toEqual([`employee:${synced.id}`]);
    const res = await api.post("/meetings", meetingBody(synced.id, isoAt(days[4], "10:00"), isoAt(days[4], "11:00")), { base: host.base });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("calendar_stale");
    expect(res.body.degradedCalendars).toContain(`employee:${synced.id}`);
  }, 60_000);

  it("fail open: the last known busy times are used, and the advisor is still named", async () => {
    const host = await stack.startHost({ CALENDAR_STALE_AFTER_SECONDS: "1", CALENDAR_STALE_POLICY: "open" });
    await sleep(1500);
    const starts = await startsOf(synced.id, days[0], host.base);
    expect(starts).toContain("09:00");
    expect(starts).not.toContain("10:00");
    expect(await degradedOn([synced.id], days[0], host.base)).toEqual([`employee:${synced.id}`]);
  }, 60_000);
});

describe("meetings out: the adapter's Graph writes", () => {
  it("one event per meeting (a retried create returns it), updated on a move, deleted on cancel; at most 4 requests per mailbox at once", async () => {
    const g = stack.graph!;
    const script = `
      const { GraphCalendar } = await import(${JSON.stringify(`${process.cwd()}/dist/shared/adapters/graph/graph-calendar.js`)});
      const { GraphHttp } = await import(${JSON.stringify(`${process.cwd()}/dist/shared/adapters/graph/graph-http.js`)});
      const { graphTokenProvider } = await import(${JSON.stringify(`${process.cwd()}/dist/shared/adapters/graph/graph-token.js`)});
      const { loadCalendarConfig } = await import(${JSON.stringify(`${process.cwd()}/dist/shared/kernel/settings.js`)});
      const cal = new GraphCalendar(new GraphHttp({ baseUrl: process.env.GRAPH_BASE_URL, token: graphTokenProvider(loadCalendarConfig()) }));
      const mailbox = process.env.MAILBOX;
      const ev = (id, start) => ({ meetingId: id, mailbox, subject: "Meeting", bodyHtml: "<p>BookMe</p>", start, end: start + 3600000, timeZone: "Europe/Copenhagen", online: true, attendees: [] });
      const t = Date.parse(process.env.AT);
      const first = await cal.createEvent(ev("m-1", t));
      const retry = await cal.createEvent(ev("m-1", t));
      await cal.updateEvent(first.eventId, ev("m-1", t + 7200000));
      const many = await Promise.all(Array.from({ length: 12 }, (_, i) => cal.createEvent(ev("m-many-" + i, t + i * 60000))));
      await cal.cancelEvent(mailbox, many[0].eventId);
      await cal.cancelEvent(mailbox, many[0].eventId);
      console.log(JSON.stringify({ first: first.eventId, retry: retry.eventId, many: many.length }));
    `;
    await graph().request("POST", "/dev-graph/latency", { ms: 150 });
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: g.caFile,
      GRAPH_TENANT_ID: g.app.tenantId,
      GRAPH_CLIENT_ID: g.app.clientId,
      GRAPH_CLIENT_SECRET: g.app.clientSecret,
      GRAPH_BASE_URL: g.baseUrl,
      GRAPH_AUTHORITY_HOST: g.authorityHost,
      MAILBOX: plain.email,
      AT: isoAt(days[5], "10:00"),
    };
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { env, stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      child.stdout.on("data", (c: Buffer) => (text += c.toString()));
      child.stderr.on("data", (c: Buffer) => (text += c.toString()));
      child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(text))));
    });
    await graph().request("POST", "/dev-graph/latency", { ms: 0 });
    const result = JSON.parse(out.trim().split("\n").at(-1)!) as { first: string; retry: string; many: number };
    expect(result.retry).toBe(result.first);
    const events = (await graph().request("GET", `/dev-graph/events?mailbox=${encodeURIComponent(plain.email)}`)).body as {
      id: string;
      transactionId: string;
      start: { dateTime: string };
    }[];
    expect(events.filter((e) => e.transactionId === "bookme-m-1")).toHaveLength(1);
    const moved = events.find((e) => e.id === result.first)!;
    expect(Date.parse(`${moved.start.dateTime.slice(0, 19)}Z`)).toBe(Date.parse(isoAt(days[5], "12:00")));
    expect(events.filter((e) => e.transactionId.startsWith("bookme-m-many-"))).toHaveLength(11);
    const stats = (await graph().request("GET", "/dev-graph/stats")).body as { maxInFlightPerMailbox: number };
    expect(stats.maxInFlightPerMailbox).toBe(4);
  }, 60_000);
});

describe("logs", () => {
  it("no host log line holds an event subject or a mailbox address", () => {
    const lines = stack.hosts.flatMap((h) => h.output);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l.includes("Project Falcon") || l.includes(synced.email) || l.includes(ghost.email))).toEqual([]);
  });
});
