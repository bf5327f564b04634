/**
 * Scheduling demo data (issue 28): caps on two advisors, a branch closure two weeks ahead, a customer
 * with an own advisor (and an excluded one), and a pension meeting type that prefers the own advisor
 * and spreads the rest by booked minutes; a joint pension meeting type (a pension advisor plus one
 * pension specialist, two advisors holding the skill, one of them only for three more weeks). The
 * holidays are the default calendar's (Denmark and the Danish banks' closing days): GET
 * /config/holidays lists them.
 */
import { DateTime } from "luxon";
import type { DirectoryRepository } from "../../shared/booking/model/ports.js";
import { MeetingTypeBody } from "../../shared/directory/meeting-types.js";
import { demoId, employees, topics } from "./demo-directory.js";

export const DEMO_CUSTOMER_ID = "demo-customer-1";
export const DEMO_PENSION_TYPE_ID = demoId("mt:pension-advice");
export const DEMO_CLOSURE_ID = demoId("closure:aalborg");
export const DEMO_JOINT_PENSION_TYPE_ID = demoId("mt:pension-with-specialist");
export const DEMO_SPECIALIST_SKILL = "pension-specialist";

export async function seedSchedulingDemo(directory: DirectoryRepository, now = Date.now()): Promise<string> {
  const [anna, mads, sofie] = employees;
  await directory.put("employee", { ...anna, caps: { day: { meetings: 4 } } });
  await directory.put("employee", { ...mads, caps: { week: { minutes: 600 } } });
  // A Monday two weeks ahead: Aalborg is closed for a day of refurbishment.
  let day = DateTime.fromMillis(now, { zone: "Europe/Copenhagen" }).startOf("day").plus({ days: 14 });
  while (day.weekday !== 1) day = day.plus({ days: 1 });
  await directory.put("closure", { id: DEMO_CLOSURE_ID, location: "Aalborg", date: day.toISODate()!, reason: "Refurbishment" });
  await directory.put("customerAdvisor", { id: DEMO_CUSTOMER_ID, advisorId: anna.id, excludedAdvisorIds: [sofie.id] });
  const type = MeetingTypeBody.parse({
    name: "Pension advice",
    description: "With your own advisor when they are free; otherwise the pension advisor with the lightest week",
    durations: { defaultMinutes: 60, allowedMinutes: [30, 60] },
    topicId: topics[0].id,
    pool: { serviceGroup: "pension" },
    assignment: { policy: "utilisation", utilisation: { measure: "minutes", period: "week" } },
    ownAdvisor: "prefer",
  });
  await directory.put("meetingType", { ...type, id: DEMO_PENSION_TYPE_ID });
  const lapses = await seedJointDemo(directory, now);
  return `caps on 2 advisors, Aalborg closed on ${day.toISODate()}, 1 customer with an own advisor, the pension meeting type, the joint pension meeting type (a specialist's skill lapses after ${lapses})`;
}

/** Two pension specialists (Lucas, and Noah whose skill lapses in three weeks) and the joint type: a pension advisor plus one of them. */
async function seedJointDemo(directory: DirectoryRepository, now: number): Promise<string> {
  const lucas = employees[5];
  const noah = employees[9];
  const lapses = DateTime.fromMillis(now, { zone: "Europe/Copenhagen" }).plus({ days: 21 }).toISODate()!;
  await directory.put("employee", { ...lucas, skills: [{ name: DEMO_SPECIALIST_SKILL, level: 3 }] });
  await directory.put("employee", { ...noah, skills: [{ name: DEMO_SPECIALIST_SKILL, level: 2, validTo: lapses }] });
  const joint = MeetingTypeBody.parse({
    name: "Pension advice with a specialist",
    description: "A pension advisor and a pension specialist together, online or by phone",
    durations: { defaultMinutes: 60 },
    meetingTypes: ["Online", "Telephone"],
    topicId: topics[0].id,
    pool: { serviceGroup: "pension" },
    participants: [{ label: "pension specialist", skill: DEMO_SPECIALIST_SKILL, minLevel: 2 }],
  });
  await directory.put("meetingType", { ...joint, id: DEMO_JOINT_PENSION_TYPE_ID });
  return lapses;
}
