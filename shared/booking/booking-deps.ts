import type { DirectoryRepository } from "../store/directory-repository.js";
import type { IntentRepository } from "../store/intent-repository.js";
import type { MeetingRepository } from "../store/meeting-repository.js";
import type { ReservationRepository } from "../store/reservation-repository.js";
import type { ScheduleRepository } from "../store/schedule-repository.js";
import { CalendarGuard } from "./calendar-guard.js";

/** What the booking services need: repositories (ports) and settings. */
export interface BookingDeps {
  directory: DirectoryRepository;
  schedules: ScheduleRepository;
  meetings: MeetingRepository;
  reservations: ReservationRepository;
  intents: IntentRepository;
  guard: CalendarGuard;
  reservationTtlMs: number;
  /** How old an intent must be before the sweeper settles it; default INTENT_GRACE_MS (recovery.ts). */
  intentGraceMs?: number;
}
