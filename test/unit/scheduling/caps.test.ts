/** Caps per advisor, enforced in the booking's write: races never pass a cap; capped advisors leave the pool; explain names the cap. */
import { describe, expect, it } from "vitest";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { cancelMeeting } from "../../../shared/booking/commands/cancel-meeting.js";
import { rescheduleMeeting } from "../../../shared/booking/commands/reschedule-meeting.js";
import { availableSlots, searchAvailability } from "../../../shared/booking/queries/availability.js";
import { explainAvailability } from "../../../shared/booking/queries/explain.js";
import { generateSlots } from "../../../shared/slots/index.js";
import { capRulesFor, periodOf } from "../../../shared/booking/write/caps.js";
import { EmployeeBody } from "../../../shared/directory/directory.js";
import { advisor, advisorId, bank, DAY, HOUR, outcome, typeQuery, viaType, withAdvisor } from "./world.js";

const NOW = Date.parse("2030-01-07T06:00:00Z"); // a Monday
const TUE = Date.parse("2030-01-08T07:00:00Z"); // 08:00 in Copenhagen
const A1 = advisorId(1);
const A2 = advisorId(2);

describe("cap periods are the advisor's local day, ISO week and month", () => {
  it("a meeting late on Sunday evening in Copenhagen counts in that day and week", () => {
    const sundayNight = Date.parse("2030-01-13T22:30:00Z"); // 23:30 Sunday in Copenhagen
    expect(periodOf("day", sundayNight, "Europe/Copenhagen").key).toBe("2030-01-13");
    expect(periodOf("week", sundayNight, "Europe/Copenhagen").key).toBe("2030-W02");
    expect(periodOf("week", sundayNight, "Asia/Tokyo").key).toBe("2030-W03");
    expect(periodOf("month", Date.parse("2030-01-31T23:30:00Z"), "Europe/Copenhagen").key).toBe("2030-02");
  });

  it("a day across the autumn clock change is 25 hours", () => {
    const p = periodOf("day", Date.parse("2030-10-27T12:00:00Z"), "Europe/Copenhagen");
    expect(p.end - p.start).toBe(25 * HOUR);
  });

  it("only the periods configured count; a cap needs meetings or minutes", () => {
    expect(capRulesFor({ day: { meetings: 2 } }, "UTC", TUE).map((r) => `${r.period} ${r.key}`)).toEqual(["day 2030-01-08"]);
    expect(EmployeeBody.safeParse({ ...advisor(1), caps: { week: {} } }).error!.issues[0].path).toEqual(["caps", "week", "meetings"]);
  });
});

describe("caps hold in the write", () => {
  it("30 parallel bookings of one advisor at 30 different times of a day with a cap of 3 a day: exactly 3 win", async () => {
    const deps = await bank([advisor(1, { caps: { day: { meetings: 3 } } })]);
    const starts = Array.from({ length: 30 }, (_, i) => TUE + Math.floor(i / 3) * HOUR + (i % 3) * 20 * 60_000);
    const results = await Promise.all(starts.map((s) => outcome(createMeeting(deps, withAdvisor(A1, s, 15), NOW))));
    expect(results.filter((r) => r === A1)).toHaveLength(3);
    expect(results.filter((r) => r !== A1).every((r) => r === "slot_taken")).toBe(true);
    // every lost hold is gone: the counter holds exactly the 3 winners, the calendar too
    const counter = [...(deps.schedules as unknown as { docs: Map<string, { entries: unknown[] }> }).docs].filter(([id]) =>
      id.includes(":cap-day-"),
    );
    expect(counter.map(([id, d]) => [id, d.entries.length])).toEqual([[`employee:${A1}:cap-day-2030-01-08`, 3]]);
  });

  it("through a meeting type: two advisors capped at 2 a day, 20 parallel bookings at free times: 4 win, the rest 409", async () => {
    const deps = await bank([advisor(1, { caps: { day: { meetings: 2 } } }), advisor(2, { caps: { day: { meetings: 2 } } })]);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => outcome(createMeeting(deps, viaType(TUE + (i % 8) * HOUR), NOW))),
    );
    expect(results.filter((r) => r === A1)).toHaveLength(2);
    expect(results.filter((r) => r === A2)).toHaveLength(2);
    expect(results.filter((r) => r === "slot_taken")).toHaveLength(16);
  });

  it("minutes: 90 minutes a day fit one 60-minute meeting and then one of 30", async () => {
    const deps = await bank([advisor(1, { caps: { day: { minutes: 90 } } })]);
    expect(await outcome(createMeeting(deps, withAdvisor(A1, TUE), NOW))).toBe(A1);
    expect(await outcome(createMeeting(deps, withAdvisor(A1, TUE + 2 * HOUR), NOW))).toBe("slot_taken");
    expect(await outcome(createMeeting(deps, withAdvisor(A1, TUE + 2 * HOUR, 30), NOW))).toBe(A1);
  });

  it("a week cap spans days; a cancellation gives the place back", async () => {
    const deps = await bank([advisor(1, { caps: { week: { meetings: 2 } } })]);
    const first = await createMeeting(deps, withAdvisor(A1, TUE), NOW);
    await createMeeting(deps, withAdvisor(A1, TUE + DAY), NOW);
    expect(await outcome(createMeeting(deps, withAdvisor(A1, TUE + 2 * DAY), NOW))).toBe("slot_taken");
    expect(await outcome(createMeeting(deps, withAdvisor(A1, TUE + 7 * DAY), NOW))).toBe(A1); // next week
    await cancelMeeting(deps, { id: first.meeting.id }, NOW);
    expect(await outcome(createMeeting(deps, withAdvisor(A1, TUE + 2 * DAY), NOW))).toBe(A1);
  });
});

describe("moves keep the count", () => {
  it("a meeting at the cap moves within its day; a move into a full day is refused; a move to another day frees the first", async () => {
    const deps = await bank([advisor(1, { caps: { day: { meetings: 1 } } })]);
    const m = await createMeeting(deps, withAdvisor(A1, TUE), NOW);
    const moved = await rescheduleMeeting(deps, { id: m.meeting.id, time: { start: TUE + 3 * HOUR, end: TUE + 4 * HOUR } }, NOW);
    expect(moved.meeting.startDate).toBe(new Date(TUE + 3 * HOUR).toISOString());
    await createMeeting(deps, withAdvisor(A1, TUE + DAY), NOW); // Wednesday is full too
    const into = await rescheduleMeeting(
      deps,
      { id: m.meeting.id, time: { start: TUE + DAY + 3 * HOUR, end: TUE + DAY + 4 * HOUR } },
      NOW,
    ).catch((err: { code?: string }) => err.code);
    expect(into).toBe("slot_taken");
    await rescheduleMeeting(deps, { id: m.meeting.id, time: { start: TUE + 2 * DAY, end: TUE + 2 * DAY + HOUR } }, NOW);
    expect(await outcome(createMeeting(deps, withAdvisor(A1, TUE + HOUR), NOW))).toBe(A1); // Tuesday's place is free again
  });
});

describe("availability hides a capped advisor and explain says why", () => {
  it("after two meetings on Tuesday, the advisor capped at 2 a day has no Tuesday slots; the other one does", async () => {
    const deps = await bank([advisor(1, { caps: { day: { meetings: 2 } } }), advisor(2)]);
    await createMeeting(deps, withAdvisor(A1, TUE), NOW);
    await createMeeting(deps, withAdvisor(A1, TUE + HOUR), NOW);
    const tuesday = typeQuery(Date.parse("2030-01-07T23:00:00Z"), Date.parse("2030-01-08T23:00:00Z"));
    const slots = await availableSlots(deps, tuesday, NOW);
    expect(slots.some((s) => s.employeeId === A1)).toBe(false);
    expect(slots.some((s) => s.employeeId === A2)).toBe(true);
    const search = await searchAvailability(deps, tuesday, NOW);
    const explained = explainAvailability(search, generateSlots(search.input!), NOW);
    expect(explained).toEqual([
      {
        employeeId: A1,
        date: "2030-01-08",
        reasons: [
          {
            code: "daily_cap",
            detail: "daily cap reached (2 meetings) for 2030-01-08",
            resource: `employee:${A1}`,
            period: { start: "2030-01-07T23:00:00.000Z", end: "2030-01-08T23:00:00.000Z" },
          },
        ],
      },
    ]);
    // Wednesday is another day
    expect(
      (await availableSlots(deps, { ...tuesday, startMs: tuesday.startMs + DAY, endMs: tuesday.endMs + DAY }, NOW)).some(
        (s) => s.employeeId === A1,
      ),
    ).toBe(true);
  });
});
