import { describe, expect, it } from "vitest";
import type { OutboxEvent } from "../../../shared/booking/model/events.js";
import { bookedTimeOf, freedTimeOf, fulfilledBy, offersFor, touchesWaitlist } from "../../../shared/messages/waitlist-match.js";
import { offerMessageKey, offerUrl } from "../../../shared/messages/waitlist-offers.js";
import { operationIdOf } from "../../../shared/messages/ids.js";
import {
  newEntryId,
  newPageEntryId,
  statusAt,
  targetOfEntryId,
  type StoredEntry,
  type WaitlistEntry,
} from "../../../shared/messages/waitlist.js";

const MT = "8f0c7d2e-1b2a-4c3d-9e8f-0a1b2c3d4e5f";
const T0 = Date.parse("2030-03-04T00:00:00Z");
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function entry(over: Partial<WaitlistEntry> & { id: string }): StoredEntry {
  return {
    etag: "e",
    doc: {
      type: "waitlist",
      target: `mt:${MT}`,
      meetingTypeId: MT,
      choice: null,
      bookingLinkId: null,
      durationMinutes: null,
      timeZone: "Europe/Copenhagen",
      fromTime: iso(T0),
      toTime: iso(T0 + 24 * H),
      contact: { name: "A", email: `${over.id}@example.test`, phone: null },
      language: "da",
      status: "waiting",
      offers: [],
      joinedAt: iso(T0 - 10 * H),
      updatedAt: iso(T0 - 10 * H),
      owner: { tenantId: "t", clientId: "c" },
      subjects: [],
      ttl: 100,
      ...over,
    },
  };
}

const event = (type: OutboxEvent["type"], aggregate: string, data: Record<string, unknown>): OutboxEvent => ({
  id: `evt_${aggregate.replace(":", "_")}_2`,
  type,
  timestamp: iso(T0 - 20 * H),
  aggregate,
  seq: 2,
  data,
});

const slot = { startDate: iso(T0 + 9 * H), endDate: iso(T0 + 10 * H), employeeId: "emp-1", additionalEmployees: [], meetingTypeId: MT };

describe("freed times from events", () => {
  it("a cancel frees the meeting's time; a reservation's end frees the hold's time unless it became the meeting", () => {
    expect(freedTimeOf(event("meeting.cancelled", "meeting:m1", slot))).toEqual({
      sourceId: "m1",
      start: slot.startDate,
      end: slot.endDate,
      meetingTypeId: MT,
      topicId: null,
      employeeIds: ["emp-1"],
    });
    expect(freedTimeOf(event("reservation.expired", "reservation:r1", { ...slot, meetingTypeId: undefined }))?.meetingTypeId).toBeNull();
    expect(freedTimeOf(event("reservation.released", "reservation:r1", { ...slot, reason: "replaced" }))?.start).toBe(slot.startDate);
    expect(freedTimeOf(event("reservation.released", "reservation:r1", { ...slot, reason: "booked" }))).toBeUndefined();
    expect(freedTimeOf(event("meeting.created", "meeting:m1", { ...slot, status: "Booked" }))).toBeUndefined();
  });

  it("a move frees where it was; an update that did not move frees nothing", () => {
    const moved = event("meeting.updated", "meeting:m1", {
      ...slot,
      startDate: iso(T0 + 12 * H),
      endDate: iso(T0 + 13 * H),
      previous: { startDate: slot.startDate, endDate: slot.endDate, employeeId: "emp-1", additionalEmployees: [] },
    });
    expect(freedTimeOf(moved)).toMatchObject({ start: slot.startDate, end: slot.endDate, employeeIds: ["emp-1"] });
    expect(freedTimeOf(event("meeting.updated", "meeting:m1", { ...slot, previous: null }))).toBeUndefined();
    expect(touchesWaitlist(event("meeting.no_show", "meeting:m1", slot))).toBe(false);
  });

  it("a booking of a meeting type names its attendees' e-mails (normalised)", () => {
    const b = bookedTimeOf(
      event("meeting.created", "meeting:m9", { ...slot, status: "Booked", externalAttendees: [{ email: " X@Example.TEST " }] }),
    );
    expect(b).toEqual({ meetingId: "m9", targets: [`mt:${MT}`], start: slot.startDate, end: slot.endDate, emails: ["x@example.test"] });
    expect(bookedTimeOf(event("meeting.created", "meeting:m9", { ...slot, meetingTypeId: null, status: "Booked" }))).toBeUndefined();
    // A booking page meeting: its topic's entries.
    const page = bookedTimeOf(event("meeting.created", "meeting:m9", { ...slot, meetingTypeId: null, topicId: "t1", status: "Booked" }));
    expect(page?.targets).toEqual(["tp:t1"]);
  });
});

describe("offers for a freed time", () => {
  const freed = { start: iso(T0 + 9 * H), end: iso(T0 + 10 * H) };
  const now = T0 - H;
  const times = () => [
    { start: T0 + 8 * H, end: T0 + 9 * H },
    { start: T0 + 9 * H, end: T0 + 10 * H },
    { start: T0 + 9.5 * H, end: T0 + 10.5 * H },
  ];

  it("offers every open entry whose window holds the time, in join order, the first fitting time each", () => {
    const late = entry({ id: "late", joinedAt: iso(T0 - 2 * H) });
    const early = entry({ id: "early", joinedAt: iso(T0 - 5 * H), status: "offered" });
    const offers = offersFor(freed, [late, early], times, now);
    expect(offers.map((o) => o.entry.doc.id)).toEqual(["early", "late"]);
    expect(offers.every((o) => o.start === iso(T0 + 9 * H) && o.end === iso(T0 + 10 * H))).toBe(true);
  });

  it("skips booked entries, windows that do not hold a whole time, and windows already over", () => {
    const entries = [
      entry({ id: "booked", status: "booked" }),
      entry({ id: "before", fromTime: iso(T0), toTime: iso(T0 + 9.5 * H) }),
      entry({ id: "after", fromTime: iso(T0 + 10 * H), toTime: iso(T0 + 20 * H) }),
      entry({ id: "over", fromTime: iso(T0 - 20 * H), toTime: iso(T0 - 2 * H) }),
      entry({ id: "half", fromTime: iso(T0 + 9.5 * H), toTime: iso(T0 + 11 * H) }),
    ];
    const offers = offersFor(freed, entries, times, now);
    // "half" gets the 09:30 time (inside the freed hour, inside its window); the others nothing.
    expect(offers.map((o) => [o.entry.doc.id, o.start])).toEqual([["half", iso(T0 + 9.5 * H)]]);
  });

  it("offers nothing when the freed time is no longer free (someone booked it first) or already started", () => {
    expect(offersFor(freed, [entry({ id: "a" })], () => [{ start: T0 + 8 * H, end: T0 + 9 * H }], now)).toEqual([]);
    expect(offersFor(freed, [entry({ id: "a" })], times, T0 + 9.75 * H)).toEqual([]);
  });

  it("a booking fulfils the same contact's entries whose window holds it", () => {
    const b = { meetingId: "m", targets: [`mt:${MT}`], start: iso(T0 + 9 * H), end: iso(T0 + 10 * H), emails: ["mine@example.test"] };
    const mine = entry({ id: "mine" });
    const other = entry({ id: "other" });
    const outside = entry({ id: "x", contact: { name: "", email: "Mine@example.test", phone: null }, fromTime: iso(T0 + 11 * H) });
    expect(fulfilledBy(b, [mine, other, outside]).map((e) => e.doc.id)).toEqual(["mine"]);
  });
});

describe("entries and offer ids", () => {
  it("ids name their partition (point reads) and nothing else", () => {
    expect(targetOfEntryId(newEntryId(MT))).toBe(`mt:${MT}`);
    expect(targetOfEntryId(newPageEntryId(MT))).toBe(`tp:${MT}`);
    expect(targetOfEntryId("wl_x_y")).toBeUndefined();
  });

  it("an unbooked entry past its window reads as expired", () => {
    const e = entry({ id: "a" }).doc;
    expect(statusAt(e, T0)).toBe("waiting");
    expect(statusAt(e, T0 + 25 * H)).toBe("expired");
    expect(statusAt({ ...e, status: "booked" }, T0 + 25 * H)).toBe("booked");
  });

  it("one message id per (entry, time, channel): a retry or a second host names the same message", () => {
    const a = operationIdOf(offerMessageKey("wl_1", iso(T0), "email"));
    expect(operationIdOf(offerMessageKey("wl_1", iso(T0), "email"))).toBe(a);
    expect(operationIdOf(offerMessageKey("wl_1", iso(T0 + H), "email"))).not.toBe(a);
    expect(operationIdOf(offerMessageKey("wl_2", iso(T0), "email"))).not.toBe(a);
    expect(operationIdOf(offerMessageKey("wl_1", iso(T0), "sms"))).not.toBe(a);
  });

  it("the link opens the booking page on the time, for a page choice (a meeting type's is derived: offer-choice.test.ts)", () => {
    const choice = { topicId: "t1", customerTypeId: "c1", meetingType: "Online", branch: "" };
    const doc = { ...entry({ id: "p" }).doc, meetingTypeId: null, choice };
    const page = new URL(offerUrl("https://bookme.example", doc, choice, iso(T0 + 9 * H)));
    expect(page.pathname).toBe("/book/");
    expect(Object.fromEntries(page.searchParams)).toEqual({ ...choice, at: iso(T0 + 9 * H) });
  });
});
