/**
 * Round-robin: a booking of a meeting type without an advisor goes to one of the type's pool who
 * is free for the whole slot (by the same rules availability lists with), chosen by the type's
 * policy: fairness (fewest meetings within the rolling window), weighted (meetings per weight) or
 * priority (lowest number first, then fairness) or utilisation (least booked minutes or meetings in
 * the slot's week, month or the rolling window, then fairness); ties by id, so the same state picks
 * the same advisor. Before the policy: the customer's excluded advisors never, and their own advisor
 * first (preferOwnAdvisor) or only (requireOwnAdvisor). A lost race moves on to the next one (in-turn.ts).
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
import { DEFAULT_TIME_ZONE } from "../../slots/index.js";
import { periodOf } from "../write/caps.js";
import { customerPreference } from "../queries/own-advisor.js";
import { consentRequired, hasConsent } from "../model/consent.js";
import { typeAlternatives } from "../queries/alternatives.js";

const DAY_MS = 86_400_000;

export interface Candidate {
  employeeId: string;
  meetingTypes: MeetingType[];
  /** Joint meetings: the further participants free with this advisor then (one of each pool). */
  additionalEmployees?: string[];
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
    customerId?: string;
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
      customerId: q.customerId,
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
  const byEmployee = new Map<string, Candidate>();
  for (const s of slots) {
    if (s.start !== q.start || s.end !== q.end) continue;
    const c = byEmployee.get(s.employeeId);
    if (c) c.meetingTypes.push(s.meetingType);
    else
      byEmployee.set(s.employeeId, {
        employeeId: s.employeeId,
        meetingTypes: [s.meetingType],
        ...(s.additionalEmployees ? { additionalEmployees: s.additionalEmployees } : {}),
      });
  }
  return [...byEmployee.values()].sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1));
}

/** Meetings each advisor has within windowDays before or after the instant, from their calendars. */
async function meetingCounts(deps: BookingDeps, employeeIds: string[], around: number, windowDays: number): Promise<Map<string, number>> {
  const load = await meetingLoad(deps, employeeIds, around - windowDays * DAY_MS, around + windowDays * DAY_MS);
  return new Map([...load].map(([id, l]) => [id, l.meetings]));
}

/** Meetings and booked minutes each advisor has in [from, to), from their calendars. */
async function meetingLoad(
  deps: BookingDeps,
  employeeIds: string[],
  from: number,
  to: number,
): Promise<Map<string, { meetings: number; minutes: number }>> {
  const months = monthsOf(from, to);
  const docs = await deps.schedules.entriesOf(employeeIds.flatMap((id) => months.map((m) => scheduleDocId(employeeKey(id), m))));
  const load = new Map<string, { meetings: number; minutes: number }>();
  for (const id of employeeIds) {
    const refs = new Map<string, number>();
    for (const m of months)
      for (const e of docs.get(scheduleDocId(employeeKey(id), m)) ?? [])
        if (e.ref.startsWith("meeting:") && Date.parse(e.start) < to && Date.parse(e.end) > from)
          refs.set(e.ref, (Date.parse(e.end) - Date.parse(e.start)) / 60_000);
    load.set(id, { meetings: refs.size, minutes: Math.round([...refs.values()].reduce((a, b) => a + b, 0)) });
  }
  return load;
}

/** The period a utilisation policy weighs (the slot's week or month in the bank's zone, or the rolling window). */
function utilisationPeriod(type: MeetingTypeConfig, around: number): { from: number; to: number; label: string } {
  const period = type.assignment.utilisation?.period ?? "week";
  if (period === "window")
    return {
      from: around - type.assignment.windowDays * DAY_MS,
      to: around + type.assignment.windowDays * DAY_MS,
      label: `within ${type.assignment.windowDays} days of the slot`,
    };
  const p = periodOf(period, around, DEFAULT_TIME_ZONE);
  return { from: p.start, to: p.end, label: `in ${period} ${p.key}` };
}

export interface Ranked {
  employeeId: string;
  reason: string;
}

/** `ownAdvisor`: the customer's own advisor, tried before the policy's order (preferOwnAdvisor). */
export async function rankAdvisors(
  deps: BookingDeps,
  type: MeetingTypeConfig,
  free: Candidate[],
  around: number,
  ownAdvisor?: string,
): Promise<Ranked[]> {
  const { policy, windowDays } = type.assignment;
  const ids = free.map((c) => c.employeeId);
  const counts = await meetingCounts(deps, ids, around, windowDays);
  const period = policy === "utilisation" ? utilisationPeriod(type, around) : undefined;
  const used = period ? await meetingLoad(deps, ids, period.from, period.to) : undefined;
  const measure = type.assignment.utilisation?.measure ?? "minutes";
  const usage = (id: string) => (used ? (used.get(id)?.[measure] ?? 0) : 0);
  const own = (id: string) => (ownAdvisor !== undefined && id === ownAdvisor ? 0 : 1);
  const weight = (id: string) => type.assignment.weights.find((w) => w.employeeId === id)?.weight ?? 1;
  const priority = (id: string) => type.assignment.priorities.find((p) => p.employeeId === id)?.priority ?? Number.MAX_SAFE_INTEGER;
  const load = (id: string) => (policy === "weighted" ? (counts.get(id) ?? 0) / weight(id) : (counts.get(id) ?? 0));
  const ranked = [...free].sort(
    (a, b) =>
      own(a.employeeId) - own(b.employeeId) ||
      (policy === "priority" ? priority(a.employeeId) - priority(b.employeeId) : 0) ||
      usage(a.employeeId) - usage(b.employeeId) ||
      load(a.employeeId) - load(b.employeeId) ||
      (a.employeeId < b.employeeId ? -1 : 1),
  );
  return ranked.map((c, i) => ({
    employeeId: c.employeeId,
    reason:
      (own(c.employeeId) === 0 ? "the customer's own advisor; " : "") +
      (period ? `utilisation: ${usage(c.employeeId)} booked ${measure} ${period.label}, then fairness: ` : `${policy}: `) +
      `${counts.get(c.employeeId) ?? 0} meetings within ${windowDays} days of the slot` +
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
  if (type.consentRequired && !hasConsent(cmd.details.customFields))
    throw consentRequired(cmd.consentField ?? "consent", `meeting type ${type.id}`);
  const hostIds = cmd.employeeId ? [cmd.employeeId] : source.employeeId ? [source.employeeId] : cmd.hostIds;
  const customerId = cmd.details.customerId || undefined;
  const preference = await customerPreference(deps.directory, type, customerId);
  const search = {
    type,
    start: source.start,
    end: source.end,
    hostIds,
    meetingType: cmd.type ?? source.type,
    answers: cmd.answers,
    ignoreRefs: source.reservation ? [reservationRef(source.reservation.id)] : [],
    customerId,
  };
  const joint = (type.participants ?? []).length > 0;
  let free = await freeAdvisors(deps, search, now);
  if (free.length === 0) {
    if (joint) throw await jointTaken(deps, { type, customerId, start: source.start, end: source.end }, now);
    throw new DomainError("slot_taken", `no advisor of meeting type ${type.id} is free for all of that time`);
  }
  const details = {
    ...cmd.details,
    title: cmd.details.title ?? type.invitation.title ?? null,
    description: cmd.details.description ?? type.invitation.description ?? null,
    topicId: cmd.details.topicId ?? type.topicId ?? null,
  };
  const { mode, expiryMinutes } = type.confirmation;
  const confirmation = mode === "none" ? undefined : { mode, expiresAt: isoOf(now + expiryMinutes * 60_000) };
  const ownAdvisor = preference?.mode === "prefer" ? preference.advisorId : undefined;
  // Joint meetings: a race lost on any participant reads the calendars again and re-picks (a few rounds), then 409.
  for (let round = 0; ; round++) {
    const outcome = await inTurn(await rankAdvisors(deps, type, free, source.start, ownAdvisor), ({ employeeId, reason }) => {
      const chosen = free.find((c) => c.employeeId === employeeId)!;
      const additionalEmployees = cmd.additionalEmployees ?? chosen.additionalEmployees;
      return job.book(
        { ...cmd, employeeId, type: cmd.type ?? source.type ?? chosen.meetingTypes[0], details, additionalEmployees },
        { selectionReason: joint ? `${reason}; with ${additionalEmployees?.join(", ")}` : reason, confirmation },
      );
    });
    if ("done" in outcome) return outcome.done;
    if (!joint) throw outcome.lost!;
    free = round < JOINT_ROUNDS - 1 ? await freeAdvisors(deps, search, now) : [];
    if (free.length === 0) throw await jointTaken(deps, { type, customerId, start: source.start, end: source.end }, now, outcome.lost);
  }
}

/** How often a joint booking re-reads and re-picks after a lost race. */
const JOINT_ROUNDS = 3;

/** 409 slot_taken for a joint meeting, with up to three nearby times at which every participant is free. */
async function jointTaken(
  deps: BookingDeps,
  q: { type: MeetingTypeConfig; customerId?: string; start: number; end: number },
  now: number,
  lost?: Error,
): Promise<DomainError> {
  const nearby = await typeAlternatives(
    deps,
    { meetingTypeId: q.type.id, customerId: q.customerId, start: q.start, end: q.end },
    now,
  ).catch(() => []);
  const alternatives = nearby.map((s) => ({
    id: s.id,
    startDate: isoOf(s.start),
    endDate: isoOf(s.end),
    meetingType: s.meetingType,
    employeeId: s.employeeId,
    additionalEmployees: s.additionalEmployees ?? [],
  }));
  return new DomainError(
    "slot_taken",
    lost?.message ?? `no advisor of meeting type ${q.type.id} is free with every further participant for all of that time`,
    { alternatives },
  );
}
