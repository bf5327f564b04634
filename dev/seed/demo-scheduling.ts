/**
 * Scheduling demo data (issue 28): caps on two advisors, a branch closure two weeks ahead, a customer
 * with an own advisor (and an excluded one), and a pension meeting type that prefers the own advisor
 * and spreads the rest by booked minutes. The holidays are the default calendar's (Denmark and the
 * Danish banks' closing days): GET /config/holidays lists them.
 */
import { DateTime } from "luxon";
import type { DirectoryRepository } from "../../shared/booking/model/ports.js";
import { MeetingTypeBody } from "../../shared/directory/meeting-types.js";
import { demoId, employees, topics } from "./demo-directory.js";

export const DEMO_CUSTOMER_ID = "demo-customer-1";
export const DEMO_PENSION_TYPE_ID = demoId("mt:pension-advice");
export const DEMO_CLOSURE_ID = demoId("closure:aalborg");

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
  return `caps on 2 advisors, Aalborg closed on ${day.toISODate()}, 1 customer with an own advisor, the pension meeting type`;
}
