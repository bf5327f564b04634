import { CalendarGuard } from "./calendar-guard.js";
import type { PersonalDataCipher } from "../model/personal-data.js";
import type { ScheduleRepository, Stores } from "../model/ports.js";
import { type ExternalBusySource } from "../model/ports.js";
import { type QueryLimits } from "../model/ports.js";

export interface BookingTiming {
  reservationTtlMs: number;
  /** How old an intent must be before the sweeper settles it; default INTENT_GRACE_MS (recovery.ts). */
  intentGraceMs?: number;
  /** Live reservations one caller may hold at once (the back office has no cap); default 10. */
  maxLiveReservations?: number;
}

/** What the booking services need: the storage ports, the calendar guard over them, and timing settings. */
export interface BookingDeps extends Stores, BookingTiming {
  guard: CalendarGuard;
  /** Outlook busy times of synced resources (absent: calendar sync is off). */
  externalBusy?: ExternalBusySource;
  /** The same for listings, possibly a few seconds behind (external-busy.ts listingSource); absent: externalBusy. */
  listingBusy?: ExternalBusySource;
  /** Calendar documents for listings, a few seconds behind at most (queries/listing-calendars.ts); absent: schedules. */
  listingSchedules?: ScheduleRepository;
  /** Seals personal data (a meeting's CPR) before it is stored; absent: a CPR is refused. */
  personalData?: PersonalDataCipher;
  /** Cost caps of availability and grid queries (absent: DEFAULT_QUERY_LIMITS). */
  queryLimits?: QueryLimits;
}

export function bookingDeps(
  stores: Stores,
  timing: BookingTiming,
  externalBusy?: ExternalBusySource,
  personalData?: PersonalDataCipher,
): BookingDeps {
  return { ...stores, guard: new CalendarGuard(stores.schedules), ...timing, externalBusy, personalData };
}
