/** Meeting analytics (issue 30): weeks and months of the branch's zone, lead times, no-shows, assignment spread. */
import { describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import { assignmentSpreadOf, bucketsOf, meetingAnalyticsOf } from "../../../shared/api/console/meeting-analytics.js";

const CPH = "Europe/Copenhagen";
let n = 0;
function meeting(over: Partial<MeetingDoc> & Pick<MeetingDoc, "startDate">): MeetingDoc {
  n += 1;
  return {
    id: `m${n}`,
    status: "Booked",
    employeeId: "a",
    meetingTypeId: "t1",
    endDate: new Date(Date.parse(over.startDate) + 3_600_000).toISOString(),
    dateCreated: new Date(Date.parse(over.startDate) - 48 * 3_600_000).toISOString(),
    dateModified: over.startDate,
    history: [],
    ...over,
  } as MeetingDoc;
}
const names = new Map([
  ["a", "Anna"],
  ["b", "Bo"],
]);

describe("meeting analytics", () => {
  it("weeks run Monday to Sunday and months are calendar months of the zone, clipped to the range", () => {
    expect(bucketsOf("2026-03-25", "2026-04-02", "week", CPH)).toEqual([
      { key: "2026-W13", from: "2026-03-25", to: "2026-03-29" },
      { key: "2026-W14", from: "2026-03-30", to: "2026-04-02" },
    ]);
    expect(bucketsOf("2026-03-25", "2026-05-02", "month", CPH).map((b) => [b.key, b.from, b.to])).toEqual([
      ["2026-03", "2026-03-25", "2026-03-31"],
      ["2026-04", "2026-04-01", "2026-04-30"],
      ["2026-05", "2026-05-01", "2026-05-02"],
    ]);
  });

  it("a meeting counts in the zone's week and month, not UTC's: late Sunday evening and just after local midnight", () => {
    const sundayNight = meeting({ startDate: "2026-03-29T21:30:00.000Z" }); // Sun 23:30 CEST: week 13
    const mayFirst = meeting({ startDate: "2026-04-30T22:30:00.000Z" }); // Fri 1 May 00:30 CEST: May
    const weeks = meetingAnalyticsOf([sundayNight], {
      from: "2026-03-23",
      to: "2026-04-05",
      period: "week",
      groupBy: "advisor",
      zone: CPH,
      names,
    });
    const anna = weeks.groups.find((g) => g.key === "a")!;
    expect(anna.buckets.map((b) => [b.bucket, b.meetings])).toEqual([
      ["2026-W13", 1],
      ["2026-W14", 0],
    ]);
    expect(weeks.bucketTotals.map((b) => [b.bucket, b.meetings])).toEqual([
      ["2026-W13", 1],
      ["2026-W14", 0],
    ]);
    const months = meetingAnalyticsOf([mayFirst], {
      from: "2026-04-01",
      to: "2026-05-31",
      period: "month",
      groupBy: "advisor",
      zone: CPH,
      names,
    });
    expect(months.groups.find((g) => g.key === "a")!.buckets.map((b) => [b.bucket, b.meetings])).toEqual([
      ["2026-04", 0],
      ["2026-05", 1],
    ]);
    // In UTC it would be April.
    const utc = meetingAnalyticsOf([mayFirst], {
      from: "2026-04-01",
      to: "2026-05-31",
      period: "month",
      groupBy: "advisor",
      zone: "UTC",
      names,
    });
    expect(utc.groups.find((g) => g.key === "a")!.buckets[0].meetings).toBe(1);
  });

  it("cancellations with their lead time, no-shows and their rate, booking lead time; advisors without meetings listed", () => {
    const start = "2026-06-10T08:00:00.000Z";
    const list = [
      meeting({ startDate: start, dateCreated: "2026-06-09T08:00:00.000Z" }), // booked 24 h ahead
      meeting({ startDate: start, status: "NoShow", dateCreated: "2026-06-06T08:00:00.000Z" }), // 96 h
      meeting({
        startDate: start,
        status: "Cancelled",
        dateCreated: "2026-06-08T08:00:00.000Z", // 48 h
        history: [{ at: "2026-06-10T02:00:00.000Z", action: "cancelled" }], // 6 h before
      }),
      meeting({ startDate: start, status: "Cancelled", dateCreated: "2026-06-01T08:00:00.000Z", dateModified: "2026-06-09T20:00:00.000Z" }), // 12 h
    ];
    const a = meetingAnalyticsOf(list, { from: "2026-06-08", to: "2026-06-14", period: "week", groupBy: "advisor", zone: CPH, names });
    expect(a.totals).toMatchObject({
      meetings: 2,
      cancellations: 2,
      noShows: 1,
      noShowRate: 0.5,
      cancellationLead: { medianHours: 9, meanHours: 9, count: 2 },
      bookingLead: { medianHours: 72, count: 4 },
    });
    expect(a.groups.map((g) => [g.name, g.totals.meetings])).toEqual([
      ["Anna", 2],
      ["Bo", 0],
    ]);
    const byType = meetingAnalyticsOf(list, {
      from: "2026-06-08",
      to: "2026-06-14",
      period: "week",
      groupBy: "meetingType",
      zone: CPH,
      names: new Map([["t1", "Pension"]]),
    });
    expect(byType.groups.map((g) => g.name)).toEqual(["Pension"]);
  });

  it("assignment spread: pool members without assignments count, cancelled ones do not", () => {
    const day = "2026-06-10T08:00:00.000Z";
    const list = [
      meeting({ startDate: day, employeeId: "a" }),
      meeting({ startDate: day, employeeId: "a" }),
      meeting({ startDate: day, employeeId: "a", status: "Cancelled" }),
      meeting({ startDate: day, employeeId: "a", meetingTypeId: "t2" }),
    ];
    const s = assignmentSpreadOf(list, [{ id: "t1", name: "Pension", policy: "fairness", pool: ["a", "b"] }], {
      from: "2026-06-01",
      to: "2026-06-30",
      period: "month",
      zone: CPH,
      names,
    });
    expect(s.types).toHaveLength(1);
    expect(s.types[0].advisors.map((x) => [x.name, x.assigned])).toEqual([
      ["Anna", 2],
      ["Bo", 0],
    ]);
    expect(s.types[0].spread).toEqual({ min: 0, max: 2, mean: 1, coefficientOfVariation: 1 });
  });
});
