/**
 * The write protocol of every booking operation (reserve, book, move, cancel), in one place:
 *
 *   1. intent   the write-ahead record, created only if absent (a second request for the same
 *               operation is refused, and the first owns the record);
 *   2. holds    calendar entries taken in document order, all or none (calendar-guard.ts);
 *   3. commit   the one document write that makes the operation real (reservation or meeting);
 *   4. finish   the change's events go to the outbox (computed before the commit and kept in the
 *               intent; deterministic ids, so a second write is a no-op), then what a committed
 *               operation leaves to clean up (older entries, a converted reservation), then the
 *               intent is deleted. An event therefore exists if and only if its change committed:
 *               undo never writes one, and the sweeper's finish writes those a crash left unwritten.
 *
 * What each failure leaves: slot_taken in 2 (the guard undid its holds) and a lost race in 3
 * (412: the holds are undone here) delete the intent, since nothing is left behind. Anything else
 * (a crash, a timeout, the database down) leaves the intent, and the sweeper, judging by the
 * commit record (isCommitted), finishes or undoes the operation with the same finish/undo below.
 */
import { ConflictError, PreconditionFailedError } from "../../kernel/errors.js";
import type { BookingDeps } from "./deps.js";
import type { IntentDoc, ReservationDoc } from "../model/documents.js";
import { reservationExpired, reservationReleased } from "../model/events.js";
import { reservationRef, type Hold } from "../model/schedule-entries.js";
import { SYSTEM_ACTOR, tokenPointer } from "../model/caller.js";
import type { AuditEntry } from "../model/ports.js";
import type { OutboxEvent } from "../model/event-schema.js";

export interface Operation<T> {
  intent: IntentDoc;
  /** What the operation holds; its entries are (intent.ref, intent.addedRev). */
  holds: readonly Hold[];
  /** Holders that do not count as conflicts (the meeting being moved, a reservation being converted). */
  ignoreRefs?: readonly string[];
  /** Reservations only: when the entries stop blocking. */
  expiresAt?: string;
  /** Runs once the intent is claimed, before any hold; a refusal deletes the intent. */
  check?: () => Promise<void>;
  commit: () => Promise<T>;
  /** Request-only steps between the commit and finish (the sweeper does not repeat them). */
  afterCommit?: (result: T) => Promise<void>;
}

export const busyError = (what: string) =>
  new ConflictError("conflict", `${what} is being changed by another request; read it again and retry`);

export async function runOperation<T>(deps: BookingDeps, op: Operation<T>, now: number): Promise<T> {
  const { intent } = op;
  if (!(await deps.intents.create(intent))) throw busyError(intent.ref.replace(":", " "));
  try {
    await op.check?.();
    if (op.holds.length)
      await deps.guard.acquire(
        op.holds,
        { ref: intent.ref, rev: intent.addedRev, expiresAt: op.expiresAt },
        { now, ignoreRefs: [...(op.ignoreRefs ?? [])] },
      );
  } catch (err) {
    // A conflict (slot_taken, a refusal by check) has left nothing behind; any other failure may have.
    if (err instanceof ConflictError) await deps.intents.delete(intent.id);
    throw err;
  }
  let result: T;
  try {
    result = await op.commit();
  } catch (err) {
    if (err instanceof PreconditionFailedError) await undo(deps, intent);
    throw err;
  }
  await op.afterCommit?.(result);
  await finish(deps, intent);
  return result;
}

/** Whether the operation's commit record exists: the sweeper's one question. */
export async function isCommitted(deps: BookingDeps, intent: IntentDoc): Promise<boolean> {
  const id = intent.ref.slice(intent.ref.indexOf(":") + 1);
  if (intent.op === "reserve") return (await deps.reservations.get(id)) !== undefined;
  const found = await deps.meetings.get(id);
  if (intent.op === "cancel") return found?.meeting.status === "Cancelled";
  if (!found) return false;
  // A cancel from the same rev may have taken addedRev instead (moves and cancels claim different intent ids):
  // then the meeting is Cancelled at exactly that rev and this operation never committed.
  const { rev, status } = found.meeting;
  return rev > intent.addedRev || (rev === intent.addedRev && status !== "Cancelled");
}

/** Cleans up after a committed operation and deletes its intent. Idempotent. */
export async function finish(deps: BookingDeps, intent: IntentDoc): Promise<void> {
  for (const event of intent.events ?? []) {
    await deps.outbox.add(event);
    const audit = auditEntryOf(event);
    if (audit) await deps.audit.append(audit);
  }
  if (intent.op === "move") await deps.guard.releaseOlder(intent.removeFrom, intent.ref, intent.addedRev);
  if (intent.op === "cancel") await deps.guard.release(intent.removeFrom, intent.ref);
  if (intent.reservationId) await releaseReservation(deps, intent.reservationId, releaseEnding(intent));
  await deps.intents.delete(intent.id);
}

/** A meeting's event as a line of its audit trail (reservations have none: they are no meeting yet). */
function auditEntryOf(event: OutboxEvent): AuditEntry | undefined {
  if (!event.aggregate.startsWith("meeting:")) return undefined;
  return {
    id: `audit_${event.id}`,
    meetingId: event.aggregate.slice("meeting:".length),
    seq: event.seq,
    action: event.type,
    at: event.timestamp,
    actor: event.actor ?? SYSTEM_ACTOR,
  };
}

/** A converted reservation was booked (as the intent's meeting); a reserve's previous one was replaced. Timestamped at the commit. */
function releaseEnding(intent: IntentDoc): ReservationEnding {
  const meetingId = intent.ref.startsWith("meeting:") ? intent.ref.slice("meeting:".length) : null;
  return (r) => reservationReleased(r, intent.createdAt, meetingId ? "booked" : "replaced", meetingId);
}

/** The event that ends a reservation (released or expired), written before it is deleted. */
export type ReservationEnding = (reservation: ReservationDoc) => ReturnType<typeof reservationReleased>;
export const expiredEnding: ReservationEnding = (r) => reservationExpired(r);

/** Removes what an uncommitted operation added and deletes its intent. Idempotent. */
export async function undo(deps: BookingDeps, intent: IntentDoc): Promise<void> {
  await deps.guard.release(intent.addedTo, intent.ref, intent.addedRev);
  await deps.intents.delete(intent.id);
}

/** The intent of the reserve that made a reservation. */
export const reserveIntentId = (reservationId: string) => `reserve:${reservationId}`;

/**
 * Frees a reservation's calendar entries and deletes it. Idempotent. Its ending event is written
 * first: once the reservation is gone nobody would know to write it (its seq-2 id is shared by
 * expired and released, so only the first ending is ever recorded). A reserve whose request died
 * after its commit is finished first: the reservation exists, so it committed, and once it is gone
 * the sweeper would read the intent as never committed and its reservation.created would be lost.
 */
export async function releaseReservation(deps: BookingDeps, reservationId: string, ending: ReservationEnding): Promise<void> {
  const reservation = await deps.reservations.get(reservationId);
  if (!reservation) return;
  const reserve = await deps.intents.get(reserveIntentId(reservationId));
  if (reserve) await finish(deps, reserve);
  await deps.outbox.add(ending(reservation));
  await deps.guard.release(reservation.holds, reservationRef(reservationId));
  await deps.reservations.delete(reservationId);
  await deps.reservations.clearToken(tokenPointer(reservation.holder, reservation.token), reservationId);
}
