/**
 * Meeting analytics per week or month, counted in the branch's time zone (a week is Monday to Sunday
 * of that zone's calendar, a month its calendar month; never UTC days), per advisor or meeting type:
 * meetings held (Booked and NoShow, by start), cancellations (by start) and their lead time (start
 * minus the cancellation), no-shows, and the booking lead time of every meeting booked (start minus
 * its creation). And how a meeting type's assignments were spread over its pool. Pure: the endpoints
 * (functions/console/analytics-*.ts) read the advisors, types and meetings.
 */
import { DateTime } from "luxon";
import type { MeetingDoc } from "../../booking/model/documents.js";

export type Period = "week" | "month";
export type GroupBy = "advisor" | "meetingType";

export interface Bucket {
  /** 2026-W50 or 2026-12. */
  key: string;
  /** Its first and last local date within the asked range. */
  from: string;
  to: string;
}

export interface LeadTime {
  /** Hours, rounded to 0.1; null without a sample. */
  medianHours: number | null;
  meanHours: number | null;
  count: number;
}

export interface MeetingFigures {
  meetings: number;
  cancellations: number;
  noShows: number;
  /** noShows / meetings, 0..1 (4 places); 0 without meetings. */
  noShowRate: number;
  cancellationLead: LeadTime;
  bookingLead: LeadTime;
}

export interface MeetingAnalytics {
  timeZone: string;
  period: Period;
  groupBy: GroupBy;
  from: string;
  to: string;
  buckets: Bucket[];
  groups: { key: string; name: string; buckets: (MeetingFigures & { bucket: string })[]; totals: MeetingFigures }[];
  /** Every group together, per bucket. */
  bucketTotals: (MeetingFigures & { bucket: string })[];
  totals: MeetingFigures;
}

const HOUR_MS = 3_600_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const HELD = new Set<MeetingDoc["status"]>(["Booked", "NoShow"]);

/** The weeks or months covering [from, to] (local dates), each clipped to the range. */
export function bucketsOf(from: string, to: string, period: Period, zone: string): Bucket[] {
  const out: Bucket[] = [];
  const last = DateTime.fromISO(to, { zone });
  for (let d = DateTime.fromISO(from, { zone }).startOf("day"); d <= last;) {
    const end = (period === "week" ? d.endOf("week") : d.endOf("month")).startOf("day");
    const clipped = end > last ? last : end;
    out.push({ key: bucketKey(d, period), from: d.toISODate()!, to: clipped.toISODate()! });
    d = clipped.plus({ days: 1 });
  }
  return out;
}

const bucketKey = (d: DateTime, period: Period) => (period === "week" ? d.toFormat("kkkk-'W'WW") : d.toFormat("yyyy-MM"));

/** The bucket a UTC instant falls in, in the zone. */
export const bucketOfInstant = (iso: string, period: Period, zone: string) => bucketKey(DateTime.fromISO(iso, { zone }), period);

function leadOf(hours: number[]): LeadTime {
  if (!hours.length) return { medianHours: null, meanHours: null, count: 0 };
  const sorted = [...hours].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { medianHours: round1(median), meanHours: round1(hours.reduce((n, h) => n + h, 0) / hours.length), count: hours.length };
}

/** When it was cancelled: its history's cancellation, else its last change. */
function cancelledAt(m: MeetingDoc): string {
  return m.history.findLast((e) => e.action === "cancelled")?.at ?? m.dateModified;
}

export function figuresOf(meetings: readonly MeetingDoc[]): MeetingFigures {
  const held = meetings.filter((m) => HELD.has(m.status));
  const cancelled = meetings.filter((m) => m.status === "Cancelled");
  const noShows = meetings.filter((m) => m.status === "NoShow").length;
  const hoursBefore = (start: string, at: string) => (Date.parse(start) - Date.parse(at)) / HOUR_MS;
  return {
    meetings: held.length,
    cancellations: cancelled.length,
    noShows,
    noShowRate: held.length ? Math.round((noShows / held.length) * 10_000) / 10_000 : 0,
    cancellationLead: leadOf(cancelled.map((m) => hoursBefore(m.startDate, cancelledAt(m)))),
    bookingLead: leadOf(meetings.filter((m) => m.status !== "Pending").map((m) => hoursBefore(m.startDate, m.dateCreated))),
  };
}

/**
 * Figures per group (advisor or meeting type) and bucket. Only meetings starting within [from, to]
 * in the zone count; `names` gives each group's label (and, for advisors, which ones to list even
 * without meetings).
 */
export function meetingAnalyticsOf(
  meetings: readonly MeetingDoc[],
  options: { from: string; to: string; period: Period; groupBy: GroupBy; zone: string; names: Map<string, string> },
): MeetingAnalytics {
  const { from, to, period, groupBy, zone, names } = options;
  const buckets = bucketsOf(from, to, period, zone);
  const inRange = meetings.filter((m) => {
    const day = DateTime.fromISO(m.startDate, { zone }).toISODate()!;
    return day >= from && day <= to;
  });
  const groupOf = (m: MeetingDoc) => (groupBy === "advisor" ? m.employeeId : (m.meetingTypeId ?? ""));
  const keys = [...new Set([...(groupBy === "advisor" ? names.keys() : []), ...inRange.map(groupOf)])];
  const groups = keys
    .map((key) => {
      const own = inRange.filter((m) => groupOf(m) === key);
      return {
        key,
        name: names.get(key) ?? (key === "" ? "(no meeting type)" : key),
        buckets: buckets.map((b) => ({
          bucket: b.key,
          ...figuresOf(own.filter((m) => bucketOfInstant(m.startDate, period, zone) === b.key)),
        })),
        totals: figuresOf(own),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const bucketTotals = buckets.map((b) => ({
    bucket: b.key,
    ...figuresOf(inRange.filter((m) => bucketOfInstant(m.startDate, period, zone) === b.key)),
  }));
  return { timeZone: zone, period, groupBy, from, to, buckets, groups, bucketTotals, totals: figuresOf(inRange) };
}

export interface AssignmentSpread {
  timeZone: string;
  period: Period;
  from: string;
  to: string;
  buckets: Bucket[];
  types: {
    meetingTypeId: string;
    name: string;
    policy: string;
    /** Assigned meetings (Booked, Pending, NoShow) per pool advisor, in total and per bucket. */
    advisors: { employeeId: string; name: string; assigned: number; buckets: { bucket: string; assigned: number }[] }[];
    /** Spread of the totals over the pool: min, max, and the coefficient of variation (stdev / mean, 0 = even). */
    spread: { min: number; max: number; mean: number; coefficientOfVariation: number };
  }[];
}

function spreadOf(counts: number[]): AssignmentSpread["types"][number]["spread"] {
  if (!counts.length) return { min: 0, max: 0, mean: 0, coefficientOfVariation: 0 };
  const mean = counts.reduce((n, c) => n + c, 0) / counts.length;
  const sd = Math.sqrt(counts.reduce((n, c) => n + (c - mean) ** 2, 0) / counts.length);
  return {
    min: Math.min(...counts),
    max: Math.max(...counts),
    mean: round1(mean),
    coefficientOfVariation: mean ? Math.round((sd / mean) * 1000) / 1000 : 0,
  };
}

/**
 * Per meeting type, the assignments to each advisor of its pool (the type's pool among the listed
 * advisors, plus anyone who was assigned one anyway), per bucket, and their spread.
 */
export function assignmentSpreadOf(
  meetings: readonly MeetingDoc[],
  types: readonly { id: string; name: string; policy: string; pool: readonly string[] }[],
  options: { from: string; to: string; period: Period; zone: string; names: Map<string, string> },
): AssignmentSpread {
  const { from, to, period, zone, names } = options;
  const buckets = bucketsOf(from, to, period, zone);
  const assigned = meetings.filter((m) => {
    const day = DateTime.fromISO(m.startDate, { zone }).toISODate()!;
    return m.status !== "Cancelled" && m.meetingTypeId && day >= from && day <= to;
  });
  const rows = types
    .map((type) => {
      const own = assigned.filter((m) => m.meetingTypeId === type.id);
      const ids = [...new Set([...type.pool, ...own.map((m) => m.employeeId)])];
      const advisors = ids
        .map((employeeId) => {
          const mine = own.filter((m) => m.employeeId === employeeId);
          return {
            employeeId,
            name: names.get(employeeId) ?? employeeId,
            assigned: mine.length,
            buckets: buckets.map((b) => ({
              bucket: b.key,
              assigned: mine.filter((m) => bucketOfInstant(m.startDate, period, zone) === b.key).length,
            })),
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
      return {
        meetingTypeId: type.id,
        name: type.name,
        policy: type.policy,
        advisors,
        spread: spreadOf(advisors.map((a) => a.assigned)),
      };
    })
    .filter((t) => t.advisors.length)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { timeZone: zone, period, from, to, buckets, types: rows };
}
