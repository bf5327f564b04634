/**
 * Round-robin: a booking of a meeting type without an advisor goes to one of the type's pool who
 * is free for the whole slot (by the same rules availability lists with), chosen by the type's
 * policy: fairness (fewest meetings within the rolling window), weighted (meetings per weight) or
 * priority (lowest number first, then fairness); ties by id, so the same state picks the same
 * advisor. A lost race moves on to the next one (in-turn.ts).
 */
import { DomainError } from "../../kernel/errors.js";
import type { MeetingTypeConfig } from "../../directory/meeting-types.js";
import type { MeetingType } from "../../slots/index.js";
import { availableSlots } from "../queries/availability.js";
import type { BookingDeps } from "../write/deps.js";
import { inTurn } from "./in-turn.js";
import type { BookMeetingCommand } from "../model/commands.js";
import { durationFor, meetingTypeOf } from "../queries/meeting-types.js";
import { employeeKey, monthsOf, reservationRef, scheduleDocId } from "../model/schedule-entries.js";
import { isoOf } from "../../kernel/instants.js";
import type { TimeSource } from "../queries/time-source.js";
import { type Assignment } from "../model/commands.js";

const DAY_MS = 86_400_000;

export interface Candidate {
  employeeId: string;
  meetingTypes: MeetingType[];
}

/** Advisors of the type's pool (narrowed by hostIds) with a slot at exactly this time, in id order. */
export async function freeAdvisors(
  deps: BookingDeps,
  q: {
    type: MeetingTypeConfig;
    start: number;
    end: number;
    hostIds?: string[];
    meetingType?: MeetingType;
    answers?: BookMeetingCommand["answers"];
    ignoreRefs?: string[];
  },
  now: number,
): Promise<Candidate[]> {
  const duration = durationFor(q.type, Math.round((q.end - q.start) / 60_000), "endDate");
  const slots = await availableSlots(
    deps,
    {
      meetingTypeId: q.type.id,
      explicitEmployeeIds: q.hostIds ?? [],
      answers: q.answers,
      ignoreRefs: q.ignoreRefs,
      startMs: q.start,
      endMs: q.start + 1,
      meetingDurationMinutes: duration,
      employeeTypes: ["Explicit"],
      serviceGroups: [],
      meetingTypes: q.meetingType ? [q.meetingType] : [],
      requireRoom: false,
      requireEmployeeParticipation: false,
    },
    now,
  );
  const byEmployee = new Map<string, MeetingType[]>();
  for (const s of slots)
    if (s.start === q.start && s.end === q.end) byEmployee.set(s.employeeId, [...(byEmployee.get(s.employeeId) ?? []), s.meetingType]);
  return [...byEmployee]
    .map(([employeeId, meetingTypes]) => ({ employeeId, meetingTypes }))
    .sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1));
}

/** Meetings each advisor has within windowDays before or after the instant, from their calendars. */
async function meetingCounts(deps: BookingDeps, employeeIds: string[], around: number, windowDays: number): Promise<Map<string, number>> {
  const from = around - windowDays * DAY_MS;
  const to = around + windowDays * DAY_MS;
  const months = monthsOf(from, to);
  const docs = await deps.schedules.entriesOf(employeeIds.flatMap((id) => months.map((m) => scheduleDocId(employeeKey(id), m))));
  const counts = new Map<string, number>();
  for (const id of employeeIds) {
    const refs = new Set<string>();
    for (const m of months)
      for (const e of docs.get(scheduleDocId(employeeKey(id), m)) ?? [])
        if (e.ref.startsWith("meeting:") && Date.parse(e.start) < to && Date.parse(e.end) > from) refs.add(e.ref);
    counts.set(id, refs.size);
  }
  return counts;
}

export interface Ranked {
  employeeId: string;
  reason: string;
}

export async function rankAdvisors(deps: BookingDeps, type: MeetingTypeConfig, free: Candidate[], around: number): Promise<Ranked[]> {
  const { policy, windowDays } = type.assignment;
  const counts = await meetingCounts(
    deps,
    free.map((c) => c.employeeId),
    around,
    windowDays,
  );
  const weight = (id: string) => type.assignment.weights.find((w) => w.employeeId === id)?.weight ?? 1;
  const priority = (id: string) => type.assignment.priorities.find((p) => p.employeeId === id)?.priority ?? Number.MAX_SAFE_INTEGER;
  const load = (id: string) => (policy === "weighted" ? (counts.get(id) ?? 0) / weight(id) : (counts.get(id) ?? 0));
  const ranked = [...free].sort(
    (a, b) =>
      (policy === "priority" ? priority(a.employeeId) - priority(b.employeeId) : 0) ||
      load(a.employeeId) - load(b.employeeId) ||
      (a.employeeId < b.employeeId ? -1 : 1),
  );
  return ranked.map((c, i) => ({
    employeeId: c.employeeId,
    reason:
      `${policy}: ${counts.get(c.employeeId) ?? 0} meetings within ${windowDays} days of the slot` +
      (policy === "weighted" ? `, weight ${weight(c.employeeId)}` : "") +
      (policy === "priority" && priority(c.employeeId) !== Number.MAX_SAFE_INTEGER ? `, priority ${priority(c.employeeId)}` : "") +
      `; choice ${i + 1} of ${free.length} free advisors`,
  }));
}

/** Books through the type's pool: the best-ranked free advisor, the next one after a lost race. */
export async function bookFromPool<T>(
  deps: BookingDeps,
  job: {
    cmd: BookMeetingCommand;
    meetingTypeId: string;
    source: TimeSource;
    book: (cmd: BookMeetingCommand & { employeeId: string }, extra: Assignment) => Promise<T>;
  },
  now: number,
): Promise<T> {
  const { cmd, source } = job;
  const type = await meetingTypeOf(deps.directory, job.meetingTypeId);
  const hostIds = cmd.employeeId ? [cmd.employeeId] : source.employeeId ? [source.employeeId] : cmd.hostIds;
  const free = await freeAdvisors(
    deps,
    {
      type,
      start: source.start,
      end: source.end,
      hostIds,
      meetingType: cmd.type ?? source.type,
      answers: cmd.answers,
      ignoreRefs: source.reservation ? [reservationRef(source.reservation.id)] : [],
    },
    now,
  );
  if (free.length === 0) throw new DomainError("slot_taken", `no advisor of meeting type ${type.id} is free for all of that time`);
  const details = {
    ...cmd.details,
    title: cmd.details.title ?? type.invitation.title ?? null,
    description: cmd.details.description ?? type.invitation.description ?? null,
    topicId: cmd.details.topicId ?? type.topicId ?? null,
  };
  const { mode, expiryMinutes } = type.confirmation;
  const confirmation = mode === "none" ? undefined : { mode, expiresAt: isoOf(now + expiryMinutes * 60_000) };
  const outcome = await inTurn(await rankAdvisors(deps, type, free, source.start), ({ employeeId, reason }) => {
    const offered = free.find((c) => c.employeeId === employeeId)!.meetingTypes;
    return job.book(
      { ...cmd, employeeId, type: cmd.type ?? source.type ?? offered[0], details },
      { selectionReason: reason, confirmation },
    );
  });
  if ("done" in outcome) return outcome.done;
  throw outcome.lost!;
}
