/**
 * A meeting's new revision that holds nothing new and frees nothing (an edit, a confirmation, a
 * no-show, an erasure): written as a move without holds, so its event is in an intent the sweeper
 * finishes if the process dies between the write and the event. The intent id is that of any other
 * change of this rev, so concurrent changes of one rev exclude each other.
 */
import type { OutboxEvent } from "../model/event-schema.js";
import type { MeetingDoc } from "../model/documents.js";
import { meetingRef } from "../model/schedule-entries.js";
import type { BookingDeps } from "./deps.js";
import { runOperation } from "./write-protocol.js";

export async function saveRevision(
  deps: BookingDeps,
  change: { meeting: MeetingDoc; etag: string; next: MeetingDoc; event: OutboxEvent },
  now: number,
): Promise<{ meeting: MeetingDoc; etag: string }> {
  const { meeting, etag, next, event } = change;
  const newEtag = await runOperation(
    deps,
    {
      intent: {
        id: `move:${meeting.id}:${next.rev}`,
        op: "move",
        ref: meetingRef(meeting.id),
        addedTo: [],
        addedRev: next.rev,
        removeFrom: [],
        removedRev: meeting.rev,
        reservationId: null,
        createdAt: next.dateModified,
        events: [event],
      },
      holds: [],
      commit: () => deps.meetings.replace(next, etag),
    },
    now,
  );
  return { meeting: next, etag: newEtag };
}
