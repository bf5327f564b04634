import { describe, expect, it } from "vitest";
import {
  DEFAULT_WORKLOAD,
  directoryBurstRu,
  directoryRefreshRuPerSecond,
  model,
  scaled,
  type Figures,
  type Workload,
} from "../../../bench/capacity-model.js";
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

  it("hand-checks the directory's list refreshes: full refetch (before) and delta queries (now)", () => {
    // 2 instances x 2 lists; 360 writes an hour (0.1/s), 36 of them deletes (0.01/s); 100 advisors.
    const w: Workload = {
      ...SMALL,
      hostInstances: 2,
      directoryListsPerInstance: 2,
      directoryRefreshSeconds: 15,
      directoryFullRefreshSeconds: 600,
      directoryWritesPerHour: 360,
      directoryDeletesPerHour: 36,
    };
    // A full list: 130 documents of 2 KB, 2.3 + 130 x 0.5 x 1.04 (read RU of 2 KB) = 69.9 RU.
    // Before: 4 lists / 15 s x 69.9 = 18.64 RU/s.
    expect(directoryRefreshRuPerSecond({ ...w, directoryLayout: "kind" }, 11)).toBeCloseTo((4 / 15) * 69.9, 10);
    // Now: deltas 4 x (1/15 + 0.1) = 2/3 per s, each 1 + 0.1 x 15 / 2 = 1.75 documents: 2.3 + 1.75 x 0.52 = 3.21 RU;
    // the deletions document (14 KB: 1.33 + 6/8 x 0.34 = 1.585 RU) per list and write: 4 x 0.1 x 1.585;
    // full refetches only every 600 s: 4 / 600 x 69.9 (a delete is a write like the others).
    const delta = (2 / 3) * 3.21 + 0.4 * 1.585 + (4 / 600) * 69.9;
    expect(delta).toBeCloseTo(3.24, 3);
    expect(directoryRefreshRuPerSecond({ ...w, directoryLayout: "kind-delta" }, 11)).toBeCloseTo(delta, 10);
    // At 0.1 requests/s at most one delta per list and request: 0.2 deltas/s.
    expect(directoryRefreshRuPerSecond({ ...w, directoryLayout: "kind-delta" }, 0.1)).toBeCloseTo(
      0.2 * 3.21 + 0.4 * 1.585 + (4 / 600) * 69.9,
      10,
    );
    // The directory container carries only the refreshes here (FIGURES has no directory RU per request).
    const d = model(FIGURES, { ...w, directoryLayout: "kind-delta" }).containers.find((c) => c.container === "directory")!;
    expect(d.meanRuPerSecond).toBeCloseTo(delta, 10);
    // Bursts: after any write, a delete too, each instance reads per list the deletions document and a delta
    // (2 x 2 x (1.585 + 3.21)); with "kind" each refetches the employee list (100 documents: 2.3 + 52 = 54.3 RU).
    expect(directoryBurstRu({ ...w, directoryLayout: "kind-delta" }, "change")).toBeCloseTo(19.18, 10);
    expect(directoryBurstRu({ ...w, directoryLayout: "kind-delta" }, "delete")).toBeCloseTo(19.18, 10);
    expect(directoryBurstRu({ ...w, directoryLayout: "kind" }, "change")).toBeCloseTo(2 * 54.3, 10);
    expect(directoryBurstRu({ ...w, directoryLayout: "kind" }, "delete")).toBeCloseTo(2 * 54.3, 10);
  });

  it("flags the directory's one logical partition at 10,000 advisors with full refetches, and delta queries clear it", () => {
    const at10k = scaled(DEFAULT_WORKLOAD, 10_000);
    const before = model(RECORDED, { ...at10k, directoryLayout: "kind" }).containers.find((c) => c.container === "directory")!;
    expect(before.overLimit.join(" ")).toContain("hottest logical partition");
    expect(before.overLimit.join(" ")).toContain("after a directory change");
    const after = model(RECORDED, at10k).containers.find((c) => c.container === "directory")!;
    expect(at10k.directoryLayout).toBe("kind-delta");
    expect(after.overLimit).toEqual([]);
    expect(after.hottestLogicalRuPerSecond).toBeLessThan(before.hottestLogicalRuPerSecond / 10);
    // A delete: 14 instances refetching ~5,200 RU each before; a deletions read and a delta per list now.
    expect(directoryBurstRu({ ...at10k, directoryLayout: "kind" }, "delete")).toBeGreaterThan(70_000);
    expect(directoryBurstRu(at10k, "delete")).toBeLessThan(200);
  });

  it("no container of the 3,000- or the 10,000-advisor bank is over a limit (serverless aside)", () => {
    for (const advisors of [3_000, 10_000])
      expect(
        model(RECORDED, scaled(DEFAULT_WORKLOAD, advisors))
          .containers.flatMap((c) => c.overLimit)
          .filter((o) => !o.startsWith("serverless")),
      ).toEqual([]);
  });

  it("no container of the 3,000-advisor bank is over a limit", () => {
    expect(model(RECORDED, DEFAULT_WORKLOAD).containers.flatMap((c) => c.overLimit)).toEqual([]);
  });
});
