/**
 * Reminders as due-time documents: re-planned from the meeting's current state by every message
 * job of its events (order-free: the plan depends on the state, not on which event came first), and
 * claimed when due by the timer with an If-Match replace, so two hosts never queue the same one.
 */
import type { MeetingDoc } from "../booking/model/documents.js";
import { isoOf } from "../kernel/instants.js";
import type { MessagesDeps } from "./deps.js";
import { desiredReminders, reminderChanges } from "./plan.js";

/** A claim lasts this long; a host that died after claiming leaves it to the next timer run after. */
export const CLAIM_MS = 120_000;

export interface ReplanReport {
  created: number;
  replaced: number;
  removed: number;
}

/** The meeting type's own reminder offsets, else the deployment's (REMINDER_OFFSETS). */
async function offsetsFor(deps: Pick<MessagesDeps, "offsets" | "directory">, meeting: MeetingDoc): Promise<string[]> {
  const type = meeting.meetingTypeId ? await deps.directory.get("meetingType", meeting.meetingTypeId) : undefined;
  return type?.reminders ?? deps.offsets;
}

export async function replanReminders(
  deps: Pick<MessagesDeps, "store" | "offsets" | "directory">,
  meeting: MeetingDoc,
  now: number,
): Promise<ReplanReport> {
  const [existing, offsets] = await Promise.all([deps.store.reminders(meeting.id), offsetsFor(deps, meeting)]);
  const changes = reminderChanges(existing, desiredReminders(meeting, offsets, now), meeting.rev, now);
  // Each write is conditional; losing a race to another planner is fine: the sender re-checks the meeting before sending.
  await Promise.all([
    ...changes.create.map((d) => deps.store.createReminder(d)),
    ...changes.replace.map((r) => deps.store.replaceReminder(r.doc, r.etag)),
    ...changes.remove.map((r) => deps.store.deleteReminder(r.doc, r.etag)),
  ]);
  return { created: changes.create.length, replaced: changes.replace.length, removed: changes.remove.length };
}

/** Claims due reminders and queues each once; returns how many were queued. */
export async function claimDueReminders(deps: Pick<MessagesDeps, "store" | "queue">, now: number, limit = 50): Promise<number> {
  const due = await deps.store.dueReminders(isoOf(now), limit);
  let queued = 0;
  for (const { doc, etag } of due) {
    const claimed = await deps.store.replaceReminder(
      { ...doc, status: "claimed", claimedUntil: isoOf(now + CLAIM_MS), updatedAt: isoOf(now) },
      etag,
    );
    if (!claimed) continue;
    await deps.queue.send({ type: "reminder", meetingId: doc.meetingId, reminderId: doc.id });
    queued++;
  }
  return queued;
}
