/** Nearby free slots for the same employee: what a slot_taken answer offers instead. */
import { availableSlots, type AvailabilityDeps } from "./availability.js";

const NEARBY_MS = 3 * 86_400_000;
const SEARCH_MS = 6 * 86_400_000;

/** Up to three free slots of the employee, the nearest to [start, end) first, one per start time. */
export async function nearbySlots(deps: AvailabilityDeps, employeeId: string, start: number, end: number, now: number) {
  const from = Math.max(now, start - NEARBY_MS);
  const slots = await availableSlots(
    deps,
    {
      explicitEmployeeIds: [employeeId],
      startMs: from,
      endMs: from + SEARCH_MS,
      employeeTypes: ["Explicit"],
      serviceGroups: [],
      meetingTypes: [],
      requireRoom: false,
      requireEmployeeParticipation: true,
      meetingDurationMinutes: Math.max(15, Math.round((end - start) / 60_000)),
    },
    now,
  );
  const seen = new Set<number>();
  return slots
    .filter((s) => !seen.has(s.start) && seen.add(s.start))
    .sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start) || a.start - b.start)
    .slice(0, 3);
}
