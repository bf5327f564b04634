import { registerQueue } from "../../shared/app/register.js";
import { isUnavailable } from "../../shared/kernel/errors.js";
import { writeMeetingEvent } from "../../shared/calendar/write-back.js";
import { CALENDAR_WRITE_QUEUE, CalendarWriteMessage, retryDelaySeconds } from "../../shared/calendar/write-queue.js";

/**
 * One meeting's Outlook event brought in line with the meeting per message. Graph throttled or down
 * (429/503/network) and a database outage come back as a new delayed message honouring Retry-After,
 * so an outage of any length spends neither the host's dequeue count nor the poison queue. Logs carry
 * the meeting id and Graph's status only: no subject, no mailbox, no email.
 */
export const calendarWrite = registerQueue({
  name: "calendar-write",
  queueName: CALENDAR_WRITE_QUEUE,
  connection: "AzureWebJobsStorage",
  async run(deps, message, now, context) {
    const parsed = CalendarWriteMessage.safeParse(message);
    const writes = deps.calendarWrites;
    if (!parsed.success || !writes) {
      context.warn(
        JSON.stringify({ message: parsed.success ? "calendar sync is off; write dropped" : "not a calendar write message; dropped" }),
      );
      return;
    }
    const { meetingId, attempt } = parsed.data;
    let result: Record<string, unknown>;
    try {
      const outcome = await writeMeetingEvent(writes, meetingId, now);
      result = { ...outcome };
      if (outcome.outcome === "retry") {
        const delay = retryDelaySeconds(attempt, outcome.retryAfterMs);
        await writes.queue.send({ meetingId, attempt: attempt + 1 }, delay);
        result.retryInSeconds = delay;
      }
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      await writes.queue.send({ meetingId, attempt: attempt + 1 }, 15);
      result = { outcome: "retry", code: "database_unavailable", retryInSeconds: 15 };
    }
    const line = JSON.stringify({ message: "calendar write", meetingId, attempt, ...result });
    if (result.outcome === "failed") context.warn(line);
    else context.log(line);
  },
});
