/**
 * Every booking operation stopped after each of its write steps (the process dies there, or the
 * write happens and its answer is lost), then one sweep: no double booking, no orphan hold, no
 * half-made meeting or reservation, no intent left, and the time is either the committed
 * operation's or free to take again. The spawned-process fault tests are the end-to-end proof.
 */
import { describe, expect, it } from "vitest";
import { bookingDeps, type BookingDeps } from "../../../shared/booking/write/deps.js";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { cancelMeeting } from "../../../shared/booking/commands/cancel-meeting.js";
import { updateMeeting } from "../../../shared/booking/commands/change-meeting.js";
import type { BookMeetingCommand } from "../../../shared/booking/model/commands.js";
import { sweep } from "../../../shared/booking/commands/recovery.js";
import { eventId } from "../../../shared/booking/model/events.js";
import { reserve } from "../../../shared/booking/commands/reservations.js";
import type { Employee, Room } from "../../../shared/directory/directory.js";
import { encodeSlotId } from "../../../shared/slots/index.js";
import { analyseConsistency, violations } from "../../../dev/consistency.js";
import { InjectedFault, memoryStores, type FaultKind, type MemoryStores } from "../../support/memory/stores.js";
import { meetingDetails } from "../../support/memory/meeting-details.js";

const t = (iso: string) => Date.parse(iso);
const NOW = t("2030-01-07T06:00:00Z"); // a Monday
const AT_9 = { start: t("2030-01-07T09:00:00Z"), end: t("2030-01-07T10:00:00Z") };
const AT_11 = { start: t("2030-01-07T11:00:00Z"), end: t("2030-01-07T12:00:00Z") };
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

function employee(id: string): Employee {
  return {
    id,
    name: `Advisor ${id}`,
    email: `${id}@bank.example`,
    timeZone: "UTC",
    workingHours: WEEKDAYS.map((day) => ({ day, start: "08:00", end: "17:00" })),
    overrides: [],
    meetingTypes: ["Physical", "Online"],
    locations: ["Branch"],
    serviceGroups: [],
    topicIds: [],
    customerTypeIds: [],
    absences: [],
  };
}
const ROOM = { id: "r1", name: "Room 1", capacity: 4, location: "Branch", features: [], timeZone: "UTC" } as Room;

async function world(): Promise<{ stores: MemoryStores; deps: BookingDeps }> {
  const stores = memoryStores();
  for (const id of ["e1", "e2"]) await stores.directory.put("employee", employee(id));
  await stores.directory.put("room", ROOM);
  return { stores, deps: bookingDeps(stores, { reservationTtlMs: 300_000, intentGraceMs: 0 }) };
}

function bookCommand(time: BookMeetingCommand["time"]): BookMeetingCommand {
  return {
    version: "v2",
    time,
    employeeId: "e1",
    additionalEmployees: ["e2"],
    roomId: "r1",
    type: "Physical",
    details: meetingDetails({ salesforceId: "sf", customerId: "c1" }),
  };
}
const slotAt = (time: { start: number; end: number }) =>
  encodeSlotId({ employeeId: "e1", additionalEmployees: ["e2"], roomId: "r1", meetingType: "Physical", ...time });

interface Scenario {
  name: string;
  /** Builds the state before the operation; returns what the operation needs. */
  setup(deps: BookingDeps): Promise<Record<string, string>>;
  run(deps: BookingDeps, ctx: Record<string, string>): Promise<unknown>;
}

const bookAt9 = async (deps: BookingDeps) => ({
  meetingId: (await createMeeting(deps, bookCommand({ timeSlotId: slotAt(AT_9) }), NOW)).meeting.id,
});

const SCENARIOS: Scenario[] = [
  {
    name: "reserve",
    setup: async () => ({}),
    run: (deps) => reserve(deps, { ...AT_9, employeeId: "e1", roomId: "r1", token: "tok" }, NOW),
  },
  {
    name: "reserve under a token that holds another time",
    setup: async (deps) => ({ previous: (await reserve(deps, { ...AT_9, employeeId: "e1", token: "tok" }, NOW)).id }),
    run: (deps) => reserve(deps, { ...AT_11, employeeId: "e1", roomId: "r1", token: "tok" }, NOW),
  },
  {
    name: "book from a slot id (advisor, second advisor, room)",
    setup: async () => ({}),
    run: (deps) => createMeeting(deps, bookCommand({ timeSlotId: slotAt(AT_9) }), NOW),
  },
  {
    name: "book from a reservation",
    setup: async (deps) => ({ reservationId: (await reserve(deps, { ...AT_9, employeeId: "e1", roomId: "r1", token: "tok" }, NOW)).id }),
    run: (deps, ctx) => createMeeting(deps, { ...bookCommand({ timeSlotId: ctx.reservationId }), additionalEmployees: [] }, NOW),
  },
  {
    name: "move",
    setup: bookAt9,
    run: (deps, ctx) => updateMeeting(deps, { id: ctx.meetingId, time: AT_11, details: {}, readOnly: {} }, NOW),
  },
  {
    name: "move onto a reservation made for it",
    setup: async (deps) => ({ ...(await bookAt9(deps)), reservationId: "" }),
    run: async (deps, ctx) =>
      updateMeeting(deps, { id: ctx.meetingId, time: { timeSlotId: ctx.reservationId }, details: {}, readOnly: {} }, NOW),
  },
  { name: "cancel", setup: bookAt9, run: (deps, ctx) => cancelMeeting(deps, { id: ctx.meetingId }, NOW) },
];

// The reservation of "move onto a reservation" needs the meeting's id, so it is made in a second setup step.
const setupFor = async (s: Scenario, deps: BookingDeps) => {
  const ctx = await s.setup(deps);
  if ("reservationId" in ctx && ctx.reservationId === "") {
    ctx.reservationId = (
      await reserve(deps, { ...AT_11, employeeId: "e1", roomId: "r1", token: "move-tok", existingMeetingId: ctx.meetingId }, NOW)
    ).id;
  }
  return ctx;
};

async function writeSteps(s: Scenario): Promise<string[]> {
  const { stores, deps } = await world();
  const ctx = await setupFor(s, deps);
  stores.faults.arm(-1, "lost");
  await s.run(deps, ctx);
  return [...stores.faults.log];
}

async function expectConsistentAfterSweep(stores: MemoryStores, deps: BookingDeps) {
  await sweep(deps, NOW);
  const report = analyseConsistency(stores.snapshot(), NOW);
  expect(violations(report)).toEqual([]);
  expect(report.intents).toBe(0);
  // Every committed change of a meeting has its line in the audit trail.
  const meetingEvents = [...stores.outbox.events.values()].filter((e) => e.aggregate.startsWith("meeting:"));
  expect(meetingEvents.filter((e) => !stores.audit.entries.has(`audit_${e.id}`)).map((e) => e.id)).toEqual([]);
}

describe("each booking operation stopped after each write step, then one sweep", () => {
  for (const scenario of SCENARIOS) {
    for (const kind of ["crash", "lost"] as FaultKind[]) {
      it(`${scenario.name}: ${kind} at every step leaves a consistent store`, async () => {
        const steps = await writeSteps(scenario);
        expect(steps.length).toBeGreaterThan(1);
        for (let step = 0; step < steps.length; step++) {
          const { stores, deps } = await world();
          const ctx = await setupFor(scenario, deps);
          stores.faults.arm(step, kind);
          const outcome = await scenario.run(deps, ctx).then(
            () => "done",
            (err: unknown) => err,
          );
          if (outcome !== "done") expect(outcome, `step ${step} (${steps[step]})`).toBeInstanceOf(InjectedFault);
          stores.faults.disarm();
          await expectConsistentAfterSweep(stores, deps);
        }
      });
    }
  }

  it("a booking that crashed before its commit leaves the time free to book again; one that committed keeps it", async () => {
    const steps = await writeSteps(SCENARIOS[2]);
    const commit = steps.indexOf("meetings.create");
    for (let step = 0; step < steps.length; step++) {
      const { stores, deps } = await world();
      stores.faults.arm(step, "crash");
      await createMeeting(deps, bookCommand({ timeSlotId: slotAt(AT_9) }), NOW).catch(() => undefined);
      stores.faults.disarm();
      await sweep(deps, NOW);
      const again = await createMeeting(deps, bookCommand({ timeSlotId: slotAt(AT_9) }), NOW).then(
        () => "booked",
        (err: { code?: string }) => err.code,
      );
      expect(again, `crash at step ${step} (${steps[step]})`).toBe(step <= commit ? "booked" : "slot_taken");
    }
  });

  it("a sweep that itself dies midway is finished by the next one", async () => {
    const steps = await writeSteps(SCENARIOS[4]);
    for (let step = 0; step < steps.length; step++) {
      const { stores, deps } = await world();
      const ctx = await setupFor(SCENARIOS[4], deps);
      stores.faults.arm(step, "crash");
      await SCENARIOS[4].run(deps, ctx).catch(() => undefined);
      for (let sweepStep = 0; sweepStep < 6; sweepStep++) {
        stores.faults.arm(sweepStep, "crash");
        await sweep(deps, NOW).catch(() => undefined);
      }
      stores.faults.disarm();
      await expectConsistentAfterSweep(stores, deps);
    }
  });

  it("a reserve that crashed after its commit and whose hold then ended (expired, or booked) still has its reservation.created, before the ending", async () => {
    const steps = await writeSteps(SCENARIOS[0]);
    const commit = steps.indexOf("reservations.create");
    for (const end of ["expired", "booked"] as const) {
      for (let step = 0; step < steps.length; step++) {
        const { stores, deps } = await world();
        stores.faults.arm(step, "crash");
        await SCENARIOS[0].run(deps, {}).catch(() => undefined);
        stores.faults.disarm();
        const id = [...stores.intents.docs.values()].find((i) => i.op === "reserve")?.ref.slice("reservation:".length);
        if (end === "booked" && step > commit && id)
          await createMeeting(deps, { ...bookCommand({ timeSlotId: id }), additionalEmployees: [] }, NOW);
        await sweep(deps, NOW + 600_000);
        const own = id ? [1, 2].map((seq) => eventId(`reservation:${id}`, seq)) : [];
        const events = [...stores.outbox.events.keys()].filter((e) => own.includes(e));
        const expected = step > commit ? own : [];
        expect(events, `${end} after a crash at step ${step} (${steps[step]})`).toEqual(expected);
      }
    }
  });

  it("a move to another month that crashed after its holds, then a cancel of the same rev: one sweep leaves the cancelled meeting holding nothing", async () => {
    const nextMonth = { start: t("2030-02-04T09:00:00Z"), end: t("2030-02-04T10:00:00Z") }; // a Monday, in other calendar documents
    const steps = await writeSteps(SCENARIOS[4]);
    const commit = steps.indexOf("meetings.replace");
    for (let step = 0; step < commit; step++) {
      const { stores, deps } = await world();
      const { meetingId } = await bookAt9(deps);
      stores.faults.arm(step, "crash");
      await updateMeeting(deps, { id: meetingId, time: nextMonth, details: {}, readOnly: {} }, NOW).catch(() => undefined);
      stores.faults.disarm();
      await cancelMeeting(deps, { id: meetingId }, NOW);
      await expectConsistentAfterSweep(stores, deps);
    }
  });
});
