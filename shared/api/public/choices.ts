/**
 * What the page may offer for a topic and customer type: the ways to meet that some qualified
 * advisor offers, and the branches for each (a meeting at a branch: where such an advisor works
 * and a room takes meetings; online or by phone: branches to prefer). Qualified is the slot
 * engine's own rule (slots/selection.ts), so the page never offers a choice the search refuses.
 */
import type { Employee, Room, Topic } from "../../directory/directory.js";
import { poolCandidates, textKey } from "../../slots/selection.js";
import type { SlotEmployee } from "../../slots/index.js";
import { toSlotEmployee, toSlotTopic } from "../../booking/queries/slot-mapping.js";
import type { DirectoryRepository } from "../../booking/model/ports.js";
import { CUSTOMER_MEETING_TYPES, type CustomerChoice, type NothingFreeReason, type OptionsView } from "./schemas.js";

/** The advisors who give the topic to the customer type (any branch, any way to meet), by id. */
export function qualifiedAdvisors(employees: readonly Employee[], topic: Topic, customerTypeId: string): SlotEmployee[] {
  return poolCandidates(employees.map(toSlotEmployee), {
    explicitEmployeeIds: [],
    startMs: 0,
    endMs: 0,
    topic: toSlotTopic(topic),
    customerTypeId,
    employeeTypes: ["Global"],
    meetingTypes: [],
    requireRoom: false,
    requireEmployeeParticipation: false,
    meetingDurationMinutes: topic.durationMinutes ?? 60,
  });
}

/** Branch names as the directory spells them, once each (case- and space-insensitive), sorted the Danish way. */
function branchNames(names: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const n of names) if (n.trim() && !byKey.has(textKey(n))) byKey.set(textKey(n), n.trim());
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, "da"));
}

export function bookableOptions(advisors: readonly SlotEmployee[], rooms: readonly Room[]): OptionsView {
  const roomAt = new Set(rooms.map((r) => textKey(r.location)));
  const meetingTypes: OptionsView["meetingTypes"] = [];
  for (const meetingType of CUSTOMER_MEETING_TYPES) {
    const offering = advisors.filter((a) => a.meetingTypes.includes(meetingType));
    if (offering.length === 0) continue;
    const locations = offering.flatMap((a) => a.locations);
    if (meetingType === "Physical") {
      const branches = branchNames(locations.filter((l) => roomAt.has(textKey(l))));
      if (branches.length) meetingTypes.push({ meetingType, branches });
    } else meetingTypes.push({ meetingType, branches: branchNames(locations) });
  }
  return { meetingTypes };
}

/** The options of a topic the customer may book (checked by the caller) for a customer type. */
export async function optionsFor(directory: DirectoryRepository, topic: Topic, customerTypeId: string): Promise<OptionsView> {
  const [employees, rooms] = await Promise.all([directory.list("employee"), directory.list("room")]);
  return bookableOptions(qualifiedAdvisors(employees, topic, customerTypeId), rooms);
}

/** Why a choice has no free time: nobody qualified offers it (there), the branch has no room, or all are booked. */
export function nothingFreeReason(options: OptionsView, rooms: readonly Room[], choice: CustomerChoice): NothingFreeReason {
  const offered = options.meetingTypes.find((o) => o.meetingType === choice.meetingType);
  if (choice.meetingType !== "Physical") return offered ? "fully_booked" : "no_advisor";
  if (offered?.branches.some((b) => textKey(b) === textKey(choice.branch ?? ""))) return "fully_booked";
  return hasRoom(rooms, choice.branch ?? "") ? "no_advisor" : "no_room";
}

const hasRoom = (rooms: readonly Room[], branch: string) => rooms.some((r) => textKey(r.location) === textKey(branch));
