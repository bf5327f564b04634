/** Wall times in a branch's IANA zone (not the browser's): shown, and turned back into UTC instants. */

/** yyyy-MM-dd of an instant in the zone. */
export const localDate = (iso: string, zone: string) => new Date(iso).toLocaleDateString("en-CA", { timeZone: zone });

/** HH:mm of an instant in the zone. */
export const localTime = (iso: string, zone: string) =>
  new Date(iso).toLocaleTimeString("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(ms: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant (ISO with Z) of a wall time (yyyy-MM-dd, HH:mm) in the zone. */
export function utcOf(date: string, time: string, zone: string): string {
  const [y, mo, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y, mo - 1, d, hh, mm);
  let ms = wall - offsetAt(wall, zone);
  ms = wall - offsetAt(ms, zone);
  return new Date(ms).toISOString();
}
