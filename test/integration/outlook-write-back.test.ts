/**
 * Meetings out (issue 14) on the real stack with the dev Graph: booking, moving, editing and cancelling
 * create, update and cancel exactly one Outlook event, driven by the outbox and the calendar-writes
 * queue; also across a host killed in the middle of the writer and across a Graph outage.
 */
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, bookMeeting, cosmosOf, createEmployee, isoAt, nextWeekday, sleep } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let api: Api;
let advisor: { id: string; email: string };
let second: { id: string; email: string };
let colleague: { id: string; email: string };
let plain: { id: string; email: string };
const days: DateTime[] = [];
const CUSTOMER = "customer.secret@external.example";

interface StoredEvent {
  id: string;
  mailbox: string;
  subject?: string;
  transactionId?: string;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  showAs: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  attendees?: { emailAddress: { address: string }; type: string }[];
  singleValueExtendedProperties?: { id: string; value: string }[];
}

const graph = () => stack.graph!.client;

/** Every dev Graph event BookMe wrote for the meeting, in any mailbox. */
async function eventsOf(meetingId: string): Promise<StoredEvent[]> {
  const all = (await graph().request("GET", "/dev-graph/events")).body as StoredEvent[];
  return all.filter((e) => e.transactionId?.startsWith(`bookme-${meetingId}`));
}

const utc = (d: { dateTime: string; timeZone: string }) => {
  expect(d.timeZone).toBe("UTC");
  return new Date(`${d.dateTime.slice(0, 19)}Z`).toISOString();
};

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(250);
  }
  return false;
}

/** Waits until the meeting has exactly one event, in this mailbox, at these times; returns it. */
async function settledEvent(meetingId: string, mailbox: string, start: string, end: string, ms = 30_000): Promise<StoredEvent> {
  let events: StoredEvent[] = [];
  const ok = await until(async () => {
    events = await eventsOf(meetingId);
    return events.length === 1 && events[0].mailbox === mailbox && utc(events[0].start) === start && utc(events[0].end) === end;
  }, ms);
  expect(ok, JSON.stringify(events.map((e) => ({ mailbox: e.mailbox, start: e.start, end: e.end })))).toBe(true);
  return events[0];
}

async function sync() {
  const res = await fetch(`${stack.hosts.at(-1)!.url}/admin/functions/calendar-sync`, { method: "POST" });
  expect(res.status).toBe(202);
}

beforeAll(async () => {
  stack = await startStack({
    graph: true,
    echo: !!process.env.ECHO_STACK,
    // A killed host's message is visible again after 3 s (600 s by default).
    hostEnv: { CALENDAR_SYNC_INTERVAL_SECONDS: "0", HOST_QUEUE_VISIBILITY_SECONDS: "3" },
  });
  api = new Api(stack);
  advisor = await createEmployee(api, { calendarSync: true });
  second = await createEmployee(api, { calendarSync: true });
  colleague = await createEmployee(api, {});
  plain = await createEmployee(api, {});
  for (const m of [advisor.email, second.email])
    expect((await graph().request("PUT", `/dev-graph/mailboxes/${encodeURIComponent(m)}`)).status).toBe(204);
  await sync();
  const first = nextWeekday(2, 3);
  for (let i = 0; i < 8; i++) days.push(first.plus({ days: i }));
}, 120_000);
afterAll(async () => stack?.stop());

describe("a booked meeting in the advisor's Outlook calendar", () => {
  let meetingId: string;

  it("booking creates exactly one event: times, subject, Teams for Online, colleagues invited, the customer not (default)", async () => {
    const m = await bookMeeting(api, advisor.id, isoAt(days[0], "10:00"), isoAt(days[0], "11:00"), {
      title: "Pension review",
      additionalEmployees: [colleague.id],
      externalAttendees: [{ name: "Customer", email: CUSTOMER }],
    });
    meetingId = m.id;
    const event = await settledEvent(m.id, advisor.email, isoAt(days[0], "10:00"), isoAt(days[0], "11:00"));
    expect(event).toMatchObject({
      subject: "Pension review",
      transactionId: `bookme-${m.id}`,
      isOnlineMeeting: true,
      onlineMeetingProvider: "teamsForBusiness",
      showAs: "busy",
    });
    expect(event.attendees!.map((a) => a.emailAddress.address)).toEqual([colleague.email]);
    expect(event.singleValueExtendedProperties!.map((p) => p.value)).toEqual([m.id]);
    const link = await cosmosOf(stack).read("external-busy", `calendar-link:${m.id}`);
    expect(link).toMatchObject({ eventId: event.id, mailbox: advisor.email, status: "synced" });
    // The link lives beside the meeting, not on it: the meeting's ETag (clients' If-Match) did not change.
    expect((await api.get(`/meetings/${m.id}`)).headers.get("etag")).toBe(m.etag);
  });

  it("the busy sync recognises the event BookMe wrote: it is not stored as Outlook busy time", async () => {
    await sync();
    const month = isoAt(days[0], "10:00").slice(0, 7);
    const doc = (await cosmosOf(stack).read("external-busy", `employee:${advisor.id}:${month}`)) as { items: { start: number }[] };
    expect(doc.items.map((i) => i.start)).not.toContain(Date.parse(isoAt(days[0], "10:00")));
    // ... while an Outlook event of the advisor's own at another time is
    const own = await graph().request(
      "POST",
      `/dev-graph/v1.0/users/${encodeURIComponent(advisor.email)}/events`,
      {
        subject: "Dentist",
        start: { dateTime: `${days[0].toISODate()}T14:00:00`, timeZone: "Romance Standard Time" },
        end: { dateTime: `${days[0].toISODate()}T15:00:00`, timeZone: "Romance Standard Time" },
      },
      { authorization: `Bearer ${await graph().token()}` },
    );
    expect(own.status).toBe(201);
    await sync();
    const after = (await cosmosOf(stack).read("external-busy", `employee:${advisor.id}:${month}`)) as { items: { start: number }[] };
    expect(after.items.map((i) => i.start)).toContain(Date.parse(isoAt(days[0], "14:00")));
    expect(after.items.map((i) => i.start)).not.toContain(Date.parse(isoAt(days[0], "10:00")));
  });

  it("moving and editing update the same event; cancelling removes it", async () => {
    const before = (await eventsOf(meetingId))[0];
    const moved = await api.post(`/meetings/${meetingId}/reschedule`, {
      startDate: isoAt(days[1], "12:00"),
      endDate: isoAt(days[1], "13:00"),
    });
    expect(moved.status, moved.text).toBe(200);
    expect((await settledEvent(meetingId, advisor.email, isoAt(days[1], "12:00"), isoAt(days[1], "13:00"))).id).toBe(before.id);
    expect((await api.put(`/meetings/${meetingId}`, { title: "Pension review, part 2" })).status).toBe(200);
    expect(await until(async () => (await eventsOf(meetingId))[0]?.subject === "Pension review, part 2")).toBe(true);
    expect((await eventsOf(meetingId)).map((e) => e.id)).toEqual([before.id]);
    expect((await api.post(`/meetings/${meetingId}/cancel`, { reason: "customer asked" })).status).toBe(200);
    expect(await until(async () => (await eventsOf(meetingId)).length === 0)).toBe(true);
  });

  it("moved to another advisor: cancelled in the first calendar, one event in the second; moved to one who does not sync: none", async () => {
    const m = await bookMeeting(api, advisor.id, isoAt(days[2], "09:00"), isoAt(days[2], "10:00"));
    await settledEvent(m.id, advisor.email, isoAt(days[2], "09:00"), isoAt(days[2], "10:00"));
    expect((await api.put(`/meetings/${m.id}`, { employeeId: second.id })).status).toBe(200);
    await settledEvent(m.id, second.email, isoAt(days[2], "09:00"), isoAt(days[2], "10:00"));
    expect((await api.put(`/meetings/${m.id}`, { employeeId: plain.id })).status).toBe(200);
    expect(await until(async () => (await eventsOf(m.id)).length === 0)).toBe(true);
  });

  it("a meeting of an advisor who does not sync never reaches Graph", async () => {
    const before = (await graph().request("GET", "/dev-graph/stats")).body as { calls: Record<string, number> };
    const m = await bookMeeting(api, plain.id, isoAt(days[3], "09:00"), isoAt(days[3], "10:00"));
    await sleep(4000);
    const after = (await graph().request("GET", "/dev-graph/stats")).body as { calls: Record<string, number> };
    expect(after.calls.createEvent ?? 0).toBe(before.calls.createEvent ?? 0);
    expect(await cosmosOf(stack).read("external-busy", `calendar-link:${m.id}`)).toBeUndefined();
  });
});

describe("provisional bookings (host confirmation)", () => {
  it("a Pending booking shows tentative; confirmed it shows busy (same event); a declined one is removed", async () => {
    const group = randomUUID();
    const host = await createEmployee(api, { calendarSync: true, serviceGroups: [group], meetingTypes: ["Online"] });
    expect((await graph().request("PUT", `/dev-graph/mailboxes/${encodeURIComponent(host.email)}`)).status).toBe(204);
    await sync();
    const typeId = randomUUID();
    const type = await api.put(`/config/meeting-types/${typeId}`, {
      name: "Advice, host confirms",
      durations: { defaultMinutes: 60, allowedMinutes: [60] },
      pool: { serviceGroup: group },
      confirmation: { mode: "host", expiryMinutes: 60 },
    });
    expect(type.status, type.text).toBe(201);
    const book = async (from: string, to: string) => {
      const res = await api.post("/meetings", {
        bookedBy: "Customer",
        salesforceId: "sf",
        customerId: "c1",
        meetingTypeId: typeId,
        startDate: isoAt(days[3], from),
        endDate: isoAt(days[3], to),
      });
      expect(res.status, res.text).toBe(201);
      expect(res.body.status).toBe("Pending");
      return res.body.id as string;
    };
    const first = await book("10:00", "11:00");
    const pending = await settledEvent(first, host.email, isoAt(days[3], "10:00"), isoAt(days[3], "11:00"));
    expect(pending.showAs).toBe("tentative");
    expect((await api.post(`/meetings/${first}/confirm`)).body.status).toBe("Booked");
    expect(await until(async () => (await eventsOf(first))[0]?.showAs === "busy")).toBe(true);
    expect((await eventsOf(first)).map((e) => e.id)).toEqual([pending.id]);
    const second = await book("13:00", "14:00");
    await settledEvent(second, host.email, isoAt(days[3], "13:00"), isoAt(days[3], "14:00"));
    expect((await api.post(`/meetings/${second}/decline`, { reason: "fully booked" })).body.status).toBe("Cancelled");
    expect(await until(async () => (await eventsOf(second)).length === 0)).toBe(true);
  });
});

describe("failures", () => {
  it("Graph down (503 with Retry-After) while booking and moving: both succeed at once; afterwards exactly one event with the final times", async () => {
    await graph().request("POST", "/dev-graph/faults", { status: 503, seconds: 10, retryAfter: 3 });
    const m = await bookMeeting(api, advisor.id, isoAt(days[4], "10:00"), isoAt(days[4], "11:00"));
    const meetingId = m.id;
    await sleep(2500);
    const moved = await api.post(`/meetings/${m.id}/reschedule`, { startDate: isoAt(days[4], "13:00"), endDate: isoAt(days[4], "14:00") });
    expect(moved.status, moved.text).toBe(200);
    expect(await eventsOf(m.id)).toEqual([]);
    await settledEvent(meetingId, advisor.email, isoAt(days[4], "13:00"), isoAt(days[4], "14:00"), 60_000);
    const retried = stack.hosts
      .flatMap((h) => h.output)
      .filter((l) => l.includes('"calendar write"') && l.includes(meetingId) && l.includes('"outcome":"retry"'));
    expect(retried.length).toBeGreaterThan(0);
    await sleep(3000); // a late duplicate must change nothing
    expect(await eventsOf(meetingId)).toHaveLength(1);
  }, 90_000);

  it("a mailbox outside the app's scope (403): the booking stands, the failure is recorded on the link, nothing retried", async () => {
    const scoped = await createEmployee(api, { calendarSync: true });
    expect((await graph().request("PUT", `/dev-graph/mailboxes/${encodeURIComponent(scoped.email)}`)).status).toBe(204);
    await sync();
    await graph().request("POST", "/dev-graph/faults", { status: 403, mailbox: scoped.email, count: 1000 });
    try {
      const m = await bookMeeting(api, scoped.id, isoAt(days[5], "10:00"), isoAt(days[5], "11:00"));
      let link: Record<string, unknown> | undefined;
      expect(await until(async () => (link = await cosmosOf(stack).read("external-busy", `calendar-link:${m.id}`)) !== undefined)).toBe(
        true,
      );
      expect(link).toMatchObject({ status: "failed", eventId: null, failure: { status: 403, code: "ErrorAccessDenied" } });
      expect((await api.get(`/meetings/${m.id}`)).body.status).toBe("Booked");
      await sleep(3000);
      const writes = stack.hosts.flatMap((h) => h.output).filter((l) => l.includes('"calendar write"') && l.includes(m.id));
      expect(writes.map((l) => (JSON.parse(l.slice(l.indexOf("{"))) as { outcome: string }).outcome)).toEqual(["failed"]);
    } finally {
      await graph().request("DELETE", "/dev-graph/faults");
    }
  }, 60_000);

  it("the host dies in the middle of the writer (Graph created the event, the link was never written): the retry on a new host makes no second event", async () => {
    const creates = async () =>
      ((await graph().request("GET", "/dev-graph/stats")).body as { calls: Record<string, number> }).calls.createEvent ?? 0;
    const createsBefore = await creates();
    // Every Graph call takes 4 s: the host is killed while its create is in flight; Graph completes it, nobody records it.
    await graph().request("POST", "/dev-graph/latency", { ms: 4000 });
    let meetingId = "";
    let event: StoredEvent;
    try {
      const m = await bookMeeting(api, advisor.id, isoAt(days[6], "10:00"), isoAt(days[6], "11:00"));
      meetingId = m.id;
      const creating = `/users/${encodeURIComponent(advisor.email)}/events`.toLowerCase();
      expect(
        await until(async () => {
          const running = (await graph().request("GET", "/dev-graph/in-flight")).body as { method: string; path: string }[];
          return running.some((r) => r.method === "POST" && r.path.toLowerCase() === creating);
        }, 20_000),
      ).toBe(true);
      await stack.hosts[0].kill("SIGKILL");
      expect(await cosmosOf(stack).read("external-busy", `calendar-link:${m.id}`)).toBeUndefined();
      const host = await stack.startHost();
      api = api.at(host.base);
      event = await settledEvent(meetingId, advisor.email, isoAt(days[6], "10:00"), isoAt(days[6], "11:00"), 60_000);
      const linked = async () => (await cosmosOf(stack).read("external-busy", `calendar-link:${meetingId}`))?.eventId === event.id;
      expect(await until(linked, 60_000)).toBe(true);
    } finally {
      await graph().request("POST", "/dev-graph/latency", { ms: 0 });
    }
    expect(await eventsOf(meetingId)).toHaveLength(1);
    expect((await creates()) - createsBefore).toBeGreaterThanOrEqual(2); // the dead host's create and the retry's: one event
    // ... and the meeting moves on normally from the new host
    const moved = await api.post(`/meetings/${meetingId}/reschedule`, {
      startDate: isoAt(days[7], "10:00"),
      endDate: isoAt(days[7], "11:00"),
    });
    expect(moved.status, moved.text).toBe(200);
    expect((await settledEvent(meetingId, advisor.email, isoAt(days[7], "10:00"), isoAt(days[7], "11:00"))).id).toBe(event.id);
  }, 120_000);
});

describe("logs", () => {
  it("no host log line holds a mailbox, a customer email or a subject", () => {
    const lines = stack.hosts.flatMap((h) => h.output);
    expect(lines.some((l) => l.includes('"calendar write"'))).toBe(true);
    const leaks = lines.filter((l) => [advisor.email, second.email, CUSTOMER, "Pension review", "Dentist"].some((s) => l.includes(s)));
    expect(leaks).toEqual([]);
  });
});
