/** Reminder offsets: ISO 8601 durations before the start ("P1D", "PT2H"), per meeting type or from the setting REMINDER_OFFSETS. */
import { isoDurationMs } from "../kernel/fields.js";

export function offsetMs(offset: string): number {
  const ms = isoDurationMs(offset);
  if (ms === undefined) throw new Error(`reminder offset ${offset} is not a positive ISO 8601 duration`);
  return ms;
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
