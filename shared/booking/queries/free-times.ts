/**
 * Free times as a customer or an integrator sees them: any advisor, each time once; the advisors
 * free at exactly one time, in the order they are tried; and the free times nearest to a taken one.
 * The page, the facades and slot_taken's alternatives all ask these questions here.
 */
import type { Interval, Slot } from "../../slots/index.js";
import { availableSlots, type AvailabilityDeps, type AvailabilityQuery } from "./availability.js";

const DAY_MS = 86_400_000;
/** Alternatives are searched from three days before the taken time, over six days. */
const NEARBY_BEFORE_MS = 3 * DAY_MS;
const NEARBY_SEARCH_MS = 6 * DAY_MS;
const ROTATION_STEP_MS = 30 * 60_000;

/** Distinct times (any advisor), sorted by start then end. */
export function distinctTimes(slots: readonly Slot[]): Interval[] {
  const seen = new Map<string, Interval>();
  for (const s of slots) seen.set(`${s.start}/${s.end}`, { start: s.start, end: s.end });
  return [...seen.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The distinct free times of a query's window. */
export async function freeTimes(deps: AvailabilityDeps, query: AvailabilityQuery, now: number): Promise<Interval[]> {
  return distinctTimes(await availableSlots(deps, query, now));
}

/**
 * Rotation: the candidates starting at an offset that moves with the time, so consecutive times of
 * a day go to different advisors when nothing else ranks them.
 */
export function rotation<T>(candidates: readonly T[], start: number): T[] {
  if (candidates.length === 0) return [];
  const offset = Math.floor(start / ROTATION_STEP_MS) % candidates.length;
  return [...candidates.slice(offset), ...candidates.slice(0, offset)];
}

/** The slots of exactly [start, end): the preferred advisor's first, then the others in rotation. */
export async function slotsAt(
  deps: AvailabilityDeps,
  q: { query: Omit<AvailabilityQuery, "startMs" | "endMs">; start: number; end: number; preferEmployeeId?: string | null },
  now: number,
): Promise<Slot[]> {
  const slots = (await availableSlots(deps, { ...q.query, startMs: q.start, endMs: q.start + 1 }, now)).filter(
    (s) => s.start === q.start && s.end === q.end,
  );
  const own = slots.filter((s) => s.employeeId === q.preferEmployeeId);
  return [
    ...own,
    ...rotation(
      slots.filter((s) => !own.includes(s)),
      q.start,
    ),
  ];
}

/**
 * Up to three free slots nearest to a taken time (one per start time, the taken one excluded),
 * nearest first, searched from three days before it over six days.
 */
export async function nearbySlots(
  deps: AvailabilityDeps,
  q: { query: Omit<AvailabilityQuery, "startMs" | "endMs">; start: number; end: number },
  now: number,
): Promise<Slot[]> {
  const from = Math.max(now, q.start - NEARBY_BEFORE_MS);
  const slots = await availableSlots(deps, { ...q.query, startMs: from, endMs: from + NEARBY_SEARCH_MS }, now);
  const seen = new Set<number>();
  return slots
    .filter((s) => !(s.start === q.start && s.end === q.end) && !seen.has(s.start) && seen.add(s.start))
    .sort((a, b) => Math.abs(a.start - q.start) - Math.abs(b.start - q.start) || a.start - b.start)
    .slice(0, 3);
}
