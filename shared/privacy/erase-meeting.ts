/**
 * One meeting's erasure as an ordinary change: the redacted meeting is the next rev, written through the
 * write protocol like a no-show (a move without holds: the same intent id as any other change of that
 * rev, so it excludes a concurrent change), and its meeting.updated event (personal fields empty) goes
 * to the outbox: webhooks and the calendar writer follow it, and the write protocol writes its audit line.
 */
import { ConflictError, PreconditionFailedError } from "../kernel/errors.js";
import { isoOf } from "../kernel/instants.js";
import { meetingUpdated } from "../booking/model/events.js";
import { saveRevision } from "../booking/write/save-revision.js";
import type { BookingDeps } from "../booking/write/deps.js";
import { holdsPersonalData, redactedMeeting } from "./redaction.js";

const TRIES = 5;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A change of the meeting is in flight (its intent exists): the job tries again on its next run. */
export class MeetingBusyError extends Error {
  constructor(readonly meetingId: string) {
    super(`meeting ${meetingId} is being changed; the erasure tries again`);
  }
}

/** Erases the meeting's personal data; false when there was none left (already erased, or no such meeting). */
export async function eraseMeeting(deps: BookingDeps, meetingId: string, now: number): Promise<boolean> {
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    const found = await deps.meetings.get(meetingId);
    if (!found || !holdsPersonalData(found.meeting)) return false;
    const { meeting, etag } = found;
    const next = redactedMeeting(meeting, isoOf(now));
    try {
      await saveRevision(deps, { meeting, etag, next, event: meetingUpdated(meeting, next) }, now);
      return true;
    } catch (err) {
      // Another change of this rev won (412) or is under way (its intent): read again and retry.
      if (!(err instanceof PreconditionFailedError) && !(err instanceof ConflictError)) throw err;
      await pause(50 * attempt);
    }
  }
  throw new MeetingBusyError(meetingId);
}
