/**
 * Retention (GDPR Art. 5(1)(e)) that runs by itself: the privacy-retention timer erases the personal data
 * of meetings RETENTION_DAYS after they ended and of cancelled ones RETENTION_DAYS_CANCELLED after their
 * cancellation, by the same redaction and copies as an erasure, in small batches; expired exports go
 * with the privacy-jobs timer. The meetings keep their times, advisor, status and type for statistics.
 */
import { isoOf } from "../kernel/instants.js";
import { eraseMeeting, MeetingBusyError } from "./erase-meeting.js";
import { redactedEventData } from "./redaction.js";
import { eventId } from "../booking/model/events.js";
import { cprContext } from "../booking/model/personal-data.js";
import type { PrivacyJobDeps } from "./ports.js";

const DAY_MS = 86_400_000;

export interface RetentionReport {
  meetings: number;
  events: number;
  idempotency: number;
  reminders: number;
  calendar: number;
  /** CPR shred keys destroyed. */
  cpr: number;
}

/** One pass over at most `batch` expired meetings; the timer calls it again until none is left. */
export async function applyRetention(deps: PrivacyJobDeps, now: number, batch = 50): Promise<RetentionReport> {
  const { config, stores } = deps.privacy;
  const ids = await stores.expiredMeetings(
    isoOf(now - config.retentionDays * DAY_MS),
    isoOf(now - config.retentionDaysCancelled * DAY_MS),
    batch,
  );
  const report: RetentionReport = { meetings: 0, events: 0, idempotency: 0, reminders: 0, calendar: 0, cpr: 0 };
  for (const id of ids) {
    try {
      if (await eraseMeeting(deps, id, now)) report.meetings++;
    } catch (err) {
      // Being changed right now: the next run takes it.
      if (err instanceof MeetingBusyError) continue;
      throw err;
    }
    const found = await deps.meetings.get(id);
    for (let seq = 1; found && seq <= found.meeting.rev; seq++) {
      const event = await stores.event(eventId(`meeting:${id}`, seq));
      if (!event) continue;
      const data = redactedEventData(event.data);
      if (data === event.data) continue;
      await stores.rewriteEvent({ ...event, data });
      report.events++;
    }
    if (await deps.privacy.shredKeys?.delete(cprContext(id))) report.cpr++;
    report.reminders += (await stores.deleteRemindersOf?.(id)) ?? 0;
    if (deps.privacy.calendarWrite && (await stores.hasCalendarEvent(id))) {
      await deps.privacy.calendarWrite(id);
      report.calendar++;
    }
  }
  report.idempotency = ids.length ? await stores.deleteIdempotencyOf(ids) : 0;
  return report;
}
