/** meetergo's availability reads over BookMe's availability by meeting type. */
import { DateTime, IANAZone } from "luxon";
import type { BookingDeps } from "../../booking/write/deps.js";
import { meetingTypeOf } from "../../booking/queries/meeting-types.js";
import { fieldError, ValidationError } from "../../kernel/errors.js";
import { mergeIntervals } from "../../slots/intervals.js";
import { isoOf } from "../../kernel/instants.js";
import { meetingTypeTimes } from "../facades/core-calls.js";
import { checkQueue } from "./booking.js";

const MAX_RANGE_MS = 62 * 86_400_000;

function range(start: string, end: string) {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (endMs <= startMs) throw new ValidationError([fieldError("end", "must be after start", "after_start")]);
  if (endMs - startMs > MAX_RANGE_MS) throw new ValidationError([fieldError("end", "must be at most 62 days after start", "max_range")]);
  return { startMs, endMs };
}

/** GET /booking-availability/v2: free windows (the union of every free slot of the queue's advisors). */
export async function timeframes(
  deps: BookingDeps,
  q: { meetingTypeId: string; queueId?: string; start: string; end: string },
  now: number,
) {
  const type = await meetingTypeOf(deps.directory, q.meetingTypeId);
  checkQueue(type, q.queueId);
  const times = await meetingTypeTimes(deps, { meetingTypeId: type.id, ...range(q.start, q.end) }, now);
  return { timezone: "utc", timeframes: mergeIntervals(times).map((w) => ({ start: isoOf(w.start), end: isoOf(w.end) })) };
}

/** GET /v4/booking-availability: bookable start times grouped by local date of the given time zone (else the meeting type's, else UTC). */
export async function dates(
  deps: BookingDeps,
  q: {
    meetingTypeId: string;
    queueId?: string;
    start: string;
    end: string;
    hostIds?: string[];
    meetingDuration?: number;
    timezone?: string;
  },
  now: number,
) {
  if (q.timezone !== undefined && !IANAZone.isValidZone(q.timezone))
    throw new ValidationError([fieldError("timezone", "must be an IANA time zone, e.g. Europe/Berlin", "time_zone")]);
  const type = await meetingTypeOf(deps.directory, q.meetingTypeId);
  // The dates are days in the asked zone, else in the meeting type's (when it names one), else UTC.
  const zone = q.timezone ?? type.timeZone ?? "UTC";
  checkQueue(type, q.queueId);
  const times = await meetingTypeTimes(
    deps,
    { meetingTypeId: type.id, hostIds: q.hostIds, durationMinutes: q.meetingDuration, ...range(q.start, q.end) },
    now,
  );
  const byDate = new Map<string, { startTime: string; endTime: string }[]>();
  for (const t of times) {
    const date = DateTime.fromMillis(t.start, { zone }).toISODate()!;
    byDate.set(date, [...(byDate.get(date) ?? []), { startTime: isoOf(t.start), endTime: isoOf(t.end) }]);
  }
  return { timezone: zone, dates: [...byDate].map(([date, spots]) => ({ date, spots })) };
}
