import { describe, expect, it } from "vitest";
import type { CalendarLink } from "../../../shared/calendar/calendar-link.js";
import { transactionIdOf } from "../../../shared/calendar/calendar-link.js";
import { decideWrite } from "../../../shared/calendar/write-decision.js";
import { retryDelaySeconds } from "../../../shared/calendar/write-queue.js";
import { meeting } from "./calendar-fixtures.js";

const A = "advisor.a@bank.example";
const B = "advisor.b@bank.example";

const link = (over: Partial<CalendarLink> = {}): CalendarLink => ({
  meetingId: "m-1",
  mailbox: A,
  eventId: "ev-1",
  generation: 0,
  rev: 1,
  status: "synced",
  failure: null,
  updatedAt: "2026-12-01T00:00:00.000Z",
  ...over,
});
const noEvent = (over: Partial<CalendarLink> = {}) => link({ mailbox: null, eventId: null, status: "cancelled", generation: 1, ...over });

describe("the calendar writer's decision (meeting, target, link) -> action", () => {
  const cases: [string, Parameters<typeof decideWrite>, ReturnType<typeof decideWrite>][] = [
    [
      "a new booking in a synced calendar is created (generation 0)",
      [meeting(), A, undefined],
      { kind: "create", mailbox: A, generation: 0 },
    ],
    [
      "a provisional (Pending) booking holds its time: created too",
      [meeting({ status: "Pending" }), A, undefined],
      { kind: "create", mailbox: A, generation: 0 },
    ],
    ["a meeting nobody syncs: nothing", [meeting(), null, undefined], { kind: "none" }],
    ["the event already shows this rev: nothing (a duplicate message)", [meeting({ rev: 3 }), A, link({ rev: 3 })], { kind: "none" }],
    ["an older message after a newer write: nothing (the link is ahead)", [meeting({ rev: 2 }), A, link({ rev: 3 })], { kind: "none" }],
    [
      "a moved or edited meeting in the same calendar: PATCH",
      [meeting({ rev: 2 }), A, link()],
      { kind: "update", mailbox: A, eventId: "ev-1" },
    ],
    [
      "a cancelled meeting with an event: cancel it",
      [meeting({ rev: 2, status: "Cancelled" }), A, link()],
      { kind: "cancel", mailbox: A, eventId: "ev-1" },
    ],
    [
      "a meeting that is gone (deleted) with an event: cancel it",
      [undefined, null, link()],
      { kind: "cancel", mailbox: A, eventId: "ev-1" },
    ],
    [
      "a cancelled meeting whose event is cancelled: nothing",
      [meeting({ rev: 2, status: "Cancelled" }), A, noEvent({ rev: 2 })],
      { kind: "none" },
    ],
    ["a cancelled meeting never written: nothing", [meeting({ status: "Cancelled" }), A, undefined], { kind: "none" }],
    [
      "moved to another synced advisor: cancel in the old mailbox, create in the new (next generation)",
      [meeting({ rev: 2 }), B, link()],
      { kind: "recreate", from: { mailbox: A, eventId: "ev-1" }, mailbox: B, generation: 1 },
    ],
    [
      "moved to an advisor who does not sync: cancel in the old mailbox",
      [meeting({ rev: 2 }), null, link()],
      { kind: "cancel", mailbox: A, eventId: "ev-1" },
    ],
    [
      "the event was cancelled before (moved away and back): a create with the next generation",
      [meeting({ rev: 4 }), A, noEvent({ generation: 2, rev: 3 })],
      { kind: "create", mailbox: A, generation: 2 },
    ],
    [
      "a mailbox that refused this rev (403/404) is not tried again",
      [meeting({ rev: 2 }), A, noEvent({ mailbox: A, status: "failed", rev: 2, generation: 0 })],
      { kind: "none" },
    ],
    [
      "a mailbox that refused an earlier rev is tried again once the meeting changed",
      [meeting({ rev: 3 }), A, noEvent({ mailbox: A, status: "failed", rev: 2, generation: 0 })],
      { kind: "create", mailbox: A, generation: 0 },
    ],
  ];
  it.each(cases)("%s", (_name, args, expected) => {
    expect(decideWrite(...args)).toEqual(expected);
  });
});

describe("transactionId and retry delays", () => {
  it("generation 0 is bookme-{meetingId}, later generations differ, all carry the prefix the busy sync recognises", () => {
    expect(transactionIdOf("m-1", 0)).toBe("bookme-m-1");
    expect(transactionIdOf("m-1", 2)).toBe("bookme-m-1~2");
    expect(transactionIdOf("m-1", 1)).not.toBe(transactionIdOf("m-1", 0));
  });
  it("Graph's Retry-After sets the delay; without it exponential, capped at 10 minutes", () => {
    expect(retryDelaySeconds(1, 30_000)).toBe(30);
    expect(retryDelaySeconds(7, 2_500)).toBe(3);
    expect([1, 2, 3].map((a) => retryDelaySeconds(a))).toEqual([2, 4, 8]);
    expect(retryDelaySeconds(20)).toBe(600);
    expect(retryDelaySeconds(1, 3_600_000)).toBe(600);
  });
});
