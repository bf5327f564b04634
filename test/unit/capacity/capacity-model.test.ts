import { describe, expect, it } from "vitest";
import { DEFAULT_WORKLOAD, model, scaled, type Figures, type Workload } from "../../../bench/capacity-model.js";
import { RECORDED } from "../../../bench/capacity-figures.js";

/** A workload small enough to check by hand: 1 booking/s over one business hour a month, 10 availability requests each. */
const SMALL: Workload = {
  ...DEFAULT_WORKLOAD,
  advisors: 100,
  branches: 10,
  meetingsPerYear: 12 * 3600,
  businessHoursPerMonth: 1,
  peakHoursPerMonth: 0.5,
  availabilityPerBooking: 10,
  branchShare: 0.5,
  peakFactor: 2,
  mondayAdvisors: 60,
  openWindowMinutes: 1,
  requestsPerOpen: 1,
  years: 1,
  hostInstances: 0,
  backgroundExecutionsPerBooking: 4,
};
const FIGURES: Figures = {
  source: "test",
  estimated: true,
  availabilityExplicit: { schedules: 2 },
  availabilityBranch: { schedules: 10 },
  booking: { meetings: 5 },
  afterBooking: {},
};

describe("the capacity model", () => {
  it("matches a hand-checked small workload", () => {
    const m = model(FIGURES, SMALL);
    expect(m.rates).toEqual({ bookingsPerSecondMean: 1, availabilityPerSecondMean: 10, mondayOpenPerSecond: 1 });
    const schedules = m.containers.find((c) => c.container === "schedules")!;
    // 10 availability/s x (0.5 x 10 + 0.5 x 2) = 60 RU/s; peak 2 x 60 + the Monday opening 1/s x 2 = 122
    expect(schedules.meanRuPerSecond).toBeCloseTo(60, 10);
    expect(schedules.peakRuPerSecond).toBeCloseTo(122, 10);
    expect(schedules.hottestLogicalRuPerSecond).toBeCloseTo(122 * (5 / 100), 10);
    // serverless: (60 x 1800 s + 122 x 1800 s) RU x $0.25 per million
    expect(schedules.serverlessUsd).toBeCloseTo((327_600 / 1e6) * 0.25, 10);
    // manual: the 400 RU/s minimum all month; autoscale: max 1,000, at least 100 RU/s each hour
    expect(schedules.provisionedUsd).toBeCloseTo(4 * 730 * 0.008, 10);
    expect(schedules.autoscaleUsd).toBeCloseTo(((100 * 0.5 + 122 * 0.5 + 100 * 729) / 100) * 0.012, 10);
    expect(schedules.physicalPartitions).toBe(1);
    const meetings = m.containers.find((c) => c.container === "meetings")!;
    expect(meetings.meanRuPerSecond).toBeCloseTo(5, 10);
    expect(meetings.storageGb).toBeCloseTo((43_200 * 2) / 1024 / 1024, 10);
    expect(m.containers.find((c) => c.container === "directory")!.meanRuPerSecond).toBe(0);
    expect(m.totals.functionExecutionsPerMonth).toBe(3600 * (1 + 10 + 4));
    expect(m.containers.every((c) => c.overLimit.length === 0)).toBe(true);
  });

  it("flags the directory's single logical partition at 10,000 advisors, and keying it by branch clears it", () => {
    const at10k = scaled(DEFAULT_WORKLOAD, 10_000);
    const before = model(RECORDED, at10k).containers.find((c) => c.container === "directory")!;
    expect(before.overLimit.join(" ")).toContain("hottest logical partition");
    const after = model(RECORDED, { ...at10k, directoryLayout: "kind-branch" }).containers.find((c) => c.container === "directory")!;
    expect(after.overLimit.filter((o) => !o.startsWith("serverless"))).toEqual([]);
    expect(after.hottestLogicalRuPerSecond).toBeLessThan(before.hottestLogicalRuPerSecond / 10);
  });

  it("no container of the 3,000-advisor bank is over a limit", () => {
    expect(model(RECORDED, DEFAULT_WORKLOAD).containers.flatMap((c) => c.overLimit)).toEqual([]);
  });
});
