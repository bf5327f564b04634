/**
 * The calendar writer over in-memory ports: a calendar that honours transactionId like Graph, a
 * link store with ETags, and crashes between the Graph call and the link write.
 */
import { describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import type { DirectoryRepository } from "../../../shared/booking/model/ports.js";
import type { CalendarLink, CalendarLinkStore } from "../../../shared/calendar/calendar-link.js";
import { CalendarUnavailableError, type MeetingEvent } from "../../../shared/calendar/port.js";
import { writeMeetingEvent, type CalendarWriteDeps } from "../../../shared/calendar/write-back.js";
import type { Employee } from "../../../shared/directory/directory.js";
import { employee, meeting } from "./calendar-fixtures.js";

const NOW = Date.parse("2026-12-01T10:00:00Z");

class FakeCalendar {
  events = new Map<string, MeetingEvent & { id: string }>();
  next = 0;
  fail?: CalendarUnavailableError;
  async createEvent(e: MeetingEvent) {
    if (this.fail) throw this.fail;
    const same = [...this.events.values()].find((x) => x.mailbox === e.mailbox && x.transactionId === e.transactionId);
    if (same) return { eventId: same.id };
    const id = `ev-${++this.next}`;
    this.events.set(id, { ...e, id });
    return { eventId: id };
  }
  async updateEvent(id: string, e: MeetingEvent) {
    if (this.fail) throw this.fail;
    const current = this.events.get(id);
    if (!current || current.mailbox !== e.mailbox) throw new CalendarUnavailableError(404, "ErrorItemNotFound");
    this.events.set(id, { ...current, ...e, transactionId: current.transactionId });
  }
  async cancelEvent(mailbox: string, id: string) {
    if (this.fail) throw this.fail;
    if (this.events.get(id)?.mailbox === mailbox) this.events.delete(id);
  }
  of(mailbox: string) {
    return [...this.events.values()].filter((e) => e.mailbox === mailbox);
  }
}

class MemoryLinks implements CalendarLinkStore {
  docs = new Map<string, { link: CalendarLink; etag: string }>();
  n = 0;
  crashNext = false;
  async get(id: string) {
    const d = this.docs.get(id);
    return d && structuredClone(d);
  }
  async put(link: CalendarLink, etag?: string) {
    if (this.crashNext) {
      this.crashNext = false;
      throw new Error("host died before the link was written");
    }
    const current = this.docs.get(link.meetingId);
    if (etag ? current?.etag !== etag : current) return false;
    this.docs.set(link.meetingId, { link: structuredClone(link), etag: `e${++this.n}` });
    return true;
  }
}

function setup(employees: Employee[]) {
  const meetings = new Map<string, MeetingDoc>();
  const calendar = new FakeCalendar();
  const links = new MemoryLinks();
  const directory = {
    get: async (kind: string, id: string) => (kind === "employee" ? employees.find((e) => e.id === id) : undefined),
  } as unknown as DirectoryRepository;
  const deps: CalendarWriteDeps = {
    meetings: { get: async (id) => (meetings.has(id) ? { meeting: structuredClone(meetings.get(id)!), etag: "x" } : undefined) },
    directory,
    links,
    calendar,
    inviteCustomers: false,
    onlineMeetings: true,
  };
  return { meetings, calendar, links, deps, write: () => writeMeetingEvent(deps, "m-1", NOW) };
}

const a = { ...employee("e1", "a@bank.example"), calendarSync: true };
const b = { ...employee("e2", "b@bank.example"), calendarSync: true };
const quiet = employee("e3", "c@bank.example");
const base = { additionalEmployees: [], roomId: null };

describe("the calendar writer reconciles state", () => {
  it("book, move, edit, cancel: exactly one event, then none; every duplicate message changes nothing", async () => {
    const s = setup([a]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    expect(await s.write()).toEqual({ outcome: "done", action: "create" });
    expect(await s.write()).toEqual({ outcome: "done", action: "none" });
    s.meetings.set(
      "m-1",
      meeting({ ...base, employeeId: "e1", rev: 2, startDate: "2026-12-14T12:00:00.000Z", endDate: "2026-12-14T13:00:00.000Z" }),
    );
    expect(await s.write()).toEqual({ outcome: "done", action: "update" });
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1", rev: 3, title: "Pension review" }));
    await s.write();
    const [event] = s.calendar.of("a@bank.example");
    expect(s.calendar.events.size).toBe(1);
    expect(event).toMatchObject({ subject: "Pension review", transactionId: "bookme-m-1" });
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1", rev: 4, status: "Cancelled" }));
    expect(await s.write()).toEqual({ outcome: "done", action: "cancel" });
    expect(await s.write()).toEqual({ outcome: "done", action: "none" });
    expect(s.calendar.events.size).toBe(0);
    expect(s.links.docs.get("m-1")!.link).toMatchObject({ eventId: null, status: "cancelled", rev: 4, generation: 1 });
  });

  it("a crash after Graph created the event but before the link was written: the retry finds the same event (transactionId)", async () => {
    const s = setup([a]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    s.links.crashNext = true;
    await expect(s.write()).rejects.toThrow(/host died/);
    expect(s.links.docs.size).toBe(0);
    expect(await s.write()).toEqual({ outcome: "done", action: "create" });
    expect(s.calendar.events.size).toBe(1);
    expect(s.links.docs.get("m-1")!.link.eventId).toBe([...s.calendar.events.keys()][0]);
  });

  it("moved to another advisor: cancelled in the old mailbox, one event in the new one, also across a crash in between", async () => {
    const s = setup([a, b]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    await s.write();
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e2", rev: 2 }));
    s.links.crashNext = true;
    await expect(s.write()).rejects.toThrow(/host died/);
    expect(await s.write()).toEqual({ outcome: "done", action: "recreate" });
    expect(s.calendar.of("a@bank.example")).toEqual([]);
    expect(s.calendar.of("b@bank.example")).toHaveLength(1);
    // ... and back to the first advisor: a new event there (a new transactionId), none left in the second
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1", rev: 3 }));
    await s.write();
    expect(s.calendar.of("b@bank.example")).toEqual([]);
    expect(s.calendar.of("a@bank.example").map((e) => e.transactionId)).toEqual(["bookme-m-1~2"]);
  });

  it("moved to an advisor who does not sync: the event is cancelled and nothing is created", async () => {
    const s = setup([a, quiet]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    await s.write();
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e3", rev: 2 }));
    expect(await s.write()).toEqual({ outcome: "done", action: "cancel" });
    expect(s.calendar.events.size).toBe(0);
  });

  it("an event deleted by hand in Outlook comes back on the next change, under a new transactionId", async () => {
    const s = setup([a]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    await s.write();
    s.calendar.events.clear();
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1", rev: 2 }));
    await s.write();
    expect(s.calendar.of("a@bank.example").map((e) => e.transactionId)).toEqual(["bookme-m-1~1"]);
  });

  it("a writer that created from a stale read sees the cancel committed meanwhile and removes the event again", async () => {
    const s = setup([a]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    const create = s.calendar.createEvent.bind(s.calendar);
    s.calendar.createEvent = async (e) => {
      const r = await create(e);
      s.meetings.set("m-1", meeting({ ...base, employeeId: "e1", rev: 2, status: "Cancelled" })); // committed while we wrote
      return r;
    };
    await s.write();
    expect(s.calendar.events.size).toBe(0);
  });

  it("Graph throttled or down: retry with Graph's Retry-After, the link untouched", async () => {
    const s = setup([a]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    s.calendar.fail = new CalendarUnavailableError(503, "ServiceNotAvailable", 30_000);
    expect(await s.write()).toEqual({ outcome: "retry", action: "create", status: 503, code: "ServiceNotAvailable", retryAfterMs: 30_000 });
    expect(s.links.docs.size).toBe(0);
    s.calendar.fail = undefined;
    expect(await s.write()).toMatchObject({ outcome: "done", action: "create" });
  });

  it("a 401 (a credential being fixed) is retried, not given up", async () => {
    const s = setup([a]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    s.calendar.fail = new CalendarUnavailableError(401, "InvalidAuthenticationToken");
    expect(await s.write()).toMatchObject({ outcome: "retry", status: 401 });
    expect(s.links.docs.size).toBe(0);
  });

  it("a mailbox that refuses (403) is recorded on the link without its address and not tried again for that rev", async () => {
    const s = setup([a]);
    s.meetings.set("m-1", meeting({ ...base, employeeId: "e1" }));
    s.calendar.fail = new CalendarUnavailableError(403, "ErrorAccessDenied");
    expect(await s.write()).toEqual({ outcome: "failed", action: "create", status: 403, code: "ErrorAccessDenied" });
    const { link } = s.links.docs.get("m-1")!;
    expect(link).toMatchObject({ status: "failed", eventId: null, failure: { status: 403, code: "ErrorAccessDenied" } });
    expect(JSON.stringify(link.failure)).not.toContain("@");
    s.calendar.fail = undefined;
    expect(await s.write()).toEqual({ outcome: "done", action: "none" });
  });
});
