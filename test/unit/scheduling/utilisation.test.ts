/** Distribution by workload: policy utilisation picks the advisor with the least booked minutes (or meetings) in the period. */
import { describe, expect, it } from "vitest";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { mulberry32 } from "../../../bench/lib/random.js";
import { advisor, advisorId, bank, DAY, HOUR, outcome, viaType, withAdvisor } from "./world.js";

const NOW = Date.parse("2030-01-01T06:00:00Z");
const MON = Date.parse("2030-01-07T07:00:00Z"); // 08:00 Monday in Copenhagen
const [A1, A2, A3] = [1, 2, 3].map(advisorId);

describe("utilisation", () => {
  it("minutes, not meetings: the advisor with one long meeting waits while the one with two short ones has fewer minutes", async () => {
    const deps = await bank([advisor(1), advisor(2), advisor(3)], { assignment: { policy: "utilisation" } });
    await createMeeting(deps, withAdvisor(A1, MON, 240), NOW); // 240 minutes, 1 meeting
    await createMeeting(deps, withAdvisor(A2, MON, 30), NOW);
    await createMeeting(deps, withAdvisor(A2, MON + HOUR, 30), NOW); // 60 minutes, 2 meetings
    await createMeeting(deps, withAdvisor(A3, MON, 120), NOW); // 120 minutes, 1 meeting
    const booked = await createMeeting(deps, viaType(MON + 2 * DAY), NOW);
    expect(booked.meeting.employeeId).toBe(A2);
    expect(booked.meeting.selectionReason).toMatch(/^utilisation: 60 booked minutes in week 2030-W02, then fairness: 2 meetings/);
    // fairness would have picked A1 or A3 (one meeting each); counting meetings per week, A1 (1, id first)
    const byMeetings = await bank([advisor(1), advisor(2), advisor(3)], {
      assignment: { policy: "utilisation", utilisation: { measure: "meetings", period: "week" } },
    });
    await createMeeting(byMeetings, withAdvisor(A2, MON, 30), NOW);
    await createMeeting(byMeetings, withAdvisor(A3, MON, 30), NOW);
    expect(await outcome(createMeeting(byMeetings, viaType(MON + 2 * DAY), NOW))).toBe(A1);
  });

  it("over a month of generated bookings the booked minutes stay even (within one meeting's length)", async () => {
    const deps = await bank([advisor(1), advisor(2), advisor(3)], {
      durations: { defaultMinutes: 60, allowedMinutes: [30, 60, 90] },
      assignment: { policy: "utilisation", utilisation: { period: "month" } },
    });
    const random = mulberry32(7);
    const minutes = new Map<string, number>();
    for (let i = 0; i < 120; i++) {
      const length = [30, 60, 90][Math.floor(random() * 3)];
      const start = Date.parse("2030-02-01T07:00:00Z") + Math.floor(random() * 28) * DAY + Math.floor(random() * 16) * 30 * 60_000;
      const who = await outcome(createMeeting(deps, viaType(start, length), NOW));
      if (who === "slot_taken") continue;
      minutes.set(who, (minutes.get(who) ?? 0) + length);
    }
    const totals = [...minutes.values()];
    expect(totals).toHaveLength(3);
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(90);
  });
});
