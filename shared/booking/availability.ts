/**
 * GET /time-slots/available: the directory and the calendars of just the candidate
 * employees (and rooms at the meeting location) are read by point reads, then the pure
 * slot engine does the rest.
 */
import { fieldError, ValidationError } from "../errors.js";
import type { AvailableQuery } from "../schemas/time-slots.js";
import { busyQueryRange, generateSlots, parseTimeSpan, resolveDurationMinutes, slotTable, type EmployeeType, type Interval, type MeetingType, type Slot, type SlotInput, type SlotRequest, type SlotRoom, type SlotTable } from "../slots/index.js";
import { participants, poolCandidates, textKey } from "../slots/selection.js";
import type { DirectoryRepository } from "../store/directory-repository.js";
import type { ScheduleRepository } from "../store/schedule-repository.js";
import { busyIntervals, employeeKey, monthsOf, roomKey, scheduleDocId, type ResourceKey } from "./schedule-entries.js";
import { toSlotEmployee, toSlotRoom, toSlotTopic } from "./slot-mapping.js";

export interface AvailabilityDeps {
  directory: DirectoryRepository;
  schedules: ScheduleRepository;
}

/** Busy intervals of each resource over a range, from its monthly calendars. */
export async function busyOf(schedules: ScheduleRepository, resources: ResourceKey[], range: Interval, now: number, ignoreRefs: string[] = []): Promise<Map<ResourceKey, Interval[]>> {
  const months = monthsOf(range.start, Math.max(range.end, range.start + 1));
  const ids = resources.flatMap((r) => months.map((m) => scheduleDocId(r, m)));
  const entries = await schedules.entriesOf(ids);
  const out = new Map<ResourceKey, Interval[]>();
  for (const r of resources) out.set(r, months.flatMap((m) => busyIntervals(entries.get(scheduleDocId(r, m)) ?? [], now, ignoreRefs)));
  return out;
}

export async function availableSlots(deps: AvailabilityDeps, query: AvailableQuery, now: number): Promise<Slot[]> {
  const input = await availabilityInput(deps, query, now);
  return input === null ? [] : generateSlots(input);
}

/** The same slots as a table (no object per slot), for writing the response JSON from; null = none. */
export async function availableSlotTable(deps: AvailabilityDeps, query: AvailableQuery, now: number): Promise<SlotTable | null> {
  const input = await availabilityInput(deps, query, now);
  return input === null ? null : slotTable(input);
}

/** The slot engine's input for a query (directory, then calendars by point reads); null when no employee or room can qualify. */
async function availabilityInput(deps: AvailabilityDeps, query: AvailableQuery, now: number): Promise<SlotInput | null> {
  const [allEmployees, topic] = await Promise.all([
    deps.directory.list("employee"),
    query.topic ? deps.directory.get("topic", query.topic) : Promise.resolve(undefined),
  ]);
  if (query.topic && !topic) throw new ValidationError([fieldError("topic", `no topic has the id ${query.topic}`, "exists")]);
  const known = new Set(allEmployees.map((e) => e.id));
  const unknown = query.explicitEmployeeIds.filter((id) => !known.has(id));
  if (unknown.length) throw new ValidationError([fieldError("explicitEmployeeIds", `no employee has the id ${unknown.join(", ")}`, "exists")]);

  const startMs = query.startDate ? Date.parse(query.startDate) : now;
  const slotTopic = topic ? toSlotTopic(topic) : undefined;
  const request: SlotRequest = {
    explicitEmployeeIds: query.explicitEmployeeIds,
    startMs,
    endMs: startMs + parseTimeSpan(query.lookForwardTime)!,
    topic: slotTopic,
    customerTypeId: query.customerTypeId,
    employeeTypes: query.employeeTypes as EmployeeType[],
    serviceGroups: query.serviceGroups,
    meetingTypes: query.meetingTypes as MeetingType[],
    customerLocation: query.customerLocation,
    meetingLocation: query.meetingLocation ?? query.customerLocation,
    requireRoom: query.requireRoom,
    requireEmployeeParticipation: query.requireEmployeeParticipation,
    meetingDurationMinutes: resolveDurationMinutes(query.meetingDuration, slotTopic),
  };
  const employees = allEmployees.map(toSlotEmployee);
  const candidates = request.requireEmployeeParticipation ? (participants(employees, request) ?? []) : poolCandidates(employees, request);
  if (candidates.length === 0) return null;

  let rooms: SlotRoom[] = [];
  if (request.requireRoom) {
    const location = textKey(request.meetingLocation ?? "");
    rooms = (await deps.directory.list("room")).filter((r) => textKey(r.location) === location).map(toSlotRoom);
    if (rooms.length === 0) return null;
  }
  const range = busyQueryRange({ employees: candidates, request, now });
  const busy = await busyOf(deps.schedules, [...candidates.map((e) => employeeKey(e.id)), ...rooms.map((r) => roomKey(r.id))], range, now);
  return {
    employees: candidates,
    rooms,
    employeeBusy: new Map(candidates.map((e) => [e.id, busy.get(employeeKey(e.id)) ?? []])),
    roomBusy: new Map(rooms.map((r) => [r.id, busy.get(roomKey(r.id)) ?? []])),
    request,
    now,
  };
}
