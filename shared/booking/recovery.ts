/**
 * The sweeper's work: remove expired reservations, and finish or undo operations whose
 * intent record outlived them (a crash or timeout between the calendar write and the commit).
 * Idempotent, and safe when two sweepers overlap: every step is a conditional or idempotent write.
 */
import type { BookingDeps } from "./booking-deps.js";
import { releaseReservation } from "./reservations.js";
import type { IntentDoc } from "../store/intent-repository.js";

/** An operation still running after this long has been abandoned (function timeout is 30 s). */
export const INTENT_GRACE_MS = 120_000;
const BATCH = 100;

export interface SweepReport {
  expiredReservations: number;
  intentsCompleted: number;
  intentsUndone: number;
}

export async function sweep(deps: BookingDeps, now: number): Promise<SweepReport> {
  const report: SweepReport = { expiredReservations: 0, intentsCompleted: 0, intentsUndone: 0 };
  for (;;) {
    const expired = await deps.reservations.expired(new Date(now).toISOString(), BATCH);
    for (const r of expired) await releaseReservation(deps, r.id);
    report.expiredReservations += expired.length;
    if (expired.length < BATCH) break;
  }
  for (;;) {
    const stale = await deps.intents.olderThan(new Date(now - (deps.intentGraceMs ?? INTENT_GRACE_MS)).toISOString(), BATCH);
    for (const intent of stale) {
      if (await settle(deps, intent)) report.intentsCompleted++;
      else report.intentsUndone++;
      await deps.intents.delete(intent.id);
    }
    if (stale.length < BATCH) break;
  }
  return report;
}

/** Rolls one abandoned operation forward (true) or back (false), judged by its commit record. */
async function settle(deps: BookingDeps, intent: IntentDoc): Promise<boolean> {
  const id = intent.ref.slice(intent.ref.indexOf(":") + 1);
  switch (intent.op) {
    case "reserve": {
      if (await deps.reservations.get(id)) return true;
      await deps.guard.release(intent.addedTo, intent.ref, intent.addedRev);
      return false;
    }
    case "book":
    case "move": {
      const found = await deps.meetings.get(id);
      if (found && found.meeting.rev >= intent.addedRev) {
        if (intent.op === "move") await deps.guard.releaseOlder(intent.removeFrom, intent.ref, intent.addedRev);
        if (intent.reservationId) await releaseReservation(deps, intent.reservationId);
        return true;
      }
      await deps.guard.release(intent.addedTo, intent.ref, intent.addedRev);
      return false;
    }
    case "cancel": {
      const found = await deps.meetings.get(id);
      if (found?.meeting.status !== "Cancelled") return false;
      await deps.guard.release(intent.removeFrom, intent.ref);
      return true;
    }
  }
}
