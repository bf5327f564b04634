/** Which employees a request may offer, and in which meeting types. */
import type { MeetingType, SlotEmployee, SlotRequest } from "./types.js";
import { MEETING_TYPES } from "./types.js";

/** Case-insensitive, trimmed comparison key for locations and service groups. */
export function textKey(text: string): string {
  return text.trim().toLowerCase();
}

/** Topic and customer-type narrowing for one employee. */
export function servesTopicAndCustomerType(employee: SlotEmployee, request: SlotRequest): boolean {
  if (request.topic !== undefined && !employee.topicIds.includes(request.topic.id)) return false;
  if (request.customerTypeId !== undefined && !employee.customerTypeIds.includes(request.customerTypeId)) return false;
  return true;
}

/** False when the topic is limited to customer types that exclude the given one. */
export function topicAllowsCustomerType(request: SlotRequest): boolean {
  const { topic, customerTypeId } = request;
  if (topic === undefined || customerTypeId === undefined || topic.customerTypeIds.length === 0) return true;
  return topic.customerTypeIds.includes(customerTypeId);
}

/** The meeting types every one of `employees` supports, filtered by `requested` (empty = any), in MEETING_TYPES order. */
export function commonMeetingTypes(employees: readonly SlotEmployee[], requested: readonly MeetingType[]): MeetingType[] {
  return MEETING_TYPES.filter(
    (t) => (requested.length === 0 || requested.includes(t)) && employees.every((e) => e.meetingTypes.includes(t)),
  );
}

function byId(a: SlotEmployee, b: SlotEmployee): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * requireEmployeeParticipation = false: the union of the pools named by employeeTypes
 * (Explicit = explicitEmployeeIds; Local = employees serving customerLocation; ServiceGroup =
 * employees in request.serviceGroups, or having any service group when none are given;
 * Global = everyone), narrowed by topic and customer type. Sorted by id, no duplicates.
 */
export function poolCandidates(employees: readonly SlotEmployee[], request: SlotRequest): SlotEmployee[] {
  const types = new Set(request.employeeTypes);
  const explicit = new Set(types.has("Explicit") ? request.explicitEmployeeIds : []);
  const location = request.customerLocation !== undefined ? textKey(request.customerLocation) : "";
  const local = types.has("Local") && location !== "";
  const groups = new Set((request.serviceGroups ?? []).map(textKey));
  const inPool = (e: SlotEmployee): boolean =>
    types.has("Global") ||
    explicit.has(e.id) ||
    (local && e.locations.some((l) => textKey(l) === location)) ||
    (types.has("ServiceGroup") && (groups.size === 0 ? e.serviceGroups.length > 0 : e.serviceGroups.some((g) => groups.has(textKey(g)))));
  const seen = new Set<string>();
  const out: SlotEmployee[] = [];
  for (const e of employees) {
    if (seen.has(e.id) || !inPool(e) || !servesTopicAndCustomerType(e, request)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out.sort(byId);
}

/**
 * requireEmployeeParticipation = true: every explicit employee, in request order (first = the
 * slot's employeeId), or null when the list is empty, an id is unknown, or the first employee
 * does not serve the topic/customer type (the others join as additional employees).
 */
export function participants(employees: readonly SlotEmployee[], request: SlotRequest): SlotEmployee[] | null {
  const ids = [...new Set(request.explicitEmployeeIds)];
  if (ids.length === 0) return null;
  const index = new Map<string, SlotEmployee>();
  for (const e of employees) if (!index.has(e.id)) index.set(e.id, e);
  const list: SlotEmployee[] = [];
  for (const id of ids) {
    const e = index.get(id);
    if (e === undefined) return null;
    list.push(e);
  }
  return servesTopicAndCustomerType(list[0], request) ? list : null;
}
