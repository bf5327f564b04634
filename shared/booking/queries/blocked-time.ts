/**
 * Time an advisor cannot be booked although they work: closed days (holidays, branch closures) and
 * periods in which their caps are reached. Computed as data (intervals with a reason) and handed to
 * the pure slot engine as absences; explain names the reasons.
 */
import type { Employee } from "../../directory/directory.js";
import type { Interval, SlotEmployee } from "../../slots/index.js";
import type { ScheduleRepository } from "../model/ports.js";
import { employeeKey } from "../model/schedule-entries.js";
import { CAP_PERIODS, capDocId, capExceeded, capUsage, periodOf, type CapReason } from "../write/caps.js";
import type { ClosedDays } from "./closed-days.js";

export interface BlockedSpan extends Interval {
  code: "holiday" | "branch_closed" | CapReason | "skill_lapsed";
  detail: string;
}

/** Each period of the advisor's caps that [from, to) touches, in their zone, whose cap one more meeting of `minutes` would pass. */
export async function cappedSpans(
  schedules: ScheduleRepository,
  employees: readonly Employee[],
  range: Interval,
  minutes: number,
  now: number,
  ignoreRefs: readonly string[] = [],
): Promise<Map<string, BlockedSpan[]>> {
  const wanted: { employeeId: string; docId: string; period: (typeof CAP_PERIODS)[number]; key: string; start: number; end: number }[] = [];
  for (const e of employees) {
    if (!e.caps) continue;
    for (const period of CAP_PERIODS) {
      if (!e.caps[period]) continue;
      for (let at = range.start; at < range.end;) {
        const p = periodOf(period, at, e.timeZone);
        if (!(p.end > at)) break; // an invalid zone
        wanted.push({ employeeId: e.id, docId: capDocId(employeeKey(e.id), period, p.key), period, ...p });
        at = p.end;
      }
    }
  }
  const out = new Map<string, BlockedSpan[]>();
  if (wanted.length === 0) return out;
  const docs = await schedules.entriesOf([...new Set(wanted.map((w) => w.docId))]);
  const byId = new Map(employees.map((e) => [e.id, e]));
  for (const w of wanted) {
    const limit = byId.get(w.employeeId)!.caps![w.period]!;
    const over = capExceeded(capUsage(docs.get(w.docId) ?? [], ignoreRefs, now), { period: w.period, key: w.key, limit }, minutes);
    if (over) out.set(w.employeeId, [...(out.get(w.employeeId) ?? []), { start: w.start, end: w.end, ...over }]);
  }
  return out;
}

/** Closed days and capped periods of each candidate within the range. */
export async function blockedTime(
  deps: { schedules: ScheduleRepository },
  q: { candidates: readonly SlotEmployee[]; directoryEmployees: readonly Employee[]; range: Interval; minutes: number },
  closed: ClosedDays,
  now: number,
  ignoreRefs: readonly string[] = [],
): Promise<Map<string, BlockedSpan[]>> {
  const ids = new Set(q.candidates.map((c) => c.id));
  const capped = await cappedSpans(
    deps.schedules,
    q.directoryEmployees.filter((e) => ids.has(e.id)),
    q.range,
    q.minutes,
    now,
    ignoreRefs,
  );
  const out = new Map<string, BlockedSpan[]>();
  for (const c of q.candidates) {
    const spans: BlockedSpan[] = [
      ...closed
        .spans(c.timeZone, c.locations, q.range.start, q.range.end)
        .map(({ start, end, code, detail }) => ({ start, end, code, detail })),
      ...(capped.get(c.id) ?? []),
    ];
    if (spans.length) out.set(c.id, spans);
  }
  return out;
}

/** The candidate with its blocked time as absences (the engine's input; the directory's mapping stays untouched). */
export function withBlocked(e: SlotEmployee, spans: readonly BlockedSpan[] | undefined): SlotEmployee {
  if (!spans?.length) return e;
  return { ...e, absences: [...(e.absences ?? []), ...spans.map(({ start, end }) => ({ start, end }))] };
}
