/**
 * .NET TimeSpan text ("d.hh:mm:ss", "hh:mm:ss", "hh:mm", "d", each time form with an optional
 * ".fffffff" fraction of seconds) → milliseconds, e.g. lookForwardTime "7.00:00:00".
 * Sub-millisecond digits are truncated. Negative values, hours > 23, minutes or seconds > 59
 * and anything else → null.
 */
const DAYS_ONLY = /^(\d{1,8})$/;
const TIME = /^(?:(\d{1,8})\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
/** TimeSpan.MaxValue is about 10,675,199 days. */
const MAX_DAYS = 10_675_199;

export function parseTimeSpan(text: string): number | null {
  if (typeof text !== "string") return null;
  const s = text.trim();
  const daysOnly = DAYS_ONLY.exec(s);
  if (daysOnly !== null) {
    const days = Number(daysOnly[1]);
    return days <= MAX_DAYS ? days * 86_400_000 : null;
  }
  const m = TIME.exec(s);
  if (m === null) return null;
  const days = m[1] === undefined ? 0 : Number(m[1]);
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  const seconds = m[4] === undefined ? 0 : Number(m[4]);
  if (days > MAX_DAYS || hours > 23 || minutes > 59 || seconds > 59) return null;
  const millis = m[5] === undefined ? 0 : Number(m[5].padEnd(7, "0").slice(0, 3));
  return ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000 + millis;
}
