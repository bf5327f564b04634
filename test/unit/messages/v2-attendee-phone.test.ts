/** V2 external attendees' optional `phone` (a BookMe extension): E.164 or a 400 naming the field; the first one becomes the `phone` custom field the SMS reminders read, never part of the stored attendee. */
import { describe, expect, it } from "vitest";
import { bookMeetingCommand } from "../../../shared/api/bookme/meeting-commands.js";
import { MeetingCreateV2 } from "../../../shared/api/bookme/schemas/meetings.js";
import { preferencesOf } from "../../../shared/messages/preferences.js";

const body = {
  employeeId: "00000000-0000-4000-8000-000000000001",
  customerId: "c1",
  salesforceId: "sf",
  startDate: "2027-01-11T09:00:00Z",
  endDate: "2027-01-11T09:30:00Z",
};

describe("V2 attendees' phone", () => {
  it("the first attendee phone becomes the phone custom field; the stored attendee keeps name and e-mail only", () => {
    const parsed = MeetingCreateV2.parse({
      ...body,
      externalAttendees: [
        { name: "A", email: "a@example.com" },
        { name: "B", email: "b@example.com", phone: " +4520304050 " },
        { name: "C", email: "c@example.com", phone: "+4511111111" },
      ],
    });
    const details = bookMeetingCommand(parsed, "v2").details;
    expect(details.customFields).toEqual([{ key: "phone", value: "+4520304050" }]);
    expect(details.externalAttendees[1]).toEqual({ name: "B", email: "b@example.com" });
    expect(preferencesOf(details.customFields).phone).toBe("+4520304050");
  });

  it("a phone sent as the custom field wins over the attendee's", () => {
    const parsed = MeetingCreateV2.parse({
      ...body,
      customFields: [{ key: "phone", value: "+4599999999" }],
      externalAttendees: [{ name: "B", email: "b@example.com", phone: "+4520304050" }],
    });
    expect(bookMeetingCommand(parsed, "v2").details.customFields).toEqual([{ key: "phone", value: "+4599999999" }]);
  });

  it("a phone that is not E.164 is refused naming externalAttendees[i].phone and the rule", () => {
    for (const phone of ["20304050", "+45 20 30 40 50", "+0123456789", "+12"]) {
      const bad = MeetingCreateV2.safeParse({ ...body, externalAttendees: [{ name: "B", email: "b@example.com", phone }] });
      expect(bad.success, phone).toBe(false);
      expect(bad.error?.issues[0].path).toEqual(["externalAttendees", 0, "phone"]);
      expect(bad.error?.issues[0].message).toMatch(/E\.164/);
    }
  });
});
