/**
 * The calendar-writes queue: one message per meeting change that concerns a synced calendar, sent
 * by the events dispatcher before the event leaves the outbox. A message only names the meeting;
 * the writer reads the state itself, so duplicates and reordering are harmless.
 */
import { z } from "zod";

/** The queue the calendar-write function is triggered by (its poison queue: calendar-writes-poison). */
export const CALENDAR_WRITE_QUEUE = "calendar-writes";

export const CalendarWriteMessage = z.object({
  meetingId: z.string().min(1),
  /** 1-based try of this write; a retry after Graph throttling is a new message with attempt + 1. */
  attempt: z.number().int().positive().default(1),
});
export type CalendarWriteMessage = z.output<typeof CalendarWriteMessage>;

export interface CalendarWriteQueue {
  /** Enqueues; the message becomes visible after delaySeconds. */
  send(message: CalendarWriteMessage, delaySeconds?: number): Promise<void>;
}

/** Longest wait between tries: Graph down for hours costs one message every 10 minutes per meeting. */
const MAX_DELAY_S = 600;

/** Seconds until the next try: Graph's Retry-After when it gave one, else exponential from 2 s; at most 10 minutes. */
export function retryDelaySeconds(attempt: number, retryAfterMs?: number): number {
  const backoff = Math.min(2 ** attempt, MAX_DELAY_S);
  return Math.min(MAX_DELAY_S, Math.max(1, retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : backoff));
}
