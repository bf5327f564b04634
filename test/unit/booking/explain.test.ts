/** explain=true: each reason a slot can be missing, from the same inputs the engine used. */
import { describe, expect, it } from "vitest";
import { searchAvailability, type AvailabilityQuery } from "../../../shared/booking/queries/availability.js";
import { bookingDeps } from "../../../shared/booking/write/deps.js";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { explainAvailability } from "../../../shared/booking/queries/explain.js";
import type { Employee } from "../../../shared/directory/directory.js";
import { generateSlots } from "../../../shared/slots/index.js";
import { memoryStores } from "../../support/memory/stores.js";
import { meetingDetails } from "../../support/memory/meeting-details.js";
import { type ExternalBusySource } from "../../../shared/booking/model/ports.js";

const NOW = Date.parse("2030-01-07T06:00:00Z"); // Monday
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

function advisor(n: number, over: Partial<Employee> = {}): Employee {
  return {
    id: id(n),
    name: `A${n}`,
    email: `a${n}@bank.example`,
    timeZone: "UTC",
    workingHours: DAYS.map((day) => ({ day, start: "09:00", end: "11:00" })),
    overrides: [],
    meetingTypes: ["Online"],
    locations: ["Branch"],
    serviceGroups: [],
    topicIds: [],
    customerTypeIds: [],
    absences: [],
    ...over,
  };
}

const query = (over: Partial<AvailabilityQuery> = {}): AvailabilityQuery => ({
  explicitEmployeeIds: [id(1)],
  startMs: Date.parse("2030-01-07T00:00:00Z"),
  endMs: Date.parse("2030-01-14T00:00:00Z"),
  employeeTypes: ["Explicit"],
  serviceGroups: [],
  meetingTypes: [],
  requireRoom: false,
  requireEmployeeParticipation: false,
  meetingDurationMinutes: 60,
  ...over,
});

async function explain(
  employees: Employee[],
  q: AvailabilityQuery,
  setup?: (deps: ReturnType<typeof bookingDeps>) => Promise<void>,
  externalBusy?: ExternalBusySource,
) {
  const stores = memoryStores();
  for (const e of employees) await stores.directory.put("employee", e);
  await stores.directory.put("topic", { id: id(9), name: "Pension", customerTypeIds: [], isCustomerVisible: true });
  const deps = bookingDeps(stores, { reservationTtlMs: 300_000 }, externalBusy);
  await setup?.(deps);
  const search = await searchAvailability(deps, q, NOW);
  return explainAvailability(search, search.input ? generateSlots(search.input) : [], NOW);
}
const codesOn = (list: Awaited<ReturnType<typeof explain>>, date: string) => list.find((d) => d.date === date)?.reasons.map((r) => r.code);

describe("explain", () => {
  it("weekend days: outside working hours; a day with slots is not listed", async () => {
    const list = await explain([advisor(1)], query());
    expect(codesOn(list, "2030-01-12")).toEqual(["outside_working_hours"]);
    expect(codesOn(list, "2030-01-08")).toBeUndefined();
  });

  it("an absence covering the day", async () => {
    const list = await explain([advisor(1, { absences: [{ start: "2030-01-09T00:00:00Z", end: "2030-01-10T00:00:00Z" }] })], query());
    expect(codesOn(list, "2030-01-09")).toEqual(["absence"]);
  });

  it("a day full of meetings names how many", async () => {
    const list = await explain([advisor(1)], query(), async (deps) => {
      for (const h of ["09", "10"]) {
        await createMeeting(
          deps,
          {
            version: "v2",
            employeeId: id(1),
            time: { start: Date.parse(`2030-01-10T${h}:00:00Z`), end: Date.parse(`2030-01-10T${h}:00:00Z`) + 3_600_000 },
            type: "Online",
            details: meetingDetails(),
          },
          NOW,
        );
      }
    });
    const day = list.find((d) => d.date === "2030-01-10")!;
    expect(day.reasons).toEqual([{ code: "meetings", detail: "2 meetings, holds or Outlook events in the working time" }]);
  });

  it("minimum notice and maximum advance", async () => {
    const list = await explain([advisor(1, { minimumNoticeMinutes: 2 * 24 * 60, maxDaysAhead: 3 })], query());
    expect(codesOn(list, "2030-01-07")).toEqual(["minimum_notice"]);
    expect(codesOn(list, "2030-01-11")).toEqual(["maximum_advance"]);
  });

  it("an advisor who does not serve the topic is not qualified", async () => {
    const list = await explain([advisor(1)], query({ topicId: id(9) }));
    expect(codesOn(list, "2030-01-08")).toEqual(["not_qualified"]);
  });

  it("no room free at the location", async () => {
    const list = await explain([advisor(1, { meetingTypes: ["Physical"] })], query({ requireRoom: true, meetingLocation: "Branch" }));
    expect(codesOn(list, "2030-01-08")).toEqual(["no_room_free"]);
  });

  it("free time shorter than the meeting", async () => {
    const list = await explain([advisor(1)], query({ meetingDurationMinutes: 180 }));
    expect(codesOn(list, "2030-01-08")).toEqual(["too_short"]);
  });

  it("an advisor whose Outlook calendar never synced (stale, fail closed) is named as calendar_degraded", async () => {
    const never: ExternalBusySource = {
      policy: { staleAfterMs: 60_000, syncedMonths: 3, failClosed: true, tentativeBlocks: true },
      months: async (ids) => new Map(ids.map((id) => [id, undefined])),
    };
    const list = await explain([advisor(1, { calendarSync: true })], query(), undefined, never);
    expect(codesOn(list, "2030-01-08")).toContain("calendar_degraded");
  });
});
