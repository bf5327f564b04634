/**
 * Self-service secrets: a meeting's holder (a customer with the confirmation link) may get, cancel
 * or reschedule it with the secret alone. High entropy, shown once, stored only as a SHA-256 hash;
 * revocable. A wrong or revoked secret is "not found", with no hint that the meeting exists.
 */
import { timingSafeEqual } from "node:crypto";
import { hashSecret, newSecret } from "../model/secrets.js";
import { NotFoundError } from "../../kernel/errors.js";
import type { BookingDeps } from "../write/deps.js";
import { isoOf } from "../../kernel/instants.js";
import { changeableMeeting, type StoredMeeting } from "../queries/meeting-lookup.js";
import { actorOf, type Actor, type Caller } from "../model/caller.js";
import { saveInPlace } from "./change-meeting.js";

export async function meetingBySecret(deps: BookingDeps, id: string, secret: string): Promise<StoredMeeting> {
  const found = await deps.meetings.get(id);
  const stored = found?.meeting.secretHash;
  const given = Buffer.from(hashSecret(secret), "hex");
  if (!found || !stored || stored.length !== given.length * 2 || !timingSafeEqual(Buffer.from(stored, "hex"), given))
    throw new NotFoundError("meeting", id);
  return found;
}

/** A new secret for the meeting (the old one stops working), or none (revoked). */
export async function replaceSecret(
  deps: BookingDeps,
  cmd: { id: string; ifMatch?: string; revoke?: boolean; caller?: Caller; actor?: Actor },
  now: number,
): Promise<{ stored: StoredMeeting; secret?: string }> {
  const { meeting, etag } = await changeableMeeting(deps, cmd.id, cmd.ifMatch, cmd.caller);
  const fresh = cmd.revoke ? undefined : newSecret();
  const next = {
    ...meeting,
    secretHash: fresh?.secretHash ?? null,
    rev: meeting.rev + 1,
    dateModified: isoOf(now),
    changedBy: actorOf(cmd.caller, cmd.actor),
  };
  // Like every new rev, through the write protocol: its meeting.updated event keeps the meeting's event sequence whole.
  return { stored: await saveInPlace(deps, { meeting, next, etag }, now), secret: fresh?.secret };
}
