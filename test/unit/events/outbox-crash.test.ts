/**
 * "An event exists if and only if its change committed": every booking operation stopped after
 * each of its write steps (the process dies, or a write's answer is lost), then one sweep. Then
 * each meeting of rev R has exactly the events seq 1..R (the last one a cancellation iff it is
 * cancelled), each reservation that exists has its created event and no ending, each ending
 * follows a created event, and no event names a meeting or reservation that never committed.
 */
import { describe, expect, it } from "vitest";
import { bookingDeps, type BookingDeps } from "../../../shared/booking/write/deps.js";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { cancelMeeting } from "../../../shared/booking/commands/cancel-meeting.js";
import { updateMeeting } from "../../../shared/booking/commands/change-meeting.js";
import type { BookMeetingCommand } from "../../../shared/booking/model/commands.js";
import { sweep } from "../../../shared/booking/commands/recovery.js";
import { reserve } from "../../../shared/booking/commands/reservations.js";
import { replaceSecret } from "../../../shared/booking/commands/self-service.js";
import { eventId } from "../../../shared/booking/model/events.js";
import type { Employee } from "../../../shared/directory/directory.js";
import { encodeSlotId } from "../../../shared/slots/index.js";
import { InjectedFault, memoryStores, type FaultKind, type MemoryStores } from "../../support/memory/stores.js";
import { meetingDetails } from "../../support/memory/meeting-details.js";

const t = (iso: string) => Date.parse(iso);
const NOW = t("2030-01-07T06:00:00Z"); // a Monday
const AT_9 = { start: t("2030-01-07T09:00:00Z"), end: t("2030-01-07T10:00:00Z") };
const AT_11 = { start: t("2030-01-07T11:00:00Z"), end: t("2030-01-07T12:00:00Z") };

function employee(id: string): Employee {
  return {
    id,
    name: `Advisor ${id}`,
    email: `${id}@bank.example`,
    timeZone: "UTC",
    workingHours: ["monday", "tuesday", "wednesday", "thursday", "friday"].map((day) => ({ day, start: "08:00", end: "17:00" })),
    overrides: [],
    meetingTypes: ["Physical", "Online"],
    locations: ["Branch"],
    serviceGroups: [],
    topicIds: [],
    customerTypeIds: [],
    absences: [],
  } as Employee;
}

async function world(): Promise<{ stores: MemoryStores; deps: BookingDeps }> {
  const stores = memoryStores();
  await stores.directory.put("employee", employee("e1"));
  return { stores, deps: bookingDeps(stores, { reservationTtlMs: 300_000, intentGraceMs: 0 }) };
}

const bookCommand = (time: BookMeetingCommand["time"]): BookMeetingCommand => ({
  version: "v2",
  time,
  employeeId: "e1",
  type: "Online",
  details: meetingDetails({ salesforceId: "sf", customerId: "c1" }),
});
const slotAt = (time: { start: number; end: number }) => encodeSlotId({ employeeId: "e1", meetingType: "Online", ...time });
const bookAt9 = async (deps: BookingDeps) => ({
  meetingId: (await createMeeting(deps, bookCommand({ timeSlotId: slotAt(AT_9) }), NOW)).meeting.id,
});

interface Scenario {
  name: string;
  setup(deps: BookingDeps): Promise<Record<string, string>>;
  run(deps: BookingDeps, ctx: Record<string, string>): Promise<unknown>;
}

const SCENARIOS: Scenario[] = [
  { name: "reserve", setup: async () => ({}), run: (deps) => reserve(deps, { ...AT_9, employeeId: "e1", token: "tok" }, NOW) },
  {
    name: "reserve again under the same token (the first is released)",
    setup: async (deps) => ({ previous: (await reserve(deps, { ...AT_9, employeeId: "e1", token: "tok" }, NOW)).id }),
    run: (deps) => reserve(deps, { ...AT_11, employeeId: "e1", token: "tok" }, NOW),
  },
  {
    name: "book from a slot id",
    setup: async () => ({}),
    run: (deps) => createMeeting(deps, bookCommand({ timeSlotId: slotAt(AT_9) }), NOW),
  },
  {
    name: "book from a reservation (it is released as booked)",
    setup: async (deps) => ({ reservationId: (await reserve(deps, { ...AT_9, employeeId: "e1", token: "tok" }, NOW)).id }),
    run: (deps, ctx) => createMeeting(deps, bookCommand({ timeSlotId: ctx.reservationId }), NOW),
  },
  {
    name: "move",
    setup: bookAt9,
    run: (deps, ctx) => updateMeeting(deps, { id: ctx.meetingId, time: AT_11, details: {}, readOnly: {} }, NOW),
  },
  {
    name: "change the title only",
    setup: bookAt9,
    run: (deps, ctx) => updateMeeting(deps, { id: ctx.meetingId, time: {}, details: { title: "New title" }, readOnly: {} }, NOW),
  },
  {
    name: "cancel with a reason",
    setup: bookAt9,
    run: (deps, ctx) => cancelMeeting(deps, { id: ctx.meetingId, reason: "customer asked" }, NOW),
  },
  { name: "replace the self-service secret", setup: bookAt9, run: (deps, ctx) => replaceSecret(deps, { id: ctx.meetingId }, NOW) },
];

function checkEventsMatchCommits(stores: MemoryStores) {
  const events = [...stores.outbox.events.values()];
  const problems: string[] = [];
  const snapshot = stores.snapshot();
  const meetings = snapshot.meetings;
  for (const m of meetings) {
    const mine = events.filter((e) => e.aggregate === `meeting:${m.id}`).sort((a, b) => a.seq - b.seq);
    const seqs = mine.map((e) => e.seq);
    if (seqs.join() !== Array.from({ length: m.rev }, (_, i) => i + 1).join())
      problems.push(`meeting rev ${m.rev} has events ${seqs.join()}`);
    if (mine[0] && mine[0].type !== "meeting.created") problems.push(`meeting's first event is ${mine[0].type}`);
    if ((mine.at(-1)?.type === "meeting.cancelled") !== (m.status === "Cancelled"))
      problems.push(`meeting ${m.status} ends with ${mine.at(-1)?.type}`);
    for (const e of mine) if (e.id !== eventId(e.aggregate, e.seq)) problems.push(`event id ${e.id}`);
  }
  const meetingIds = new Set(meetings.map((m) => `meeting:${m.id}`));
  for (const e of events.filter((x) => x.aggregate.startsWith("meeting:")))
    if (!meetingIds.has(e.aggregate)) problems.push(`phantom ${e.type} for an uncommitted meeting`);

  const reservations = new Set(
    snapshot.reservationDocs.flatMap((d) => ("id" in d && d.kind === "reservation" ? [`reservation:${d.id}`] : [])),
  );
  const byReservation = new Map<string, string[]>();
  for (const e of events.filter((x) => x.aggregate.startsWith("reservation:")))
    byReservation.set(e.aggregate, [...(byReservation.get(e.aggregate) ?? []), `${e.seq}:${e.type}`]);
  for (const r of reservations)
    if ((byReservation.get(r) ?? []).join() !== "1:reservation.created")
      problems.push(`live reservation has events ${byReservation.get(r)?.join()}`);
  for (const [r, list] of byReservation) {
    if (!list.includes("1:reservation.created")) problems.push(`ending without creation: ${list.join()}`);
    if (!reservations.has(r) && list.length !== 2) problems.push(`gone reservation has events ${list.join()}`);
  }
  return problems;
}

async function stepsOf(s: Scenario): Promise<string[]> {
  const { stores, deps } = await world();
  const ctx = await s.setup(deps);
  stores.faults.arm(-1, "lost");
  await s.run(deps, ctx);
  return [...stores.faults.log];
}

describe("events exist if and only if their change committed", () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: without faults, one event per committed change`, async () => {
      const { stores, deps } = await world();
      const ctx = await scenario.setup(deps);
      await scenario.run(deps, ctx);
      expect(checkEventsMatchCommits(stores)).toEqual([]);
      expect(stores.outbox.events.size).toBeGreaterThan(0);
    });

    for (const kind of ["crash", "lost"] as FaultKind[]) {
      it(`${scenario.name}: ${kind} at every write step, then a sweep, leaves no lost and no phantom event`, async () => {
        const steps = await stepsOf(scenario);
        expect(steps).toContain("outbox.add");
        for (let step = 0; step < steps.length; step++) {
          const { stores, deps } = await world();
          const ctx = await scenario.setup(deps);
          stores.faults.arm(step, kind);
          const outcome = await scenario.run(deps, ctx).then(
            () => "done",
            (err: unknown) => err,
          );
          if (outcome !== "done") expect(outcome, `step ${step} (${steps[step]})`).toBeInstanceOf(InjectedFault);
          stores.faults.disarm();
          await sweep(deps, NOW);
          expect(checkEventsMatchCommits(stores), `${kind} at step ${step} (${steps[step]})`).toEqual([]);
        }
      });
    }
  }

  it("an expired reservation gets reservation.expired from the sweeper, once, even when a sweep dies midway", async () => {
    for (let step = 0; step < 4; step++) {
      const { stores, deps } = await world();
      const r = await reserve(deps, { ...AT_9, employeeId: "e1", token: "tok" }, NOW);
      const later = NOW + 301_000;
      stores.faults.arm(step, "crash");
      await sweep(deps, later).catch(() => undefined);
      stores.faults.disarm();
      await sweep(deps, later);
      const ending = stores.outbox.events.get(eventId(`reservation:${r.id}`, 2));
      expect(ending?.type).toBe("reservation.expired");
      expect(ending?.timestamp).toBe(r.expiresAt);
      expect(checkEventsMatchCommits(stores)).toEqual([]);
    }
  });

  it("a cancellation carries its reason", async () => {
    const { stores, deps } = await world();
    const { meetingId } = await bookAt9(deps);
    await cancelMeeting(deps, { id: meetingId, reason: "customer asked" }, NOW);
    expect(stores.outbox.events.get(eventId(`meeting:${meetingId}`, 2))).toMatchObject({
      type: "meeting.cancelled",
      data: { reason: "customer asked", status: "Cancelled" },
    });
  });

  it("a move carries the previous time; the converted reservation's ending names the meeting", async () => {
    const { stores, deps } = await world();
    const reservation = await reserve(deps, { ...AT_9, employeeId: "e1", token: "tok" }, NOW);
    const { meeting } = await createMeeting(deps, bookCommand({ timeSlotId: reservation.id }), NOW);
    await updateMeeting(deps, { id: meeting.id, time: AT_11, details: {}, readOnly: {} }, NOW);
    const released = stores.outbox.events.get(eventId(`reservation:${reservation.id}`, 2));
    expect(released).toMatchObject({ type: "reservation.released", data: { reason: "booked", meetingId: meeting.id } });
    expect(stores.outbox.events.get(eventId(`meeting:${meeting.id}`, 2))?.data.previous).toMatchObject({
      startDate: new Date(AT_9.start).toISOString(),
    });
  });
});
