/**
 * Graph's dateTimeTimeZone ({ dateTime: "2026-12-02T09:00:00.0000000", timeZone: "W. Europe Standard Time" })
 * to and from UTC epoch milliseconds. Graph names zones the Windows way by default, IANA when asked;
 * windows-iana maps the former, luxon does the wall-clock arithmetic (DST included).
 */
import { DateTime, IANAZone } from "luxon";
import { findIana } from "windows-iana";

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone?: string;
}

export class UnknownTimeZoneError extends Error {
  constructor(readonly zone: string) {
    super(`unknown time zone: ${zone}`);
  }
}

const UTC_NAMES = new Set(["utc", "etc/utc", "z", "gmt", "tzone://microsoft/utc", "coordinated universal time"]);

/** The IANA zone for a Windows or IANA zone name; UTC when none is given. */
export function ianaZoneOf(zone: string | undefined): string {
  const name = (zone ?? "").trim();
  if (name === "" || UTC_NAMES.has(name.toLowerCase())) return "UTC";
  if (IANAZone.isValidZone(name)) return name;
  const iana = findIana(name)[0];
  if (iana && IANAZone.isValidZone(iana)) return iana;
  throw new UnknownTimeZoneError(name);
}

/** Graph writes up to seven fractional digits; luxon reads at most three. */
function trimFraction(dateTime: string): string {
  return dateTime.replace(/(\.\d{3})\d+/, "$1");
}

export function toEpochMs(value: DateTimeTimeZone): number {
  const zone = ianaZoneOf(value.timeZone);
  const dt = DateTime.fromISO(trimFraction(value.dateTime), { zone, setZone: false });
  if (!dt.isValid) throw new RangeError(`not an ISO date-time: ${value.dateTime}`);
  return dt.toMillis();
}

/** Graph's own format: local wall time without offset, seven fractional digits, and the zone's name. */
export function fromEpochMs(ms: number, timeZone = "UTC"): Required<DateTimeTimeZone> {
  const dt = DateTime.fromMillis(ms, { zone: ianaZoneOf(timeZone) });
  return { dateTime: `${dt.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`, timeZone };
}
