/** A few Outlook events for the demo advisors who sync, so npm start shows slots taken by Outlook. */
import { DateTime } from "luxon";
import type { DevGraphClient } from "./client.js";

const EVENTS = [
  { dayOffset: 1, start: "10:00", minutes: 90, showAs: "busy", subject: "Team meeting" },
  { dayOffset: 2, start: "13:00", minutes: 60, showAs: "tentative", subject: "Maybe: branch lunch" },
  { dayOffset: 3, start: "09:00", minutes: 8 * 60, showAs: "oof", subject: "Course (out of office)" },
  { dayOffset: 4, start: "14:00", minutes: 60, showAs: "free", subject: "Reading time (free: does not block)" },
];

/** Next weekday `offset` working days from now, in Copenhagen. */
function workday(offset: number): DateTime {
  let d = DateTime.now().setZone("Europe/Copenhagen").startOf("day");
  for (let n = 0; n < offset;) {
    d = d.plus({ days: 1 });
    if (d.weekday <= 5) n++;
  }
  return d;
}

/** Registers the mailboxes and, for those without events yet, creates the demo events. Returns how many were created. */
export async function seedDemoOutlook(client: DevGraphClient, mailboxes: string[], allMailboxes: string[]): Promise<number> {
  for (const m of allMailboxes) await client.request("PUT", `/dev-graph/mailboxes/${encodeURIComponent(m)}`);
  let created = 0;
  const token = await client.token();
  for (const mailbox of mailboxes) {
    const existing = await client.request("GET", `/dev-graph/events?mailbox=${encodeURIComponent(mailbox)}`);
    if (Array.isArray(existing.body) && existing.body.length > 0) continue;
    for (const e of EVENTS) {
      const [h, m] = e.start.split(":").map(Number);
      const start = workday(e.dayOffset).set({ hour: h, minute: m });
      const end = start.plus({ minutes: e.minutes });
      const fmt = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm:ss");
      await client.request(
        "POST",
        `/dev-graph/v1.0/users/${encodeURIComponent(mailbox)}/events`,
        {
          subject: e.subject,
          showAs: e.showAs,
          start: { dateTime: fmt(start), timeZone: "Romance Standard Time" },
          end: { dateTime: fmt(end), timeZone: "Romance Standard Time" },
        },
        { authorization: `Bearer ${token}` },
      );
      created++;
    }
  }
  return created;
}
