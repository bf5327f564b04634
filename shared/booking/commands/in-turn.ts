/**
 * Try the next advisor: candidates are tried in order; a lost race (slot_taken on the advisor's
 * or the room's calendar) moves on to the next one, anything else stops. The calendar guard makes sure two
 * bookings never get the same advisor and time; this only decides who is tried next.
 */
import { SlotTakenError } from "../write/calendar-guard.js";

/** The first attempt that is not taken, or the last lost race (undefined: there were no candidates). */
export async function inTurn<C, T>(
  candidates: readonly C[],
  attempt: (candidate: C) => Promise<T>,
): Promise<{ done: T } | { lost: SlotTakenError | undefined }> {
  let lost: SlotTakenError | undefined;
  for (const candidate of candidates) {
    try {
      return { done: await attempt(candidate) };
    } catch (err) {
      if (!(err instanceof SlotTakenError)) throw err;
      lost = err;
    }
  }
  return { lost };
}
