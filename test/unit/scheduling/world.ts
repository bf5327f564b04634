/** A small bank over the in-memory ports for the scheduling tests: advisors in Copenhagen and Aarhus, one meeting type. */
import { bookingDeps, type BookingDeps } from "../../../shared/booking/write/deps.js";
import type { Employee } from "../../../shared/directory/directory.js";
import { MeetingTypeBody } from "../../../shared/directory/meeting-types.js";
import type { BookMeetingCommand } from "../../../shared/booking/model/commands.js";
import type { AvailabilityQuery } from "../../../shared/booking/queries/availability.js";
import { memoryStores } from "../../support/memory/stores.js";
import { meetingDetails } from "../../support/memory/meeting-details.js";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export const advisorId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
export const MT = "00000000-0000-4000-8000-0000000000aa";

export function advisor(n: number, over: Partial<Employee> = {}): Employee {
  return {
    id: advisorId(n),
    name: `Advisor ${n}`,
    email: `a${n}@bank.example`,
    timeZone: "Europe/Copenhagen",
    workingHours: WEEKDAYS.map((day) => ({ day, start: "08:00", end: "18:00" })),
    overrides: [],
    meetingTypes: ["Online"],
    locations: ["Copenhagen"],
    serviceGroups: ["advice"],
    topicIds: [],
    customerTypeIds: [],
    absences: [],
    ...over,
  };
}

export async function bank(advisors: Employee[], type: Record<string, unknown> = {}): Promise<BookingDeps> {
  const stores = memoryStores();
  for (const a of advisors) await stores.directory.put("employee", a);
  const parsed = MeetingTypeBody.parse({ name: "Advice", durations: { defaultMinutes: 60 }, pool: { serviceGroup: "advice" }, ...type });
  await stores.directory.put("meetingType", { ...parsed, id: MT });
  return bookingDeps(stores, { reservationTtlMs: 300_000 });
}

export const viaType = (start: number, minutes = 60, customerId = "c"): BookMeetingCommand => ({
  version: "v2",
  meetingTypeId: MT,
  time: { start, end: start + minutes * 60_000 },
  details: meetingDetails({ bookedBy: "Customer", customerId }),
});

export const withAdvisor = (employeeId: string, start: number, minutes = 60): BookMeetingCommand => ({
  version: "v2",
  employeeId,
  type: "Online",
  time: { start, end: start + minutes * 60_000 },
  details: meetingDetails(),
});

export const typeQuery = (startMs: number, endMs: number, over: Partial<AvailabilityQuery> = {}): AvailabilityQuery => ({
  meetingTypeId: MT,
  explicitEmployeeIds: [],
  startMs,
  endMs,
  employeeTypes: ["Explicit"],
  serviceGroups: [],
  meetingTypes: [],
  requireRoom: false,
  requireEmployeeParticipation: false,
  ...over,
});

/** The error code of a failed promise (or "ok"). */
export const outcome = (p: Promise<{ meeting: { employeeId: string } }>) =>
  p.then(
    (b) => b.meeting.employeeId,
    (err: { code?: string; message?: string }) => err.code ?? err.message ?? "error",
  );
