/** Directory entities as the slot engine sees them. */
import type { Employee, Room, Topic } from "../../directory/directory.js";
import type { SlotEmployee, SlotRoom, SlotTopic } from "../../slots/types.js";

/**
 * Mapped once per employee object: the directory repository hands out the same object for an
 * unchanged document, and availability maps every employee of the directory on each request.
 * The slot engine only reads what it is given.
 */
const slotEmployees = new WeakMap<Employee, SlotEmployee>();

export function toSlotEmployee(e: Employee): SlotEmployee {
  let mapped = slotEmployees.get(e);
  if (!mapped) slotEmployees.set(e, (mapped = mapEmployee(e)));
  return mapped;
}

function mapEmployee(e: Employee): SlotEmployee {
  return {
    id: e.id,
    timeZone: e.timeZone,
    workingHours: e.workingHours,
    overrides: e.overrides,
    absences: e.absences.map((a) => ({ start: Date.parse(a.start), end: Date.parse(a.end) })),
    meetingTypes: e.meetingTypes,
    locations: e.locations,
    serviceGroups: e.serviceGroups,
    topicIds: e.topicIds,
    customerTypeIds: e.customerTypeIds,
    bufferBeforeMinutes: e.bufferBeforeMinutes,
    bufferAfterMinutes: e.bufferAfterMinutes,
    minimumNoticeMinutes: e.minimumNoticeMinutes,
    maxDaysAhead: e.maxDaysAhead,
  };
}

export function toSlotRoom(r: Room): SlotRoom {
  return { id: r.id, location: r.location, capacity: r.capacity, timeZone: r.timeZone, openingHours: r.openingHours };
}

export function toSlotTopic(t: Topic): SlotTopic {
  return {
    id: t.id,
    customerTypeIds: t.customerTypeIds,
    durationMinutes: t.durationMinutes,
    bufferBeforeMinutes: t.bufferBeforeMinutes,
    bufferAfterMinutes: t.bufferAfterMinutes,
    minimumNoticeMinutes: t.minimumNoticeMinutes,
    maxDaysAhead: t.maxDaysAhead,
  };
}
