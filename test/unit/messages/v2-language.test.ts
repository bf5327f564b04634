/** V2's optional `language` (a BookMe extension): validated (da, en, de), kept as the `language` custom field the messages read; V1 refuses it by name. */
import { describe, expect, it } from "vitest";
import { bookMeetingCommand } from "../../../shared/api/bookme/meeting-commands.js";
import { MeetingCreateV1, MeetingCreateV2 } from "../../../shared/api/bookme/schemas/meetings.js";
import { preferencesOf } from "../../../shared/messages/preferences.js";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const body = {
  employeeId: uuid(1),
  customerId: "c1",
  salesforceId: "sf",
  startDate: "2027-01-11T09:00:00Z",
  endDate: "2027-01-11T09:30:00Z",
};

describe("V2 meetings' language", () => {
  it("becomes the language custom field (overriding one sent there); the messages read it", () => {
    const parsed = MeetingCreateV2.parse({
      ...body,
      language: "de",
      customFields: [
        { key: "language", value: "en" },
        { key: "x", value: "1" },
      ],
    });
    const fields = bookMeetingCommand(parsed, "v2").details.customFields;
    expect(fields).toEqual([
      { key: "x", value: "1" },
      { key: "language", value: "de" },
    ]);
    expect(preferencesOf(fields).language).toBe("de");
    expect(bookMeetingCommand(MeetingCreateV2.parse(body), "v2").details.customFields).toEqual([]);
  });

  it("anything but da, en or de is a 400 naming the field; V1 has no language", () => {
    const bad = MeetingCreateV2.safeParse({ ...body, language: "fr" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["language"]);
    const v1 = MeetingCreateV1.safeParse({ ...body, customerTypeId: uuid(2), timeSlotId: "s", topicId: uuid(3), language: "de" });
    expect(v1.success).toBe(false);
    expect(v1.error?.issues.find((i) => i.path[0] === "language")?.message).toMatch(/V2 field/);
  });
});
