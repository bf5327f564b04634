/**
 * When to try a failed delivery again: Standard Webhooks' schedule (after the immediate try: 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), with jitter so receivers coming back are not hit by every
 * sender at once, and never sooner than the receiver's Retry-After.
 */
export const STANDARD_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
/** A queue message becomes visible at most 7 days later. */
const MAX_DELAY_SECONDS = 7 * 24 * 3600;
const JITTER = 0.1;

/** "5,30,60": a shorter schedule (tests); undefined or empty: the standard one. */
export function parseSchedule(text: string | undefined): number[] {
  if (!text) return STANDARD_SCHEDULE_SECONDS;
  const values = text.split(",").map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`retry schedule '${text}' is not a list of seconds`);
  return values;
}

/** Retry-After as seconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Seconds to wait before try number `attempt + 1`, after try number `attempt` (1-based) failed;
 * undefined when that was the last try. `random` is in [0, 1).
 */
export function nextRetryDelay(
  attempt: number,
  schedule: number[],
  retryAfter: number | undefined,
  random = Math.random(),
): number | undefined {
  if (attempt < 1 || attempt > schedule.length) return undefined;
  const base = schedule[attempt - 1];
  const jittered = base * (1 - JITTER + 2 * JITTER * random);
  return Math.min(MAX_DELAY_SECONDS, Math.max(jittered, retryAfter ?? 0));
}
