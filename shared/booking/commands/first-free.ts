/**
 * Holding or moving to a time for whichever advisor is free then: the customer picks a time, not
 * an advisor. The advisor already holding it (or the meeting's own) is tried first, then the
 * others in rotation; a lost race tries the next (in-turn.ts).
 */
import type { AvailabilityQuery } from "../queries/availability.js";
import { slotsAt } from "../queries/free-times.js";
import type { StoredMeeting } from "../queries/meeting-lookup.js";
import { holderKey, tokenPointer, type Actor, type Caller } from "../model/caller.js";
import type { ReservationDoc } from "../model/documents.js";
import { reservationRef } from "../model/schedule-entries.js";
import type { BookingDeps } from "../write/deps.js";
import { SlotTakenError } from "../write/calendar-guard.js";
import { inTurn } from "./in-turn.js";
import { reserve } from "./reservations.js";
import { rescheduleMeeting } from "./reschedule-meeting.js";

type SearchQuery = Omit<AvailabilityQuery, "startMs" | "endMs">;

/** No advisor is left for the time: the last lost race, or a slot_taken without one. */
export class NoAdvisorFreeError extends Error {
  constructor(readonly lost?: SlotTakenError) {
    super("no advisor is free at that time");
  }
}

/**
 * Holds [start, end) under the token for the first free advisor; holding it again extends the same
 * hold. With a caller, the hold is theirs alone (reservations.ts: holder, the token within their own).
 */
export async function holdFirstFree(
  deps: BookingDeps,
  job: { query: SearchQuery; token: string; start: number; end: number; caller?: Caller },
  now: number,
): Promise<ReservationDoc> {
  const previousId = await deps.reservations.tokenTarget(tokenPointer(job.caller && holderKey(job.caller), job.token));
  const previous = previousId ? await deps.reservations.get(previousId) : undefined;
  const query = { ...job.query, ignoreRefs: previousId ? [reservationRef(previousId)] : [] };
  const slots = await slotsAt(deps, { query, start: job.start, end: job.end, preferEmployeeId: previous?.employeeId }, now);
  const outcome = await inTurn(slots, (slot) =>
    reserve(
      deps,
      { start: job.start, end: job.end, employeeId: slot.employeeId, roomId: slot.roomId, token: job.token, caller: job.caller },
      now,
    ),
  );
  if ("done" in outcome) return outcome.done;
  throw new NoAdvisorFreeError(outcome.lost);
}

/** Moves the meeting (same id) to [start, end): its own advisor when free then, else the first free other. */
export async function moveToFirstFree(
  deps: BookingDeps,
  job: { stored: StoredMeeting; query: SearchQuery; start: number; end: number; actor: Actor },
  now: number,
): Promise<StoredMeeting> {
  const { meeting, etag } = job.stored;
  const slots = await slotsAt(deps, { query: job.query, start: job.start, end: job.end, preferEmployeeId: meeting.employeeId }, now);
  const outcome = await inTurn(slots, (slot) =>
    rescheduleMeeting(deps, { id: meeting.id, ifMatch: etag, time: { timeSlotId: slot.id }, actor: job.actor }, now),
  );
  if ("done" in outcome) return outcome.done;
  throw new NoAdvisorFreeError(outcome.lost);
}
