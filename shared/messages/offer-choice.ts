/**
 * The booking page choice a waitlist offer links to. A page entry carries its own; a meeting type's
 * entry (bots API, V2) gets the choice derived from the meeting type, since the page books choices
 * (topic, customer type, way to meet, branch), not meeting types: the type's topic when a customer
 * may book it, a customer type both allow, the type's first way to meet a customer can pick, its
 * pool's location as the branch. The page itself moves a way or branch its advisors do not offer to
 * one they do (web/src/booking.ts loadOptions), so only the topic and customer type must hold. No
 * customer-visible topic: no page choice (the link then only names the meeting type and time).
 */
import type { DirectoryRepository } from "../booking/model/ports.js";
import type { CustomerType, Topic } from "../directory/directory.js";
import type { MeetingTypeConfig } from "../directory/meeting-types.js";
import type { WaitlistEntry } from "./waitlist.js";

export interface PageChoice {
  topicId: string;
  customerTypeId: string;
  meetingType: string;
  branch: string;
}

const CUSTOMER_WAYS = ["Physical", "Online", "Telephone"];

/** The page choice for a meeting type, or null when a customer cannot book its topic on the page. */
export function pageChoiceOf(type: MeetingTypeConfig, topic: Topic | undefined, customerTypes: CustomerType[]): PageChoice | null {
  if (!type.topicId || !topic || topic.id !== type.topicId || !topic.isCustomerVisible) return null;
  const known = [...customerTypes].sort((a, b) => a.name.localeCompare(b.name)).map((c) => c.id);
  const allowedByTopic = (id: string) => topic.customerTypeIds.length === 0 || topic.customerTypeIds.includes(id);
  const candidates = type.customerTypeIds.length ? type.customerTypeIds : topic.customerTypeIds.length ? topic.customerTypeIds : known;
  const customerTypeId = candidates.find((id) => allowedByTopic(id) && known.includes(id));
  if (!customerTypeId) return null;
  const branch = type.pool.location ?? "";
  const way = type.meetingTypes.find((w) => CUSTOMER_WAYS.includes(w)) ?? (branch ? "Physical" : "Online");
  return { topicId: topic.id, customerTypeId, meetingType: way, branch };
}

/** The page choice of each entry, the directory read once per meeting type (for one job's offers). */
export function pageChoices(directory: DirectoryRepository): (entry: WaitlistEntry) => Promise<PageChoice | null> {
  const byType = new Map<string, Promise<PageChoice | null>>();
  let customerTypes: Promise<CustomerType[]> | undefined;
  const derive = async (meetingTypeId: string) => {
    const type = await directory.get("meetingType", meetingTypeId);
    if (!type?.topicId) return null;
    customerTypes ??= directory.list("customerType");
    const [topic, types] = await Promise.all([directory.get("topic", type.topicId), customerTypes]);
    return pageChoiceOf(type, topic, types);
  };
  return async (entry) => {
    if (entry.choice) return entry.choice;
    if (!entry.meetingTypeId) return null;
    const id = entry.meetingTypeId;
    if (!byType.has(id)) byType.set(id, derive(id));
    return byType.get(id)!;
  };
}
