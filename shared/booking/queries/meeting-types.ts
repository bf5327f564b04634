/**
 * Meeting types as the slot engine sees them: the pool (who may be assigned, narrowed by the
 * caller's hostIds and by qualification routing), the allowed durations, and the type's booking
 * rules, handed to the engine as the request's topic so listing and booking apply the same rules.
 */
import { DomainError, fieldError, ValidationError } from "../../kernel/errors.js";
import type { Employee } from "../../directory/directory.js";
import { allowedDurations, type MeetingTypeConfig } from "../../directory/meeting-types.js";
import type { SlotEmployee, SlotTopic } from "../../slots/index.js";
import { textKey } from "../../slots/selection.js";
import type { DirectoryRepository } from "../model/ports.js";
import { toSlotEmployee } from "./slot-mapping.js";
import { poolMembersOf } from "./participant-pools.js";

export interface Answer {
  questionId: string;
  answer: string;
}

export async function meetingTypeOf(directory: DirectoryRepository, id: string, field = "meetingTypeId"): Promise<MeetingTypeConfig> {
  const type = await directory.get("meetingType", id);
  if (!type) throw new ValidationError([fieldError(field, `no meeting type has the id ${id}`, "exists")]);
  return type;
}

/** The requested duration when the type allows it; the type's default when none is asked for. */
export function durationFor(type: MeetingTypeConfig, requested: number | undefined, field = "meetingDuration"): number {
  const allowed = allowedDurations(type);
  if (requested === undefined) return type.durations.defaultMinutes;
  if (!allowed.includes(requested))
    throw new ValidationError([
      fieldError(field, `must be one of the meeting type's allowed durations: ${allowed.join(", ")} minutes`, "allowed_values"),
    ]);
  return requested;
}

/** The engine's topic for a type: its rules, under its topic's id when it has one (advisors must serve that topic). */
export function typeTopic(type: MeetingTypeConfig, durationMinutes: number): SlotTopic {
  return {
    id: type.topicId ?? typeTopicId(type),
    customerTypeIds: type.customerTypeIds,
    durationMinutes,
    bufferBeforeMinutes: type.bufferBeforeMinutes,
    bufferAfterMinutes: type.bufferAfterMinutes,
    minimumNoticeMinutes: type.minimumNoticeMinutes,
    maxDaysAhead: type.maxDaysAhead,
  };
}
const typeTopicId = (type: MeetingTypeConfig) => `meeting-type:${type.id}`;

/** Where qualification answers send the booking: another pool, a rejection, or the type's pool. */
function routedPool(type: MeetingTypeConfig, answers: readonly Answer[]): MeetingTypeConfig["pool"] {
  const missing = type.questions.filter((q) => q.required && !answers.some((a) => a.questionId === q.id && a.answer.trim() !== ""));
  if (missing.length) throw new ValidationError(missing.map((q) => fieldError(`answers.${q.id}`, `is required: ${q.label}`, "required")));
  for (const q of type.questions) {
    const given = answers.find((a) => a.questionId === q.id);
    const route = given && q.routes.find((r) => textKey(r.answer) === textKey(given.answer));
    if (!route) continue;
    if (route.reject) throw new DomainError("routing_rejected", `the answer to '${q.label}' means this meeting type cannot be booked`);
    return { employeeIds: route.employeeIds ?? [], serviceGroup: route.serviceGroup, location: type.pool.location };
  }
  return type.pool;
}

/**
 * The advisors a type's booking may go to, as slot employees serving the type's topic, sorted by id.
 * hostIds (a caller's choice) narrow the pool; an id outside it is a 400.
 */
export function poolEmployees(
  type: MeetingTypeConfig,
  employees: readonly Employee[],
  options: { hostIds?: readonly string[]; answers?: readonly Answer[] } = {},
): SlotEmployee[] {
  const members = poolMembersOf(routedPool(type, options.answers ?? []), employees);
  let chosen = members;
  if (options.hostIds?.length) {
    const ids = new Set(members.map((e) => e.id));
    const outside = options.hostIds.filter((id) => !ids.has(id));
    if (outside.length)
      throw new ValidationError([fieldError("hostIds", `not in the meeting type's pool: ${outside.join(", ")}`, "in_pool")]);
    chosen = members.filter((e) => options.hostIds!.includes(e.id));
  }
  const topicId = type.topicId ?? typeTopicId(type);
  return chosen
    .map((e) => {
      const slotEmployee = toSlotEmployee(e);
      return type.topicId ? slotEmployee : { ...slotEmployee, topicIds: [...slotEmployee.topicIds, topicId] };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
