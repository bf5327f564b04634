/** Reminder offsets: ISO 8601 durations before the start ("P1D", "PT2H"), from the setting REMINDER_OFFSETS. */
import { Duration } from "luxon";

export function offsetMs(offset: string): number {
  const d = Duration.fromISO(offset);
  if (!d.isValid || d.toMillis() <= 0) throw new Error(`reminder offset ${offset} is not a positive ISO 8601 duration`);
  return d.toMillis();
}

/** "P1D,PT2H" -> ["P1D", "PT2H"]; throws naming the bad entry. */
export function parseOffsets(text: string): string[] {
  const list = text
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  list.forEach(offsetMs);
  return [...new Set(list)];
}
