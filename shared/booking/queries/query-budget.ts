/**
 * Cost caps for availability and grid queries: a budget computed from directory data alone
 * (candidate resources x days, and an estimate of the slots out) and checked before any
 * calendar is read or any slot generated, so one request cannot use up the service.
 */
import { DomainError } from "../../kernel/errors.js";
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from "../model/ports.js";
import { commonMeetingTypes } from "../../slots/selection.js";
import { GRID_STEP_MS, parseClockMinutes, type Interval, type SlotEmployee, type SlotRequest } from "../../slots/index.js";

export interface QueryCost {
  resources: number;
  days: number;
  /** Estimated; undefined when the query has no slot count to estimate (room vacancies). */
  slots?: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Whole days (rounded up) of the part of [start, end) that is not in the past. */
export function windowDays(start: number, end: number, now: number): number {
  return Math.max(0, Math.ceil((end - Math.max(start, now)) / DAY_MS));
}

/** Grid starts a week of the employee's hours offers for a meeting of `durationMs` (overrides not counted). */
export function weeklyStarts(employee: Pick<SlotEmployee, "workingHours">, durationMs: number): number {
  let starts = 0;
  for (const r of employee.workingHours) {
    const s = parseClockMinutes(r.start);
    const e = parseClockMinutes(r.end);
    if (s === null || e === null || e <= s) continue;
    const free = (e - s) * MINUTE_MS - durationMs;
    if (free >= 0) starts += Math.floor(free / GRID_STEP_MS) + 1;
  }
  return starts;
}

/**
 * The cost of an availability search over its candidates: with requireEmployeeParticipation the
 * slots are the first participant's (the others join them); otherwise every candidate's, once per
 * meeting type it offers among those asked for.
 */
export function availabilityCost(candidates: readonly SlotEmployee[], rooms: number, request: SlotRequest, now: number): QueryCost {
  const days = windowDays(request.startMs, request.endMs, now);
  const durationMs = request.meetingDurationMinutes * MINUTE_MS;
  const owners = request.requireEmployeeParticipation ? candidates.slice(0, 1) : candidates;
  const types = (e: SlotEmployee) =>
    commonMeetingTypes(request.requireEmployeeParticipation ? candidates : [e], request.meetingTypes).length;
  const perWeek = owners.reduce((sum, e) => sum + weeklyStarts(e, durationMs) * types(e), 0);
  return { resources: candidates.length + rooms, days, slots: Math.ceil((perWeek * days) / 7) };
}

/** The cost of a grid whose owners' open intervals are known: one slot per grid step of open time. */
export function gridCost(resources: number, intervals: readonly Interval[][], from: number, to: number, now: number): QueryCost {
  let open = 0;
  for (const list of intervals) for (const i of list) open += Math.max(0, Math.min(i.end, to) - Math.max(i.start, from));
  return { resources, days: windowDays(from, to, Math.min(now, from)), slots: Math.ceil(open / GRID_STEP_MS) };
}

/** How a caller narrows each kind of query. */
export type NarrowHint = "availability" | "grid" | "vacancies";

const HINTS: Record<NarrowHint, string> = {
  availability:
    "name fewer employees (explicitEmployeeIds), pick a service group (serviceGroups) or a branch (customerLocation with employeeTypes=Local), filter meetingTypes, or shorten the window (lookForwardTime)",
  grid: "ask for one employee (employeeId) or room (roomId), or a shorter range (startDate/endDate)",
  vacancies: "ask at a location with fewer rooms or for a shorter time slot",
};

export class QueryTooLargeError extends DomainError {
  constructor(limit: string, max: number, value: number, cost: QueryCost, hint: NarrowHint) {
    super(
      "query_too_large",
      `the query covers ${cost.resources} resources x ${cost.days} days` +
        (limit === "QUERY_MAX_SLOTS" ? ` and would produce about ${value} slots` : ` = ${value} resource-days`) +
        `, over the limit of ${max} (setting ${limit}); to narrow it, ${HINTS[hint]}`,
      { limit, max, value, resources: cost.resources, days: cost.days, estimatedSlots: cost.slots, narrowBy: HINTS[hint] },
    );
  }
}

/** Throws query_too_large (400) when the cost is over a limit; call it before reading calendars. */
export function enforceBudget(cost: QueryCost, limits: QueryLimits | undefined, hint: NarrowHint): void {
  const { maxResourceDays, maxSlots } = limits ?? DEFAULT_QUERY_LIMITS;
  const resourceDays = cost.resources * cost.days;
  if (resourceDays > maxResourceDays) throw new QueryTooLargeError("QUERY_MAX_RESOURCE_DAYS", maxResourceDays, resourceDays, cost, hint);
  if (cost.slots !== undefined && cost.slots > maxSlots) throw new QueryTooLargeError("QUERY_MAX_SLOTS", maxSlots, cost.slots, cost, hint);
}
