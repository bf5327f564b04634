/** Which outbox events reach the calendar-writes queue, and that they are queued before they leave the outbox. */
import { describe, expect, it } from "vitest";
import type { DirectoryRepository } from "../../../shared/booking/model/ports.js";
import type { CalendarLink, CalendarLinkStore } from "../../../shared/calendar/calendar-link.js";
import { calendarWriteOutlet } from "../../../shared/calendar/write-outlet.js";
import type { CalendarWriteMessage } from "../../../shared/calendar/write-queue.js";
import { dispatch } from "../../../shared/events/dispatcher.js";
import type { EventsDeps } from "../../../shared/events/events-deps.js";
import type { OutboxEvent } from "../../../shared/booking/model/events.js";
import type { Employee, Room } from "../../../shared/directory/directory.js";
import { employee, room } from "./calendar-fixtures.js";

const synced = { ...employee("e-sync", "a@bank.example"), calendarSync: true };
const quiet = employee("e-quiet", "b@bank.example");
const quietRoom: Room = { ...room, id: "r-quiet", calendarSync: false };

function directoryOf(employees: Employee[], rooms: Room[]): DirectoryRepository {
  return {
    get: async (kind: string, id: string) => (kind === "employee" ? employees.find((e) => e.id === id) : rooms.find((r) => r.id === id)),
  } as unknown as DirectoryRepository;
}

const links = (withEvent: string[] = []): CalendarLinkStore => ({
  get: async (id) =>
    withEvent.includes(id) ? { link: { meetingId: id, eventId: "ev", mailbox: "a@bank.example" } as CalendarLink, etag: "e" } : undefined,
  put: async () => true,
});

const meetingEvent = (id: string, data: Record<string, unknown>, type: OutboxEvent["type"] = "meeting.updated"): OutboxEvent => ({
  id: `evt_meeting_${id}_2`,
  type,
  timestamp: "2026-12-01T10:00:00.000Z",
  aggregate: `meeting:${id}`,
  seq: 2,
  data,
});

describe("the calendar write outlet", () => {
  const sent: CalendarWriteMessage[] = [];
  const outlet = calendarWriteOutlet(directoryOf([synced, quiet], [room, quietRoom]), links(["m-linked"]), {
    send: async (m) => void sent.push(m),
  });

  it.each([
    ["the advisor syncs", meetingEvent("m1", { employeeId: "e-sync", roomId: null }), true],
    ["only the room syncs (it has a mailbox)", meetingEvent("m2", { employeeId: "e-quiet", roomId: "r1" }), true],
    ["moved away from an advisor who syncs", meetingEvent("m3", { employeeId: "e-quiet", previous: { employeeId: "e-sync" } }), true],
    ["nobody syncs, no event written", meetingEvent("m4", { employeeId: "e-quiet", roomId: "r-quiet" }), false],
    ["nobody syncs now, but BookMe wrote an event (sync switched off since)", meetingEvent("m-linked", { employeeId: "e-quiet" }), true],
  ])("%s: %s", async (_name, event, wanted) => {
    expect(await outlet.wants(event)).toBe(wanted);
  });
});

describe("the dispatcher and the calendar-writes queue", () => {
  function deps(pending: OutboxEvent[], send: (m: CalendarWriteMessage) => Promise<void>) {
    const dispatched: string[] = [];
    const outbox = {
      pending: async () => pending.filter((e) => !dispatched.includes(e.id)),
      markDispatched: async (id: string) => void dispatched.push(id),
    };
    const d = {
      outbox,
      subscriptions: { list: async () => [] },
      calendarWrites: calendarWriteOutlet(directoryOf([synced, quiet], []), links(), { send }),
    } as unknown as EventsDeps;
    return { d, dispatched };
  }

  it("a meeting event of a synced advisor is queued for the writer; a reservation or an unsynced meeting is not", async () => {
    const sent: CalendarWriteMessage[] = [];
    const reservation: OutboxEvent = {
      ...meetingEvent("x", { employeeId: "e-sync" }),
      id: "evt_r",
      aggregate: "reservation:r1",
      type: "reservation.created",
    };
    const { d, dispatched } = deps(
      [meetingEvent("m1", { employeeId: "e-sync" }, "meeting.created"), meetingEvent("m2", { employeeId: "e-quiet" }), reservation],
      async (m) => void sent.push(m),
    );
    await dispatch(d, Date.now());
    expect(sent).toEqual([{ meetingId: "m1", attempt: 1 }]);
    expect(dispatched).toHaveLength(3);
  });

  it("the event stays in the outbox until its calendar message is queued: a failed send is sent again by the next run", async () => {
    const sent: CalendarWriteMessage[] = [];
    let fail = true;
    const { d, dispatched } = deps([meetingEvent("m1", { employeeId: "e-sync" })], async (m) => {
      if (fail) throw new Error("queue unavailable");
      sent.push(m);
    });
    await expect(dispatch(d, Date.now())).rejects.toThrow(/queue unavailable/);
    expect(dispatched).toEqual([]);
    fail = false;
    await dispatch(d, Date.now());
    expect(sent).toEqual([{ meetingId: "m1", attempt: 1 }]);
    expect(dispatched).toEqual(["evt_meeting_m1_2"]);
  });
});
