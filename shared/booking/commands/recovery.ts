/**
 * The sweeper's work: remove expired reservations, and finish or undo operations whose
 * intent record outlived them (a crash or timeout between the calendar write and the commit).
 * Idempotent, and safe when two sweepers overlap: every step is a conditional or idempotent write.
 */
import type { BookingDeps } from "../write/deps.js";
import { expiredEnding, finish, isCommitted, releaseReservation, undo } from "../write/write-protocol.js";
import { expirePending } from "./confirmation.js";
import { isoOf } from "../../kernel/instants.js";

/** An operation still running after this long has been abandoned (function timeout is 30 s). */
export const INTENT_GRACE_MS = 120_000;
const BATCH = 100;

export interface SweepReport {
  expiredReservations: number;
  intentsCompleted: number;
  intentsUndone: number;
  pendingExpired: number;
}

export async function sweep(deps: BookingDeps, now: number): Promise<SweepReport> {
  const report: SweepReport = { expiredReservations: 0, intentsCompleted: 0, intentsUndone: 0, pendingExpired: 0 };
  for (;;) {
    const expired = await deps.reservations.expired(isoOf(now), BATCH);
    for (const r of expired) await releaseReservation(deps, r.id, expiredEnding);
    report.expiredReservations += expired.length;
    if (expired.length < BATCH) break;
  }
  for (;;) {
    const stale = await deps.intents.olderThan(isoOf(now - (deps.intentGraceMs ?? INTENT_GRACE_MS)), BATCH);
    for (const intent of stale) {
      if (await isCommitted(deps, intent)) {
        await finish(deps, intent);
        report.intentsCompleted++;
      } else {
        await undo(deps, intent);
        report.intentsUndone++;
      }
    }
    if (stale.length < BATCH) break;
  }
  for (;;) {
    const expired = await expirePending(deps, now, BATCH);
    report.pendingExpired += expired;
    if (expired < BATCH) break;
  }
  return report;
}
