/** A 409 slot_taken carries up to three nearby free slots for the same employee. */
import { employeeAlternatives } from "../../booking/queries/alternatives.js";
import type { AvailabilityDeps } from "../../booking/queries/availability.js";
import { SlotTakenError } from "../../booking/write/calendar-guard.js";
import { isoOf } from "../../kernel/instants.js";
import { DomainError } from "../../kernel/errors.js";

export async function withAlternatives<T>(deps: AvailabilityDeps, now: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SlotTakenError && err.resource.startsWith("employee:")) {
      const employeeId = err.resource.slice("employee:".length);
      const nearby = await employeeAlternatives(deps, employeeId, err.hold.start, err.hold.end, now).catch(() => []);
      const alternatives = nearby.map((s) => ({
        id: s.id,
        startDate: isoOf(s.start),
        endDate: isoOf(s.end),
        meetingType: s.meetingType,
        employeeId: s.employeeId,
      }));
      throw new DomainError(err.code, err.message, { ...err.extra, alternatives });
    }
    throw err;
  }
}
