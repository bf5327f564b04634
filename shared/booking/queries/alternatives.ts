/** Nearby free slots for the same employee (or the same meeting type): what a slot_taken answer offers instead. */
import type { AvailabilityDeps } from "./availability.js";
import { nearbySlots } from "./free-times.js";

/** Up to three free slots of the employee, the nearest to [start, end) first, one per start time. */
export async function employeeAlternatives(deps: AvailabilityDeps, employeeId: string, start: number, end: number, now: number) {
  const query = {
    explicitEmployeeIds: [employeeId],
    employeeTypes: ["Explicit" as const],
    serviceGroups: [],
    meetingTypes: [],
    requireRoom: false,
    requireEmployeeParticipation: true,
    meetingDurationMinutes: Math.max(15, Math.round((end - start) / 60_000)),
  };
  return nearbySlots(deps, { query, start, end }, now);
}

/** Up to three free slots of a meeting type (joint meetings: with every participant), the nearest to [start, end) first. */
export async function typeAlternatives(
  deps: AvailabilityDeps,
  q: { meetingTypeId: string; customerId?: string; start: number; end: number },
  now: number,
) {
  const query = {
    meetingTypeId: q.meetingTypeId,
    customerId: q.customerId,
    explicitEmployeeIds: [],
    employeeTypes: ["Explicit" as const],
    serviceGroups: [],
    meetingTypes: [],
    requireRoom: false,
    requireEmployeeParticipation: false,
    meetingDurationMinutes: Math.round((q.end - q.start) / 60_000),
  };
  return nearbySlots(deps, { query, start: q.start, end: q.end }, now);
}
