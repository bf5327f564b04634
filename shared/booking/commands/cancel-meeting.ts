/** Cancelling a meeting: the status change is the commit; its calendar entries go after it. */
import { NotFoundError } from "../../kernel/errors.js";
import type { BookingDeps } from "../write/deps.js";
import type { CancelMeetingCommand } from "../model/commands.js";
import { MAX_HISTORY, type MeetingDoc } from "../model/documents.js";
import { isoOf } from "../../kernel/instants.js";
import { changeableMeeting, type StoredMeeting } from "../queries/meeting-lookup.js";
import { meetingRef } from "../model/schedule-entries.js";
import { runOperation } from "../write/write-protocol.js";
import { meetingCancelled } from "../model/events.js";
import { actorOf } from "../model/caller.js";

export async function cancelMeeting(deps: BookingDeps, cmd: CancelMeetingCommand, now: number): Promise<StoredMeeting> {
  const { meeting, etag } = await changeableMeeting(deps, cmd.id, cmd.ifMatch, cmd.caller);
  if (meeting.status === "Cancelled") throw new NotFoundError("meeting", cmd.id);
  const at = isoOf(now);
  const reason = cmd.reason ?? null;
  const history = [...meeting.history, { at, action: "cancelled" as const, ...(reason ? { reason } : {}) }].slice(-MAX_HISTORY);
  const cancelled: MeetingDoc = {
    ...meeting,
    status: "Cancelled",
    cancellationReason: reason,
    history,
    rev: meeting.rev + 1,
    dateModified: at,
    changedBy: actorOf(cmd.caller, cmd.actor),
  };
  const newEtag = await runOperation(
    deps,
    {
      // Claimed create-only: a concurrent cancel of the same rev owns the intent and gets it refused here.
      intent: {
        id: `cancel:${cmd.id}:${cancelled.rev}`,
        op: "cancel",
        ref: meetingRef(cmd.id),
        addedTo: [],
        addedRev: cancelled.rev,
        removeFrom: meeting.holds,
        removedRev: null,
        reservationId: null,
        createdAt: cancelled.dateModified,
        events: [meetingCancelled(cancelled, reason)],
      },
      holds: [],
      commit: () => deps.meetings.replace(cancelled, etag),
    },
    now,
  );
  return { meeting: cancelled, etag: newEtag };
}
