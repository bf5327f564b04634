/** timeZone=<IANA> on listings: local-time fields with that zone's offset beside the UTC (Z) ones. */
import { DateTime } from "luxon";

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).toISO({ suppressMilliseconds: true })!;

/** The item with startLocal/endLocal (ISO 8601 with the zone's offset) and timeZone added, when a zone was asked for. */
export function withLocalTimes<T extends { startDate: string; endDate: string }>(
  item: T,
  zone: string | undefined,
): T | (T & { startLocal: string; endLocal: string; timeZone: string }) {
  if (!zone) return item;
  return { ...item, startLocal: local(item.startDate, zone), endLocal: local(item.endDate, zone), timeZone: zone };
}
