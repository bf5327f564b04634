/** Building blocks of the request/response schemas; limits are named in errors and in the OpenAPI document. */
import { Duration } from "luxon";
import { z } from "zod";
import { MEETING_TYPES, WEEKDAYS } from "../slots/types.js";
import { parseTimeSpan } from "../slots/timespan.js";
import { isValidTimeZone } from "../slots/zone-calendar.js";

export const LIMITS = { shortText: 200, longText: 4000, list: 100, email: 254 } as const;

/**
 * A custom message for a malformed value only: a missing value keeps zod's default issue, which the
 * edge reports as rule "required" / "is required" (a `message` would replace that one too).
 */
const unlessMissing = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message);

export const Id = z.guid({ error: unlessMissing("must be a UUID (8-4-4-4-12 hex digits)") }).transform((s) => s.toLowerCase());
export const ShortText = z.string().trim().min(1).max(LIMITS.shortText);
export const LongText = z.string().max(LIMITS.longText);
export const Email = z.email().max(LIMITS.email);
/** E.164: + and 7 to 15 digits, no spaces (what SMS providers take). */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
export const Phone = z
  .string()
  .trim()
  .regex(E164_PATTERN, { message: "must be an E.164 phone number: + and 7-15 digits, no spaces (e.g. +4512345678)" });

/** ISO 8601 date-time with an explicit offset or Z; parsed to epoch ms. */
export const Instant = z.iso.datetime({ offset: true, error: unlessMissing("must be an ISO 8601 date-time with Z or an offset") });

export const TimeZone = z
  .string()
  // luxon's IANAZone.isValidZone builds an Intl.DateTimeFormat per call (~1 ms); isValidTimeZone reuses luxon's cached zones.
  .refine((tz) => isValidTimeZone(tz), { message: "must be an IANA time zone such as Europe/Copenhagen" });

export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: "must be HH:mm (00:00-24:00)" });
export const LocalDate = z.iso.date();

/** Milliseconds of a positive ISO 8601 duration ("P1D", "PT2H"); undefined when it is not one. */
export function isoDurationMs(text: string): number | undefined {
  const ms = Duration.fromISO(text).toMillis();
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

const MAX_REMINDER_MS = 30 * 86_400_000;
/** A customer reminder's offset before the start: a positive ISO 8601 duration of at most 30 days. */
export const ReminderOffset = z
  .string()
  .trim()
  .toUpperCase()
  .refine((s) => (isoDurationMs(s) ?? Infinity) <= MAX_REMINDER_MS, {
    message: "must be an ISO 8601 duration from PT1M to P30D, e.g. P1D or PT2H",
  });

export const list = <T extends z.ZodType>(item: T, max: number = LIMITS.list) => z.array(item).max(max);

/** Query-string list: repeated parameters and/or comma-separated values. */
export const queryList = <T extends z.ZodType>(item: T, max: number = LIMITS.list) =>
  z.preprocess((value) => {
    if (value === undefined) return undefined;
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(","));
    return parts.map((p) => p.trim()).filter((p) => p !== "");
  }, z.array(item).max(max));

/** A string matching one of `values` in any letter case becomes that value's canonical spelling. */
export const canonicalSpelling = (values: readonly string[]) => (v: unknown) =>
  typeof v === "string" ? (values.find((x) => x.toLowerCase() === v.trim().toLowerCase()) ?? v) : v;

/** Case-insensitive enum (query strings and bodies), normalised to the canonical spelling. */
export const caseInsensitiveEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(canonicalSpelling(values), z.enum(values));

/** true/false in any letter case (.NET's bool.ToString() writes "True"). */
export const queryBoolean = caseInsensitiveEnum(["true", "false"]).transform((v) => v === "true");

/**
 * Minutes as a number ("90"), or a .NET TimeSpan ("01:30:00"), as clients send durations;
 * a bare number is minutes (not TimeSpan days). Whole minutes only.
 */
export const durationMinutes = (min: number, max: number) =>
  z
    .union([z.number(), z.string().describe('Minutes ("90") or a .NET TimeSpan ("01:30:00")')])
    .transform(toMinutes)
    .pipe(
      z
        .number({ error: unlessMissing('must be minutes (e.g. 90) or a TimeSpan "hh:mm:ss" (e.g. "01:30:00") in whole minutes') })
        .int()
        .min(min)
        .max(max),
    );

function toMinutes(v: number | string): number {
  if (typeof v === "number") return v;
  if (/^\s*\d+\s*$/.test(v)) return Number(v);
  const ms = parseTimeSpan(v);
  return ms === null || ms % 60_000 !== 0 ? Number.NaN : ms / 60_000;
}

export const IdParams = z.object({ id: Id });

/** Enum values in bodies are matched case-insensitively ("online", "Monday") and stored in canonical spelling. */
export const MeetingType = caseInsensitiveEnum(MEETING_TYPES);
export const Weekday = caseInsensitiveEnum(WEEKDAYS);
