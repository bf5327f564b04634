/** Messages made concrete: the customer's language, the local time in the advisor's zone, the .ics with stable UID and rising SEQUENCE. */
import ical from "node-ical";
import { describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import { compose } from "../../../shared/messages/compose.js";
import { confirmUrl, tokenMatches } from "../../../shared/messages/confirm-link.js";
import { operationIdOf } from "../../../shared/messages/ids.js";
import type { PlannedMessage } from "../../../shared/messages/plan.js";
import type { OutgoingEmail, OutgoingSms } from "../../../shared/messages/ports.js";

const meeting = (over: Partial<MeetingDoc> = {}): MeetingDoc =>
  ({
    id: "m-42",
    rev: 1,
    status: "Booked",
    apiVersion: "v2",
    bookedBy: "Customer",
    externalAttendees: [{ name: "Karen Kunde", email: "karen@example.com" }],
    customFields: [],
    startDate: "2027-01-11T09:00:00.000Z",
    endDate: "2027-01-11T09:30:00.000Z",
    dateModified: "2027-01-04T08:00:00.000Z",
    type: "Online",
    videoLink: "https://meet.example/abc",
    title: null,
    description: null,
    confirmation: null,
    ...over,
  }) as MeetingDoc;

const plan = (kind: PlannedMessage["kind"], channel: PlannedMessage["channel"] = "email"): PlannedMessage => ({
  key: kind,
  operationId: operationIdOf(kind),
  kind,
  channel,
  recipient: 0,
});
const advisor = { name: "Anna Rådgiver", email: "anna@bank.example", timeZone: "Europe/Copenhagen" };
const input = (m: MeetingDoc, language: "da" | "en" = "da") => ({
  meeting: m,
  advisor,
  language,
  phone: "+4512345678",
  where: m.videoLink,
  reason: null,
  confirmUrl: null,
});

function icsOf(mail: OutgoingEmail) {
  const text = Buffer.from(mail.attachments[0].contentBase64, "base64").toString("utf8");
  const parsed = ical.sync.parseICS(text);
  const event = Object.values(parsed).find((c) => c?.type === "VEVENT") as ical.VEvent;
  return { text, event };
}

describe("composed messages", () => {
  it("Danish by default, with the local time in the advisor's zone (09:00Z is 10:00 in Copenhagen in January)", () => {
    const mail = compose(plan("confirmation"), input(meeting())) as OutgoingEmail;
    expect(mail.subject).toBe("Bekræftelse af dit møde");
    expect(mail.text).toContain("mandag den 11. januar 2027, 10:00–10:30");
    expect(mail.text).toContain("Anna Rådgiver");
    expect(mail.text).toContain("https://meet.example/abc");
    expect(mail.html).toContain('<table role="presentation"');
    expect(mail.html).not.toMatch(/<img|<script/);
  });

  it("English when the booking says so", () => {
    const mail = compose(plan("confirmation"), input(meeting(), "en")) as OutgoingEmail;
    expect(mail.subject).toBe("Your meeting is confirmed");
    expect(mail.text).toContain("Monday 11 January 2027, 10:00–10:30");
  });

  it("the .ics: METHOD:REQUEST, UID stable per meeting, SEQUENCE rising with the rev; a cancel is METHOD:CANCEL", () => {
    const booked = icsOf(compose(plan("confirmation"), input(meeting())) as OutgoingEmail);
    const moved = icsOf(
      compose(
        plan("updated"),
        input(meeting({ rev: 3, startDate: "2027-01-12T09:00:00.000Z", endDate: "2027-01-12T09:30:00.000Z" })),
      ) as OutgoingEmail,
    );
    const cancelled = icsOf(compose(plan("cancelled"), input(meeting({ rev: 4, status: "Cancelled" }))) as OutgoingEmail);
    expect(booked.text).toContain("METHOD:REQUEST");
    expect(booked.event.uid).toBe("m-42@bookme");
    expect(moved.event.uid).toBe("m-42@bookme");
    expect([booked.event.sequence, moved.event.sequence, cancelled.event.sequence].map(Number)).toEqual([0, 2, 3]);
    expect(moved.event.start.toISOString()).toBe("2027-01-12T09:00:00.000Z");
    expect(cancelled.text).toContain("METHOD:CANCEL");
  });

  it("the double opt-in request carries the confirm link and no .ics; reminders and receipts carry none", () => {
    const link = confirmUrl("http://localhost:7071", "k", "m-42", "hash");
    const mail = compose(plan("confirm_request"), {
      ...input(meeting({ status: "Pending", confirmation: { mode: "attendee", expiresAt: "2027-01-04T09:00:00.000Z" } })),
      confirmUrl: link,
    }) as OutgoingEmail;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain("Bekræft mødet");
    expect(mail.attachments).toEqual([]);
    expect((compose(plan("reminder"), input(meeting())) as OutgoingEmail).attachments).toEqual([]);
    const token = new URL(link).searchParams.get("token")!;
    expect(tokenMatches("k", "m-42", "hash", token)).toBe(true);
    expect(tokenMatches("k", "m-42", "other-hash", token)).toBe(false);
  });

  it("an SMS goes to the phone with a short text", () => {
    const sms = compose(plan("reminder", "sms"), input(meeting())) as OutgoingSms;
    expect(sms.to).toBe("+4512345678");
    expect(sms.text).toContain("Påmindelse om dit møde");
    expect(sms.text.length).toBeLessThan(160);
  });
});
