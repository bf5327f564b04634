/** A meeting's iCalendar file as a reply, organised by its advisor. */
import type { MeetingDoc } from "../../booking/model/documents.js";
import type { DirectoryRepository } from "../../booking/model/ports.js";
import { meetingCalendar, type CalendarOverrides } from "../../ical/meeting-calendar.js";
import type { Reply } from "../edge/endpoint.js";

export async function icalReply(
  directory: DirectoryRepository,
  meeting: MeetingDoc,
  overrides: CalendarOverrides,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const employee = await directory.get("employee", meeting.employeeId);
  const text = meetingCalendar(
    meeting,
    { name: employee?.name ?? "BookMe", email: employee?.email ?? "noreply@bookme.invalid" },
    overrides,
  );
  return {
    status: 200,
    body: text,
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="meeting-${meeting.id}.ics"`,
      ...headers,
    },
  };
}
