import { describe, expect, it } from "vitest";
import { nextRetryDelay, parseSchedule, retryAfterSeconds, STANDARD_SCHEDULE_SECONDS } from "../../../shared/events/retry-schedule.js";

describe("retry schedule (Standard Webhooks)", () => {
  it("is 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the first try", () => {
    expect(STANDARD_SCHEDULE_SECONDS).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(parseSchedule(undefined)).toBe(STANDARD_SCHEDULE_SECONDS);
  });

  it.each([
    [1, 5],
    [2, 300],
    [3, 1800],
    [7, 36000],
  ])("after try %i the next comes %i s later, give or take 10%%", (attempt, base) => {
    expect(nextRetryDelay(attempt, STANDARD_SCHEDULE_SECONDS, undefined, 0)).toBeCloseTo(base * 0.9);
    expect(nextRetryDelay(attempt, STANDARD_SCHEDULE_SECONDS, undefined, 0.5)).toBeCloseTo(base);
    expect(nextRetryDelay(attempt, STANDARD_SCHEDULE_SECONDS, undefined, 0.999999)! / base).toBeCloseTo(1.1, 4);
  });

  it("gives up after the eighth try", () => {
    expect(nextRetryDelay(8, STANDARD_SCHEDULE_SECONDS, undefined, 0.5)).toBeUndefined();
    expect(nextRetryDelay(2, [1], undefined, 0.5)).toBeUndefined();
  });

  it("never retries before Retry-After", () => {
    expect(nextRetryDelay(1, STANDARD_SCHEDULE_SECONDS, 120, 0.5)).toBe(120);
    expect(nextRetryDelay(2, STANDARD_SCHEDULE_SECONDS, 120, 0.5)).toBe(300);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(retryAfterSeconds("30", now)).toBe(30);
    expect(retryAfterSeconds("Tue, 01 Dec 2026 10:01:00 GMT", now)).toBe(60);
    expect(retryAfterSeconds("soon", now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });

  it("takes a shorter schedule for tests and refuses nonsense", () => {
    expect(parseSchedule("1, 2,3")).toEqual([1, 2, 3]);
    expect(() => parseSchedule("1,x")).toThrow(/seconds/);
  });
});
