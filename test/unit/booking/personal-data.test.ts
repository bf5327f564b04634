/** The booking domain seals a meeting's CPR before anything is written, bound to the meeting; without a key it refuses. */
import { describe, expect, it } from "vitest";
import { bookingDeps } from "../../../shared/booking/write/deps.js";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import type { BookMeetingCommand } from "../../../shared/booking/model/commands.js";
import { rescheduleMeeting } from "../../../shared/booking/commands/reschedule-meeting.js";
import { cprContext } from "../../../shared/booking/model/personal-data.js";
import type { Employee } from "../../../shared/directory/directory.js";
import { memoryStores } from "../../support/memory/stores.js";
import { meetingDetails } from "../../support/memory/meeting-details.js";
import { testCipher } from "../../support/personal-data.js";
import { meetingView } from "../../../shared/booking/model/views.js";

const NOW = Date.parse("2030-01-07T06:00:00Z");
const AT = Date.parse("2030-01-08T10:00:00Z");
const HOUR = 3_600_000;
const E1 = "00000000-0000-4000-8000-000000000001";

async function stores() {
  const s = memoryStores();
  await s.directory.put("employee", {
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
  return s;
}

const booking = (at: number, cpr: string | null): BookMeetingCommand => ({
  version: "v2",
  employeeId: E1,
  time: { start: at, end: at + HOUR },
  details: meetingDetails({ cpr }),
});

describe("a meeting's CPR", () => {
  it("is stored sealed (digits only inside), opens only for its own meeting, and survives a reschedule", async () => {
    const s = await stores();
    const cipher = testCipher();
    const deps = bookingDeps(s, { reservationTtlMs: 300_000 }, undefined, cipher);
    const { meeting } = await createMeeting(deps, booking(AT, "010190-1234"), NOW);
    const other = (await createMeeting(deps, booking(AT + 2 * HOUR, null), NOW)).meeting;

    const stored = (await s.meetings.get(meeting.id))!.meeting;
    expect(JSON.stringify(stored)).not.toMatch(/0101901234|010190-1234/);
    expect(stored.cpr).toMatchObject({ alg: "A256GCM", kid: "local:test" });
    expect(await cipher.open(stored.cpr!, cprContext(meeting.id))).toBe("0101901234");
    await expect(cipher.open(stored.cpr!, cprContext(other.id))).rejects.toThrow();
    expect(other.cpr).toBeNull();

    const moved = await rescheduleMeeting(deps, { id: meeting.id, time: { start: AT + 4 * HOUR, end: AT + 5 * HOUR } }, NOW);
    expect(await cipher.open(moved.meeting.cpr!, cprContext(meeting.id))).toBe("0101901234");
  });

  it("shows in the V2 view as hasCpr only; V1 has neither", async () => {
    const s = await stores();
    const deps = bookingDeps(s, { reservationTtlMs: 300_000 }, undefined, testCipher());
    const { meeting } = await createMeeting(deps, booking(AT, "0101901234"), NOW);
    const v2 = meetingView(meeting, "v2");
    expect(v2).toMatchObject({ hasCpr: true });
    expect(v2).not.toHaveProperty("cpr");
    expect(JSON.stringify(v2)).not.toContain(meeting.cpr!.ciphertext);
    expect(meetingView(meeting, "v1")).not.toHaveProperty("hasCpr");
    expect(meetingView({ ...meeting, cpr: null }, "v2")).toMatchObject({ hasCpr: false });
  });

  it("without a key-encryption key, a booking with a CPR is refused (503) before anything is written; one without books", async () => {
    const s = await stores();
    const deps = bookingDeps(s, { reservationTtlMs: 300_000 });
    await expect(createMeeting(deps, booking(AT, "0101901234"), NOW)).rejects.toMatchObject({ code: "service_unavailable" });
    expect(s.snapshot()).toMatchObject({ meetings: [], intents: [] });
    expect((await createMeeting(deps, booking(AT, null), NOW)).meeting.status).toBe("Booked");
  });

  it("a key service that fails (Key Vault down, access revoked) is a 503 with nothing written, never a CPR in the clear", async () => {
    const s = await stores();
    const failing = {
      ...testCipher(),
      seal: () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
    };
    const deps = bookingDeps(s, { reservationTtlMs: 300_000 }, undefined, failing);
    await expect(createMeeting(deps, booking(AT, "0101901234"), NOW)).rejects.toMatchObject({
      code: "service_unavailable",
      message: expect.stringContaining("key service"),
    });
    expect(s.snapshot()).toMatchObject({ meetings: [], intents: [] });
  });
});
