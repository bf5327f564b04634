/**
 * The calendar writer's decision, from state only: the meeting as it is now, the calendar it belongs
 * in, and where its event is (the link). Replaying, duplicating or reordering messages cannot change
 * the outcome, because no message content goes in.
 */
import { HOLDING_STATUSES, type MeetingDoc } from "../booking/model/documents.js";
import type { CalendarLink } from "./calendar-link.js";

export type WriteAction =
  | { kind: "none" }
  | { kind: "create"; mailbox: string; generation: number }
  | { kind: "update"; mailbox: string; eventId: string }
  | { kind: "cancel"; mailbox: string; eventId: string }
  /** The meeting moved to another calendar: cancel there, create here. */
  | { kind: "recreate"; from: { mailbox: string; eventId: string }; mailbox: string; generation: number };

/**
 * @param target the synced mailbox the meeting's event belongs in (advisor's, else room's), or null
 */
export function decideWrite(meeting: MeetingDoc | undefined, target: string | null, link: CalendarLink | undefined): WriteAction {
  const wanted = meeting && HOLDING_STATUSES.includes(meeting.status) ? target : null;
  if (link?.eventId && link.mailbox) {
    const current = { mailbox: link.mailbox, eventId: link.eventId };
    if (!wanted) return { kind: "cancel", ...current };
    if (wanted !== link.mailbox) return { kind: "recreate", from: current, mailbox: wanted, generation: link.generation + 1 };
    if (link.rev >= meeting!.rev) return { kind: "none" };
    return { kind: "update", ...current };
  }
  if (!wanted) return { kind: "none" };
  // A mailbox that refused this rev (403/404) is not tried again until the meeting changes.
  if (link?.status === "failed" && link.mailbox === wanted && link.rev >= meeting!.rev) return { kind: "none" };
  return { kind: "create", mailbox: wanted, generation: link?.generation ?? 0 };
}
