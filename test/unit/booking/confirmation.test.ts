/** Provisional bookings over the in-memory ports: Pending holds the time; confirm, decline, expiry. */
import { describe, expect, it } from "vitest";
import { bookingDeps, type BookingDeps } from "../../../shared/booking/write/deps.js";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import type { BookMeetingCommand } from "../../../shared/booking/model/commands.js";
import { confirmMeeting, declineMeeting } from "../../../shared/booking/commands/confirmation.js";
import { sweep } from "../../../shared/booking/commands/recovery.js";
import type { Employee } from "../../../shared/directory/directory.js";
import { MeetingTypeBody } from "../../../shared/directory/meeting-types.js";
import { analyseConsistency, violations } from "../../../dev/consistency.js";
import { memoryStores, type MemoryStores } from "../../support/memory/stores.js";
import { meetingDetails } from "../../support/memory/meeting-details.js";

const NOW = Date.parse("2030-01-07T06:00:00Z");
const AT = Date.parse("2030-01-08T10:00:00Z");
const HOUR = 3_600_000;
const E1 = "00000000-0000-4000-8000-000000000001";
const MT = "00000000-0000-4000-8000-0000000000bb";

async function world(mode: "attendee" | "host"): Promise<{ stores: MemoryStores; deps: BookingDeps }> {
  const stores = memoryStores();
  await stores.directory.put("employee", {
    id: E1,
    name: "A",
    email: "a@bank.example",
    timeZone: "UTC",
    overrides: [],
    meetingTypes: ["Online"],
    locations: [],
    serviceGroups: [],
    topicIds: [],
    customerTypeIds: [],
    absences: [],
    workingHours: ["monday", "tuesday", "wednesday"].map((day) => ({ day, start: "08:00", end: "18:00" })),
  } as Employee);
  const type = MeetingTypeBody.parse({
    name: "Opt-in",
    durations: { defaultMinutes: 60 },
    pool: { employeeIds: [E1] },
    confirmation: { mode, expiryMinutes: 30 },
  });
  await stores.directory.put("meetingType", { ...type, id: MT });
  return { stores, deps: bookingDeps(stores, { reservationTtlMs: 300_000 }) };
}

const command: BookMeetingCommand = {
  version: "v2",
  meetingTypeId: MT,
  time: { start: AT, end: AT + HOUR },
  details: meetingDetails({ bookedBy: "Customer" }),
};
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (err: { code?: string }) => err.code,
  );

describe("provisional bookings", () => {
  it("a double opt-in booking is Pending, holds its time, and the attendee's confirmation makes it Booked", async () => {
    const { stores, deps } = await world("attendee");
    const { meeting } = await createMeeting(deps, command, NOW);
    expect(meeting).toMatchObject({
      status: "Pending",
      confirmation: { mode: "attendee", expiresAt: new Date(NOW + 30 * 60_000).toISOString() },
    });
    expect(await code(createMeeting(deps, command, NOW))).toBe("slot_taken");
    expect(await code(confirmMeeting(deps, { id: meeting.id, by: "host" }, NOW))).toBe("forbidden");
    const confirmed = await confirmMeeting(deps, { id: meeting.id, by: "attendee" }, NOW + 60_000);
    expect(confirmed.meeting.status).toBe("Booked");
    expect(await code(confirmMeeting(deps, { id: meeting.id, by: "attendee" }, NOW + 60_000))).toBe("not_pending");
    expect(violations(analyseConsistency(stores.snapshot(), NOW))).toEqual([]);
  });

  it("host confirmation: declining cancels and frees the time", async () => {
    const { deps } = await world("host");
    const { meeting } = await createMeeting(deps, command, NOW);
    const declined = await declineMeeting(deps, { id: meeting.id, by: "host", reason: "not qualified" }, NOW);
    expect(declined.meeting).toMatchObject({ status: "Cancelled", cancellationReason: "not qualified" });
    expect((await createMeeting(deps, command, NOW)).meeting.status).toBe("Pending");
  });

  it("an unconfirmed booking expires with the sweeper; a late confirmation is refused", async () => {
    const { stores, deps } = await world("attendee");
    const { meeting } = await createMeeting(deps, command, NOW);
    const later = NOW + 31 * 60_000;
    expect(await code(confirmMeeting(deps, { id: meeting.id, by: "attendee" }, later))).toBe("confirmation_expired");
    expect((await sweep(deps, later)).pendingExpired).toBe(1);
    expect((await deps.meetings.get(meeting.id))?.meeting).toMatchObject({
      status: "Cancelled",
      cancellationReason: "confirmation expired",
    });
    expect(violations(analyseConsistency(stores.snapshot(), later))).toEqual([]);
    expect((await createMeeting(deps, command, later)).meeting.status).toBe("Pending");
  });
});
