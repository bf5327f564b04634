/** GET /room-vacancies: rooms at a location that are open and free for the whole of a slot. */
import { fieldError, ValidationError } from "../../kernel/errors.js";
import type { Room } from "../../directory/directory.js";
import { findContaining, roomOpenIntervals } from "../../slots/index.js";
import { busyOf, type AvailabilityDeps } from "./availability.js";
import { roomKey } from "../model/schedule-entries.js";
import { textKey } from "../../slots/selection.js";
import { toSlotRoom } from "./slot-mapping.js";
import { timeSource, type TimeSourceDeps } from "./time-source.js";
import { enforceBudget, windowDays } from "./query-budget.js";

export async function roomVacancies(
  deps: AvailabilityDeps & TimeSourceDeps,
  location: string,
  timeSlotId: string,
  now: number,
): Promise<Room[]> {
  const source = await timeSource(deps, { timeSlotId }, now);
  if (!source) throw new ValidationError([fieldError("timeSlotId", "is required", "required")]);
  const wanted = textKey(location);
  const rooms = (await deps.directory.list("room")).filter((r) => textKey(r.location) === wanted);
  const range = { start: source.start, end: source.end };
  enforceBudget(
    { resources: rooms.length, days: windowDays(range.start, range.end, Math.min(now, range.start)) },
    deps.queryLimits,
    "vacancies",
  );
  const busy = await busyOf(
    deps.schedules,
    rooms.map((r) => roomKey(r.id)),
    range,
    now,
    source.reservation ? [`reservation:${source.reservation.id}`] : [],
  );
  return rooms.filter(
    (r) =>
      findContaining(roomOpenIntervals(toSlotRoom(r), source.start - 86_400_000, source.end + 86_400_000), source.start, source.end) >= 0 &&
      !(busy.get(roomKey(r.id)) ?? []).some((b) => b.start < source.end && b.end > source.start),
  );
}
