/** A 409 slot_taken carries up to three nearby free slots for the same employee. */
import { availableSlots, type AvailabilityDeps } from "../booking/availability.js";
import { SlotTakenError } from "../booking/calendar-guard.js";
import { DomainError } from "../errors.js";

const NEARBY_MS = 3 * 86_400_000;

export async function nearbySlots(deps: AvailabilityDeps, employeeId: string, start: number, end: number, now: number) {
  const slots = await availableSlots(
    deps,
    {
      explicitEmployeeIds: [employeeId], startDate: new Date(Math.max(now, start - NEARBY_MS)).toISOString(), lookForwardTime: "6.00:00:00",
      employeeTypes: ["Explicit"], serviceGroups: [], meetingTypes: [], requireRoom: false, requireEmployeeParticipation: true,
      meetingDuration: Math.max(15, Math.round((end - start) / 60_000)),
    },
    now,
  );
  const seen = new Set<number>();
  return slots
    .filter((s) => !seen.has(s.start) && seen.add(s.start))
    .sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start) || a.start - b.start)
    .slice(0, 3)
    .map((s) => ({ id: s.id, startDate: new Date(s.start).toISOString(), endDate: new Date(s.end).toISOString(), meetingType: s.meetingType, employeeId: s.employeeId }));
}

export async function withAlternatives<T>(deps: AvailabilityDeps, now: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SlotTakenError && err.resource.startsWith("employee:")) {
      const employeeId = err.resource.slice("employee:".length);
      const alternatives = await nearbySlots(deps, employeeId, err.hold.start, err.hold.end, now).catch(() => []);
      throw new DomainError(err.code, err.message, { ...err.extra, alternatives });
    }
    throw err;
  }
}
