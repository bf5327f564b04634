/**
 * Why a slot is missing: for each advisor of the search's pool and each of their local days in the
 * window without a slot, the reasons, judged from the same inputs the slot engine used; for a joint
 * meeting also the further participants' closed, capped and lapsed days, and no_specialist_free.
 */
import { DateTime } from "luxon";
import { bookingRules, employeeWorkingIntervals, generateSlots, type Interval, type Slot, type SlotEmployee } from "../../slots/index.js";
import type { AvailabilitySearch } from "./availability.js";
import { employeeKey } from "../model/schedule-entries.js";

export const EXPLAIN_REASONS = [
  "not_qualified",
  "outside_working_hours",
  "absence",
  "meetings",
  "minimum_notice",
  "maximum_advance",
  "no_room_free",
  "too_short",
  "calendar_degraded",
  "holiday",
  "branch_closed",
  "daily_cap",
  "weekly_cap",
  "monthly_cap",
  "skill_lapsed",
  "excluded_advisor",
  "no_specialist_free",
] as const;
export type ExplainReason = (typeof EXPLAIN_REASONS)[number];

export interface DayExplanation {
  employeeId: string;
  /** The advisor's local date, yyyy-MM-dd. */
  date: string;
  reasons: ExplainedReason[];
}

export interface ExplainedReason {
  code: ExplainReason;
  detail: string;
  /** The resource the reason is about ("employee:{id}", a further participant pool's label) when it is not the advisor's day alone. */
  resource?: string;
  /** The period it covers (a holiday's local day, a cap's week, a lapsed skill's days), UTC ISO. */
  period?: { start: string; end: string };
}

const periodOf = (start: number, end: number) => ({ start: isoOrOpen(start), end: isoOrOpen(end) });
const isoOrOpen = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : "");

const DAY_MS = 86_400_000;
const overlaps = (list: readonly Interval[], from: number, to: number) => list.filter((i) => i.start < to && i.end > from);

/** `slots`: what the engine made of search.input. */
export function explainAvailability(search: AvailabilitySearch, slots: readonly Slot[], now: number): DayExplanation[] {
  const { request, candidates, pool } = search;
  const employeeBusy = search.input?.employeeBusy ?? new Map<string, Interval[]>();
  const withSlots = new Set(slots.map((s) => `${s.employeeId}|${localDate(s.start, zoneOf(pool, s.employeeId))}`));
  const qualified = new Set(candidates.map((e) => e.id));
  const alone = aloneDays(search);
  const out: DayExplanation[] = [];
  for (const e of search.excluded ?? [])
    for (const day of localDays(request.startMs, request.endMs, e.timeZone))
      out.push({
        employeeId: e.id,
        date: day.date,
        reasons: [
          {
            code: "excluded_advisor",
            detail: "excluded for this customer (conflict of interest)",
            resource: employeeKey(e.id),
            period: periodOf(day.start, day.end),
          },
        ],
      });
  for (const e of pool) {
    for (const day of localDays(request.startMs, request.endMs, e.timeZone)) {
      if (withSlots.has(`${e.id}|${day.date}`)) continue;
      // A closed day or a reached cap is the reason, whatever else the day holds.
      const blocked = qualified.has(e.id) ? (search.blocked?.get(e.id) ?? []).filter((b) => b.start < day.end && b.end > day.start) : [];
      const reasons: DayExplanation["reasons"] = blocked.length
        ? blocked.map(({ code, detail, start, end }) => ({ code, detail, resource: employeeKey(e.id), period: periodOf(start, end) }))
        : !qualified.has(e.id)
          ? [notQualified(request)]
          : alone?.has(`${e.id}|${day.date}`)
            ? noSpecialistFree(search, day)
            : dayReasons(e, day, { busy: employeeBusy.get(e.id) ?? [], needsRoom: request.requireRoom, topic: request.topic, now });
      // Outlook busy times count among "meetings"; a calendar behind (or closed when stale) says so too.
      if (search.degraded.includes(employeeKey(e.id)))
        reasons.push({ code: "calendar_degraded", detail: "the advisor's Outlook calendar is not current" });
      out.push({ employeeId: e.id, date: day.date, reasons });
    }
  }
  out.push(...participantDays(search, new Set(pool.map((e) => e.id))));
  return out;
}

/** Joint meetings: the advisor-days that have slots when the further participants are left out. */
function aloneDays(search: AvailabilitySearch): Set<string> | undefined {
  const input = search.input;
  if (!input?.request.participantPools?.length) return undefined;
  const zones = new Map(search.pool.map((e) => [e.id, e.timeZone]));
  const slots = generateSlots({ ...input, request: { ...input.request, participantPools: undefined } });
  return new Set(slots.map((s) => `${s.employeeId}|${localDate(s.start, zones.get(s.employeeId) ?? "UTC")}`));
}

/** Joint meetings: the further participants' closed, capped and lapsed days (a specialist's skill that lapsed, say). */
function participantDays(search: AvailabilitySearch, listed: ReadonlySet<string>): DayExplanation[] {
  const out: DayExplanation[] = [];
  const seen = new Set(listed);
  for (const m of (search.participants ?? []).flatMap((p) => p.members)) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    for (const day of localDays(search.request.startMs, search.request.endMs, m.timeZone)) {
      const blocked = (search.blocked?.get(m.id) ?? []).filter((b) => b.start < day.end && b.end > day.start);
      if (blocked.length)
        out.push({
          employeeId: m.id,
          date: day.date,
          reasons: blocked.map(({ code, detail, start, end }) => ({
            code,
            detail,
            resource: employeeKey(m.id),
            period: periodOf(start, end),
          })),
        });
    }
  }
  return out;
}

/** The advisor is free but no member of some further pool is free with them: which pool, and what its members' day holds. */
function noSpecialistFree(search: AvailabilitySearch, day: { date: string; start: number; end: number }): ExplainedReason[] {
  return (search.participants ?? []).map((p) => {
    const why = p.members
      .map((m) => {
        const codes = (search.blocked?.get(m.id) ?? []).filter((b) => b.start < day.end && b.end > day.start).map((b) => b.code);
        return `${m.id}: ${codes.length ? [...new Set(codes)].join(", ") : "busy or not working then"}`;
      })
      .join("; ");
    return {
      code: "no_specialist_free" as const,
      detail: `no ${p.label} is free with the advisor for the whole meeting on ${day.date} (${p.members.length ? why : "the pool has no members"})`,
      resource: p.label,
      period: periodOf(day.start, day.end),
    };
  });
}

function notQualified(request: AvailabilitySearch["request"]) {
  const what = [request.topic && `topic ${request.topic.id}`, request.customerTypeId && `customer type ${request.customerTypeId}`]
    .filter(Boolean)
    .join(" or ");
  return { code: "not_qualified" as const, detail: `does not serve ${what}` };
}

function dayReasons(
  e: SlotEmployee,
  day: { date: string; start: number; end: number },
  ctx: { busy: Interval[]; needsRoom: boolean; topic: AvailabilitySearch["request"]["topic"]; now: number },
) {
  const reasons: DayExplanation["reasons"] = [];
  const hours = employeeWorkingIntervals({ ...e, absences: [] }, day.start, day.end);
  if (hours.length === 0) return [{ code: "outside_working_hours" as const, detail: `no working hours on ${day.date} (${e.timeZone})` }];
  const working = employeeWorkingIntervals(e, day.start, day.end);
  if (working.length === 0) return [{ code: "absence" as const, detail: "absent all day" }];
  if (working.length < hours.length || working.some((w, i) => w.start !== hours[i]?.start || w.end !== hours[i]?.end))
    reasons.push({ code: "absence", detail: "absent for part of the day" });
  const rules = bookingRules(e, ctx.topic);
  const lastEnd = Math.max(...working.map((w) => w.end));
  const firstStart = Math.min(...working.map((w) => w.start));
  if (lastEnd <= ctx.now + rules.noticeMs)
    reasons.push({ code: "minimum_notice", detail: `bookings need ${Math.round(rules.noticeMs / 60_000)} minutes' notice` });
  if (Number.isFinite(rules.maxDaysAhead) && firstStart > ctx.now + rules.maxDaysAhead * DAY_MS)
    reasons.push({ code: "maximum_advance", detail: `bookable at most ${rules.maxDaysAhead} days ahead` });
  const busy = working.flatMap((w) => overlaps(ctx.busy, w.start, w.end));
  if (busy.length) reasons.push({ code: "meetings", detail: `${busy.length} meetings, holds or Outlook events in the working time` });
  if (reasons.length === 0 && ctx.needsRoom)
    reasons.push({ code: "no_room_free", detail: "no room at the location is open and free when the advisor is" });
  if (reasons.length === 0) reasons.push({ code: "too_short", detail: "the free time is shorter than the meeting with its buffers" });
  return reasons;
}

function zoneOf(pool: readonly SlotEmployee[], id: string): string {
  return pool.find((e) => e.id === id)?.timeZone ?? "UTC";
}

const localDate = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISODate()!;

/** The advisor's local days that the window [from, to) touches, each as its UTC bounds. */
function localDays(from: number, to: number, zone: string): { date: string; start: number; end: number }[] {
  const out = [];
  for (let d = DateTime.fromMillis(from, { zone }).startOf("day"); d.toMillis() < to; d = d.plus({ days: 1 })) {
    out.push({ date: d.toISODate()!, start: d.toMillis(), end: d.plus({ days: 1 }).toMillis() });
  }
  return out;
}
