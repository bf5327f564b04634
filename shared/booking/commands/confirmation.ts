/**
 * Provisional bookings: a meeting type with double opt-in (the attendee confirms with the
 * meeting's secret) or host confirmation books the time as Pending, which holds it like any
 * booking. Confirming makes it Booked; declining or letting it expire cancels it and frees the time.
 */
import { ConflictError, DomainError, NotFoundError, PreconditionFailedError } from "../../kernel/errors.js";
import type { BookingDeps } from "../write/deps.js";
import { cancelMeeting } from "./cancel-meeting.js";
import { saveInPlace } from "./change-meeting.js";
import { MAX_HISTORY } from "../model/documents.js";
import { isoOf, msOf } from "../../kernel/instants.js";
import { changeableMeeting, type StoredMeeting } from "../queries/meeting-lookup.js";
import { actorOf, type Actor, type Caller } from "../model/caller.js";

export type Confirmer = "attendee" | "host";

interface ConfirmCommand {
  id: string;
  ifMatch?: string;
  by: Confirmer;
  caller?: Caller;
  actor?: Actor;
}

/** The host is the meeting's advisor (Employee channel) or the back office. */
function mustBeHost(caller: Caller | undefined) {
  if (caller && caller.channel !== "Employee" && caller.channel !== "Backoffice")
    throw new DomainError("channel_not_allowed", "a host confirmation comes from the advisor (Employee channel) or the back office");
}

async function pendingFor(deps: BookingDeps, cmd: ConfirmCommand, now: number): Promise<StoredMeeting> {
  if (cmd.by === "host") mustBeHost(cmd.caller);
  const found = await changeableMeeting(deps, cmd.id, cmd.ifMatch, cmd.caller);
  const { meeting } = found;
  if (meeting.status !== "Pending" || !meeting.confirmation)
    throw new DomainError("not_pending", `meeting ${meeting.id} is ${meeting.status}, not waiting for a confirmation`);
  if (meeting.confirmation.mode !== cmd.by)
    throw new DomainError(
      "forbidden",
      `meeting ${meeting.id} waits for the ${meeting.confirmation.mode === "host" ? "host's" : "attendee's"} confirmation`,
    );
  if (msOf(meeting.confirmation.expiresAt) <= now)
    throw new DomainError("confirmation_expired", `the confirmation of meeting ${meeting.id} expired at ${meeting.confirmation.expiresAt}`);
  return found;
}

export async function confirmMeeting(deps: BookingDeps, cmd: ConfirmCommand, now: number): Promise<StoredMeeting> {
  const { meeting, etag } = await pendingFor(deps, cmd, now);
  const at = isoOf(now);
  const next = {
    ...meeting,
    status: "Booked" as const,
    rev: meeting.rev + 1,
    dateModified: at,
    confirmation: { ...meeting.confirmation!, confirmedAt: at },
    changedBy: actorOf(cmd.caller, cmd.actor),
    history: [...meeting.history, { at, action: "confirmed" as const }].slice(-MAX_HISTORY),
  };
  // Through the write protocol, like every new rev: its meeting.updated (status Booked) keeps the event sequence whole.
  return saveInPlace(deps, { meeting, next, etag }, now);
}

export async function declineMeeting(deps: BookingDeps, cmd: ConfirmCommand & { reason?: string }, now: number): Promise<StoredMeeting> {
  await pendingFor(deps, cmd, now);
  return cancelMeeting(
    deps,
    { id: cmd.id, ifMatch: cmd.ifMatch, reason: cmd.reason ?? `declined by the ${cmd.by}`, caller: cmd.caller, actor: cmd.actor },
    now,
  );
}

/** The sweeper's part: provisional bookings past their confirmation deadline are cancelled. */
export async function expirePending(deps: BookingDeps, now: number, batch = 100): Promise<number> {
  const { items } = await deps.meetings.list({ statuses: ["Pending"], confirmationExpiredAt: isoOf(now) }, batch);
  let expired = 0;
  for (const m of items) {
    try {
      await cancelMeeting(deps, { id: m.id, reason: "confirmation expired" }, now);
      expired++;
    } catch (err) {
      // Confirmed, cancelled or changed meanwhile: nothing to expire now (a changed one comes again next sweep).
      if (!(err instanceof ConflictError || err instanceof PreconditionFailedError || err instanceof NotFoundError)) throw err;
    }
  }
  return expired;
}
