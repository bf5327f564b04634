import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  eventId,
  meetingCancelled,
  meetingCreated,
  meetingUpdated,
  reservationExpired,
  reservationReleased,
  webhookPayload,
} from "../../../shared/booking/model/events.js";
import { liveSecrets, newSecret, signatureHeaders } from "../../../shared/events/signing.js";
import { checkWebhookUrl } from "../../../shared/events/subscriptions.js";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import { SEALED_CPR } from "../../support/personal-data.js";

const body = JSON.stringify({ type: "meeting.created", timestamp: "2026-12-01T10:00:00.000Z", data: { id: "m1" } });

describe("Standard Webhooks signing", () => {
  it("makes whsec_ secrets of 32 random bytes", () => {
    const s = newSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(s.slice(6), "base64")).toHaveLength(32);
    expect(newSecret()).not.toBe(s);
  });

  it("signs so that the reference implementation verifies", () => {
    const secret = newSecret();
    const headers = signatureHeaders("evt_meeting_m1_1", new Date(), body, [secret]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("during a rotation both secrets sign, space separated, and each one verifies alone", () => {
    const [older, newer] = [newSecret(), newSecret()];
    const headers = signatureHeaders("evt_x_1", new Date(), body, [newer, older]);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(older).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newer).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow(/signature/);
  });

  it("a changed body or id does not verify", () => {
    const secret = newSecret();
    const headers = signatureHeaders("evt_x_1", new Date(), body, [secret]);
    expect(() => new Webhook(secret).verify(body.replace("m1", "m2"), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "evt_x_2" })).toThrow();
  });

  it("an expired previous secret no longer signs", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    const secrets = [
      { secret: "a", expiresAt: null },
      { secret: "b", expiresAt: "2026-12-01T11:00:00Z" },
      { secret: "c", expiresAt: "2026-12-01T09:00:00Z" },
    ];
    expect(liveSecrets(secrets, now)).toEqual(["a", "b"]);
  });
});

const meeting: MeetingDoc = {
  id: "m1",
  rev: 1,
  status: "Booked",
  apiVersion: "v2",
  bookedBy: "Customer",
  salesforceId: "sf",
  customerTypeId: null,
  timeSlotId: null,
  portalId: null,
  cpr: SEALED_CPR,
  customFields: [],
  externalAttendees: [{ name: "Jo", email: "jo@example.com" }],
  title: null,
  description: null,
  videoLink: null,
  additionalEmployees: [],
  roomId: null,
  startDate: "2026-12-02T09:00:00.000Z",
  endDate: "2026-12-02T10:00:00.000Z",
  type: "Online",
  topicId: null,
  employeeId: "e1",
  customerId: "c1",
  dateCreated: "2026-12-01T10:00:00.000Z",
  dateModified: "2026-12-01T10:00:00.000Z",
  confirmation: null,
  secretHash: null,
  cancellationReason: null,
  rescheduledFrom: null,
  history: [],
  meetingTypeId: null,
  selectionReason: null,
  holds: ["employee:e1:2026-12"],
};

describe("events", () => {
  it("have deterministic ids per aggregate and sequence number", () => {
    expect(meetingCreated(meeting).id).toBe(eventId("meeting:m1", 1));
    expect(meetingCreated(meeting).id).toBe(meetingCreated({ ...meeting }).id);
    const moved = { ...meeting, rev: 2, startDate: "2026-12-02T11:00:00.000Z", endDate: "2026-12-02T12:00:00.000Z" };
    expect(meetingUpdated(meeting, moved)).toMatchObject({
      id: "evt_meeting_m1_2",
      seq: 2,
      data: { previous: { startDate: meeting.startDate, endDate: meeting.endDate } },
    });
    expect(meetingUpdated(meeting, { ...meeting, rev: 2, title: "x" }).data.previous).toBeNull();
  });

  it("never carry CPR, internals or the reservation token; emails only with personal data allowed", () => {
    const e = meetingCancelled({ ...meeting, rev: 3, status: "Cancelled" }, "customer asked");
    expect(JSON.stringify(e)).not.toContain(SEALED_CPR.ciphertext);
    expect(e.data).not.toHaveProperty("holds");
    expect(e.data.reason).toBe("customer asked");
    expect(webhookPayload(e, false).data.externalAttendees).toEqual([{ name: "Jo" }]);
    expect(webhookPayload(e, true).data.externalAttendees).toEqual([{ name: "Jo", email: "jo@example.com" }]);
    const r = {
      id: "r1",
      token: "secret-token",
      startDate: "a",
      endDate: "b",
      employeeId: "e1",
      roomId: null,
      serviceGroup: null,
      existingMeetingId: null,
      expiresAt: "2026-12-01T10:05:00.000Z",
    };
    expect(JSON.stringify(reservationExpired(r))).not.toContain("secret-token");
  });

  it("a reservation ends once: expired and released share one id", () => {
    const r = {
      id: "r1",
      token: "t",
      startDate: "a",
      endDate: "b",
      employeeId: "e1",
      roomId: null,
      serviceGroup: null,
      existingMeetingId: null,
      expiresAt: "x",
    };
    expect(reservationExpired(r).id).toBe(reservationReleased(r, "y", "booked", "m1").id);
  });
});

describe("subscription URLs", () => {
  it.each(["https://crm.example.com/hooks", "https://10.0.0.1:8443/x"])("accepts %s", (url) =>
    expect(() => checkWebhookUrl(url, false)).not.toThrow(),
  );
  it.each(["http://crm.example.com/hooks", "http://localhost:3000/x", "ftp://x.example.com", "https://user:pw@crm.example.com/"])(
    "refuses %s without the local setting",
    (url) => expect(() => checkWebhookUrl(url, false)).toThrow(/url/),
  );
  it("accepts http to localhost / 127.0.0.1 only where the setting allows it", () => {
    expect(() => checkWebhookUrl("http://127.0.0.1:3000/x", true)).not.toThrow();
    expect(() => checkWebhookUrl("http://localhost:3000/x", true)).not.toThrow();
    expect(() => checkWebhookUrl("http://example.com/x", true)).toThrow();
  });
});
