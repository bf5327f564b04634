/**
 * GET /time-slots/available: the directory and the calendars of just the candidate
 * employees (and rooms at the meeting location) are read by point reads, then the pure
 * slot engine does the rest.
 */
import { fieldError, ValidationError } from "../../kernel/errors.js";
import {
  busyQueryRange,
  generateSlots,
  resolveDurationMinutes,
  slotTable,
  type Interval,
  type Slot,
  type SlotEmployee,
  type SlotInput,
  type SlotRequest,
  type SlotTable,
  type SlotTopic,
} from "../../slots/index.js";
import { participants, poolCandidates, textKey } from "../../slots/selection.js";
import type { DirectoryRepository, ScheduleRepository } from "../model/ports.js";
import { busyIntervals, employeeKey, monthsOf, roomKey, scheduleDocId, type ResourceKey } from "../model/schedule-entries.js";
import { durationFor, meetingTypeOf, poolEmployees, typeTopic, type Answer } from "./meeting-types.js";
import { toSlotEmployee, toSlotRoom, toSlotTopic } from "./slot-mapping.js";
import { externalBusyOf, mergedBusy, syncedKeys } from "./external-busy.js";
import type { Employee, Room } from "../../directory/directory.js";
import { availabilityCost, enforceBudget } from "./query-budget.js";
import { type ExternalBusySource } from "../model/ports.js";
import { type QueryLimits } from "../model/ports.js";
import { loadClosedDays, type ClosedDays } from "./closed-days.js";
import { blockedTime, withBlocked, type BlockedSpan } from "./blocked-time.js";
import { customerPreference, poolFor } from "./own-advisor.js";
import { participantSearch, skillNeeds, type ParticipantSearch } from "./participant-pools.js";
import { skillLapses } from "./skill-validity.js";
import type { SkillNeed } from "../../directory/skills.js";

export interface AvailabilityDeps {
  directory: DirectoryRepository;
  schedules: ScheduleRepository;
  /** Outlook busy times (absent: calendar sync is off). */
  externalBusy?: ExternalBusySource;
  listingBusy?: ExternalBusySource;
  /** Calendar documents for listings, a few seconds behind at most (listing-calendars.ts); absent: schedules. */
  listingSchedules?: ScheduleRepository;
  /** Cost caps checked before calendars are read (absent: DEFAULT_QUERY_LIMITS). */
  queryLimits?: QueryLimits;
}

/** Busy intervals of each resource over a range, from its monthly calendars. */
export async function busyOf(
  schedules: ScheduleRepository,
  resources: ResourceKey[],
  range: Interval,
  now: number,
  ignoreRefs: string[] = [],
): Promise<Map<ResourceKey, Interval[]>> {
  const months = monthsOf(range.start, Math.max(range.end, range.start + 1));
  const ids = resources.flatMap((r) => months.map((m) => scheduleDocId(r, m)));
  const entries = await schedules.entriesOf(ids);
  const out = new Map<ResourceKey, Interval[]>();
  for (const r of resources)
    out.set(
      r,
      months.flatMap((m) => busyIntervals(entries.get(scheduleDocId(r, m)) ?? [], now, ignoreRefs)),
    );
  return out;
}

/** An availability search in domain terms: the slot engine's request, with the topic by id and the duration still to resolve. */
export interface AvailabilityQuery extends Omit<SlotRequest, "topic" | "meetingDurationMinutes"> {
  topicId?: string;
  /** Minutes; absent: the topic's (or meeting type's) duration, else 60. */
  meetingDurationMinutes?: number;
  /** A meeting type: its pool replaces the employee selection (explicitEmployeeIds narrow it, as hostIds), its rules apply. */
  meetingTypeId?: string;
  answers?: Answer[];
  /** Holders whose calendar entries do not count as busy (a reservation being converted). */
  ignoreRefs?: string[];
  /** With a meeting type: the customer, whose excluded advisors are left out (and only the own one offered when the type requires it). */
  customerId?: string;
}

export async function availableSlots(deps: AvailabilityDeps, query: AvailabilityQuery, now: number): Promise<Slot[]> {
  const { input } = await searchAvailability(deps, query, now);
  return input ? generateSlots(input) : [];
}

/** The same slots as a table (no object per slot), for writing the response JSON from (null = none), and the degraded calendars. */
export async function availableSlotTable(
  deps: AvailabilityDeps,
  query: AvailabilityQuery,
  now: number,
): Promise<{ table: SlotTable | null; degraded: ResourceKey[] }> {
  const { input, degraded } = await searchAvailability(deps, query, now);
  return { table: input ? slotTable(input) : null, degraded };
}

/** What a search produced: the slot engine's input (null when no employee or room can qualify) and the pool (for explain). */
export interface AvailabilitySearch extends Search {
  input: SlotInput | null;
  /** Resources whose Outlook busy times are behind (named in responses). */
  degraded: ResourceKey[];
  /** Candidates' closed days and capped periods (absences to the engine; explain names them). */
  blocked?: Map<string, BlockedSpan[]>;
}

export async function searchAvailability(deps: AvailabilityDeps, query: AvailabilityQuery, now: number): Promise<AvailabilitySearch> {
  const search = query.meetingTypeId ? await typeSearch(deps, query, query.meetingTypeId) : await directorySearch(deps, query);
  if (!search.candidates.length) return { ...search, input: null, degraded: [], blocked: new Map() };
  // Closed days and capped periods go to the pure engine as data: absences of the candidates, busy time of rooms.
  const closed = await loadClosedDays(deps.directory);
  const everyone = searchedEmployees(search);
  const range = busyQueryRange({ employees: everyone, request: search.request, now });
  const blocked = await blockedTime(
    { ...deps, schedules: deps.listingSchedules ?? deps.schedules },
    { ...search, candidates: everyone, range, minutes: search.request.meetingDurationMinutes },
    closed,
    now,
    query.ignoreRefs,
  );
  addSkillLapses(blocked, search, range);
  const gated = { ...search, candidates: everyone.map((e) => withBlocked(e, blocked.get(e.id))) };
  return { ...search, blocked, ...(await engineInput(deps, gated, now, query.ignoreRefs, closed)) };
}

/** The pool candidates and (joint meetings) every further participant pool's members, once each. */
function searchedEmployees(search: Search): SlotEmployee[] {
  if (!search.participants?.length) return search.candidates;
  const seen = new Set(search.candidates.map((e) => e.id));
  const out = [...search.candidates];
  for (const p of search.participants)
    for (const m of p.members) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  return out;
}

/** Adds each advisor's skill lapses (the days a pool's required skill is not valid) to their blocked time. */
function addSkillLapses(blocked: Map<string, BlockedSpan[]>, search: Search, range: Interval): void {
  if (!search.skillNeeds?.size) return;
  for (const e of search.directoryEmployees) {
    const need = search.skillNeeds.get(e.id);
    const lapses = need ? skillLapses(e, need, range) : [];
    if (lapses.length) blocked.set(e.id, [...(blocked.get(e.id) ?? []), ...lapses]);
  }
}

interface Search {
  /** Every employee of the directory (their calendarSync decides whose Outlook busy times are read). */
  directoryEmployees: Employee[];
  candidates: SlotEmployee[];
  request: SlotRequest;
  /** The pool before narrowing by topic and customer type (explain names those left out). */
  pool: SlotEmployee[];
  /** Joint meetings: each further participant pool (request.participantPools names the same members). */
  participants?: ParticipantSearch[];
  /** The skill each advisor must hold on the meeting's day (a pool requiring one). */
  skillNeeds?: Map<string, SkillNeed>;
  /** The pool's advisors excluded for this customer (explain names them). */
  excluded?: SlotEmployee[];
}

async function directorySearch(deps: AvailabilityDeps, query: AvailabilityQuery): Promise<Search> {
  const [allEmployees, topic] = await Promise.all([
    deps.directory.list("employee"),
    query.topicId ? deps.directory.get("topic", query.topicId) : Promise.resolve(undefined),
  ]);
  if (query.topicId && !topic) throw new ValidationError([fieldError("topic", `no topic has the id ${query.topicId}`, "exists")]);
  const known = new Set(allEmployees.map((e) => e.id));
  const unknown = query.explicitEmployeeIds.filter((id) => !known.has(id));
  if (unknown.length)
    throw new ValidationError([fieldError("explicitEmployeeIds", `no employee has the id ${unknown.join(", ")}`, "exists")]);

  const slotTopic = topic ? toSlotTopic(topic) : undefined;
  const request = engineRequest(query, slotTopic, resolveDurationMinutes(query.meetingDurationMinutes, slotTopic));
  const employees = allEmployees.map(toSlotEmployee);
  const unnarrowed = { ...request, topic: undefined, customerTypeId: undefined };
  return {
    directoryEmployees: allEmployees,
    request,
    candidates: request.requireEmployeeParticipation ? (participants(employees, request) ?? []) : poolCandidates(employees, request),
    pool: request.requireEmployeeParticipation ? (participants(employees, unnarrowed) ?? []) : poolCandidates(employees, unnarrowed),
  };
}

async function typeSearch(deps: AvailabilityDeps, query: AvailabilityQuery, meetingTypeId: string): Promise<Search> {
  const [type, allEmployees] = await Promise.all([meetingTypeOf(deps.directory, meetingTypeId), deps.directory.list("employee")]);
  const duration = durationFor(type, query.meetingDurationMinutes);
  const preference = await customerPreference(deps.directory, type, query.customerId);
  const typePool = poolEmployees(type, allEmployees, { hostIds: query.explicitEmployeeIds, answers: query.answers });
  const pool = poolFor(typePool, preference);
  const participants = participantSearch(type, allEmployees, preference?.excluded);
  const request = engineRequest(
    {
      ...query,
      explicitEmployeeIds: pool.map((e) => e.id),
      employeeTypes: ["Explicit"],
      requireEmployeeParticipation: false,
      meetingTypes: type.meetingTypes.length
        ? type.meetingTypes.filter((t) => !query.meetingTypes.length || query.meetingTypes.includes(t))
        : query.meetingTypes,
      ...(participants.length
        ? { participantPools: participants.map((p) => ({ employeeIds: p.members.map((m) => m.id), sameBranch: p.sameBranch })) }
        : {}),
    },
    typeTopic(type, duration),
    duration,
  );
  const excluded = preference?.excluded.size ? typePool.filter((e) => preference.excluded.has(e.id)) : [];
  return {
    directoryEmployees: allEmployees,
    request,
    candidates: poolCandidates(pool, request),
    pool: poolCandidates(pool, { ...request, topic: undefined, customerTypeId: undefined }),
    ...(participants.length ? { participants } : {}),
    skillNeeds: skillNeeds(type, allEmployees),
    ...(excluded.length ? { excluded } : {}),
  };
}

function engineRequest(query: AvailabilityQuery, topic: SlotTopic | undefined, meetingDurationMinutes: number): SlotRequest {
  const {
    topicId: _topicId,
    meetingTypeId: _meetingTypeId,
    answers: _answers,
    ignoreRefs: _ignoreRefs,
    customerId: _customerId,
    ...rest
  } = query;
  return { ...rest, topic, meetingLocation: query.meetingLocation ?? query.customerLocation, meetingDurationMinutes };
}

/**
 * The directory's rooms, the calendars' busy times and the synced resources' Outlook busy times, all by
 * point reads; no input when a room is needed and none is at the location.
 */
async function engineInput(
  deps: AvailabilityDeps,
  { candidates, request, directoryEmployees }: Search,
  now: number,
  ignoreRefs: string[] = [],
  closed?: ClosedDays,
): Promise<Pick<AvailabilitySearch, "input" | "degraded">> {
  let roomDocs: Room[] = [];
  if (request.requireRoom) {
    const location = textKey(request.meetingLocation ?? "");
    roomDocs = (await deps.directory.list("room")).filter((r) => textKey(r.location) === location);
    if (roomDocs.length === 0) return { input: null, degraded: [] };
  }
  const rooms = roomDocs.map(toSlotRoom);
  enforceBudget(availabilityCost(candidates, rooms.length, request, now), deps.queryLimits, "availability");
  const range = busyQueryRange({ employees: candidates, request, now });
  const candidateIds = new Set(candidates.map((e) => e.id));
  const synced = syncedKeys(
    deps.externalBusy,
    directoryEmployees.filter((e) => candidateIds.has(e.id)),
    roomDocs,
  );
  const [busy, external] = await Promise.all([
    busyOf(
      deps.listingSchedules ?? deps.schedules,
      [...candidates.map((e) => employeeKey(e.id)), ...rooms.map((r) => roomKey(r.id))],
      range,
      now,
      ignoreRefs,
    ),
    externalBusyOf(deps.listingBusy ?? deps.externalBusy, synced, range, now),
  ]);
  const input: SlotInput = {
    employees: candidates,
    rooms,
    employeeBusy: new Map(candidates.map((e) => [e.id, mergedBusy(busy.get(employeeKey(e.id)) ?? [], external, employeeKey(e.id), range)])),
    roomBusy: new Map(
      roomDocs.map((r) => [
        r.id,
        [
          ...mergedBusy(busy.get(roomKey(r.id)) ?? [], external, roomKey(r.id), range),
          ...(closed?.spans(r.timeZone, [r.location], range.start, range.end) ?? []).map(({ start, end }) => ({ start, end })),
        ],
      ]),
    ),
    request,
    now,
  };
  return { input, degraded: external.degraded };
}
