import { CalendarGuard } from "./calendar-guard.js";
import type { Stores } from "./ports.js";

export interface BookingTiming {
  reservationTtlMs: number;
  /** How old an intent must be before the sweeper settles it; default INTENT_GRACE_MS (recovery.ts). */
  intentGraceMs?: number;
}

/** What the booking services need: the storage ports, the calendar guard over them, and timing settings. */
export interface BookingDeps extends Stores, BookingTiming {
  guard: CalendarGuard;
}

export function bookingDeps(stores: Stores, timing: BookingTiming): BookingDeps {
  return { ...stores, guard: new CalendarGuard(stores.schedules), ...timing };
}
