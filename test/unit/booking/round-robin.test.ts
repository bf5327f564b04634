/** Round-robin assignment over the in-memory ports: fairness, weights, priority, determinism, lost races. */
import { describe, expect, it } from "vitest";
import { bookingDeps, type BookingDeps } from "../../../shared/booking/write/deps.js";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import type { BookMeetingCommand } from "../../../shared/booking/model/commands.js";
import type { Employee } from "../../../shared/directory/directory.js";
import { MeetingTypeBody, type MeetingTypeConfig } from "../../../shared/directory/meeting-types.js";
import { memoryStores } from "../../support/memory/stores.js";
import { mulberry32 } from "../../../bench/lib/random.js";
import { meetingDetails } from "../../support/memory/meeting-details.js";

const NOW = Date.parse("2030-01-07T06:00:00Z"); // a Monday
const TOMORROW = Date.parse("2030-01-08T00:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const ADVISORS = [1, 2, 3, 4, 5].map((n) => `00000000-0000-4000-8000-00000000000${n}`);
const [A1, , A3, , A5] = ADVISORS;

function advisor(id: string): Employee {
  return {
    id,
    name: id,
    email: `${id}@bank.example`,
    timeZone: "UTC",
    workingHours: WEEKDAYS.map((day) => ({ day, start: "08:00", end: "18:00" })),
    overrides: [],
    meetingTypes: ["Online"],
    locations: [],
    serviceGroups: ["advice"],
    topicIds: [],
    customerTypeIds: [],
    absences: [],
  };
}

async function world(assignment: Partial<MeetingTypeConfig["assignment"]> = {}): Promise<BookingDeps> {
  const stores = memoryStores();
  for (const id of ADVISORS) await stores.directory.put("employee", advisor(id));
  const type = MeetingTypeBody.parse({
    name: "Advice",
    durations: { defaultMinutes: 60 },
    pool: { serviceGroup: "advice" },
    assignment: { policy: "fairness", ...assignment },
  });
  await stores.directory.put("meetingType", { ...type, id: MT });
  return bookingDeps(stores, { reservationTtlMs: 300_000 });
}

const MT = "00000000-0000-4000-8000-0000000000aa";
const command = (start: number): BookMeetingCommand => ({
  version: "v2",
  meetingTypeId: MT,
  time: { start, end: start + HOUR },
  details: meetingDetails({ bookedBy: "Customer" }),
});

function tally(ids: string[]) {
  const counts = new Map(ADVISORS.map((a) => [a, 0]));
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts.values()];
}

describe("round-robin assignment", () => {
  it("200 bookings at random times with equal weights: no advisor has more than one booking more than another", async () => {
    const deps = await world();
    const random = mulberry32(42);
    const assigned: string[] = [];
    for (let i = 0; i < 200; i++) {
      const start = TOMORROW + Math.floor(random() * 10) * DAY + (8 + Math.floor(random() * 10)) * HOUR;
      const booked = await createMeeting(deps, command(start), NOW).catch((err: { code?: string }) => err.code);
      if (typeof booked === "string" || booked === undefined) {
        expect(booked).toBe("slot_taken"); // all five were taken at that hour
        continue;
      }
      assigned.push(booked.meeting.employeeId);
      expect(booked.meeting.selectionReason).toMatch(/^fairness: \d+ meetings within 30 days/);
    }
    expect(assigned.length).toBeGreaterThan(150);
    const counts = tally(assigned);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it("the same state picks the same advisor", async () => {
    const picks = [];
    for (let run = 0; run < 3; run++)
      picks.push((await createMeeting(await world(), command(TOMORROW + 10 * HOUR), NOW)).meeting.employeeId);
    expect(new Set(picks).size).toBe(1);
  });

  it("weighted: an advisor with weight 3 gets three times the bookings of one with weight 1", async () => {
    const deps = await world({ policy: "weighted", weights: [{ employeeId: A1, weight: 3 }] });
    const assigned: string[] = [];
    for (let i = 0; i < 70; i++)
      assigned.push(
        (await createMeeting(deps, command(TOMORROW + Math.floor(i / 10) * DAY + (8 + (i % 10)) * HOUR), NOW)).meeting.employeeId,
      );
    const [a1, ...others] = tally(assigned);
    for (const n of others) expect(Math.abs(a1 - 3 * n)).toBeLessThanOrEqual(3);
  });

  it("priority: the highest-priority free advisor first; the next when it is taken", async () => {
    const deps = await world({
      policy: "priority",
      priorities: [
        { employeeId: A3, priority: 0 },
        { employeeId: A5, priority: 1 },
      ],
    });
    const at = TOMORROW + 9 * HOUR;
    expect((await createMeeting(deps, command(at), NOW)).meeting.employeeId).toBe(A3);
    expect((await createMeeting(deps, command(at), NOW)).meeting.employeeId).toBe(A5);
  });

  it("concurrent bookings of one time: each advisor at most once, and every booking succeeds while one is free", async () => {
    const deps = await world();
    const at = TOMORROW + 11 * HOUR;
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        createMeeting(deps, command(at), NOW).then(
          (b) => b.meeting.employeeId,
          (err: { code?: string }) => err.code,
        ),
      ),
    );
    const booked = results.filter((r) => r !== "slot_taken");
    expect(booked.sort()).toEqual(ADVISORS);
    expect(results.filter((r) => r === "slot_taken")).toHaveLength(7);
  });
});
