import { describe, expect, it } from "vitest";
import { blocks, withoutOwn } from "../../../shared/calendar/busy-mapping.js";
import { chunks, MAX_WINDOW_MS, statusOf, toInterval, windowsOf } from "../../../shared/adapters/graph/graph-mapping.js";
import { fromEpochMs, ianaZoneOf, toEpochMs, UnknownTimeZoneError } from "../../../shared/adapters/graph/date-time-zone.js";
import { retryDelayMs } from "../../../shared/adapters/graph/graph-http.js";

const utc = (iso: string) => Date.parse(iso);

describe("dateTimeTimeZone to epoch ms", () => {
  it.each([
    ["2026-12-02T09:00:00.0000000", "UTC", "2026-12-02T09:00:00.000Z"],
    ["2026-12-02T10:00:00.0000000", "W. Europe Standard Time", "2026-12-02T09:00:00.000Z"],
    ["2026-07-02T10:00:00.0000000", "Romance Standard Time", "2026-07-02T08:00:00.000Z"],
    ["2026-07-02T10:00:00", "Europe/Copenhagen", "2026-07-02T08:00:00.000Z"],
    ["2026-12-02T09:00:00.1234567", "Pacific Standard Time", "2026-12-02T17:00:00.123Z"],
    ["2026-12-02T09:00:00", "tzone://Microsoft/Utc", "2026-12-02T09:00:00.000Z"],
    ["2026-12-02T09:00:00", undefined, "2026-12-02T09:00:00.000Z"],
  ])("%s in %s is %s", (dateTime, timeZone, expected) => {
    expect(new Date(toEpochMs({ dateTime, timeZone })).toISOString()).toBe(expected);
  });

  it("the spring-forward hour in Copenhagen maps forward, not to a missing instant", () => {
    expect(new Date(toEpochMs({ dateTime: "2026-03-29T02:30:00", timeZone: "Romance Standard Time" })).toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
  });

  it("writes Graph's own format: wall time, seven fractional digits, the zone named", () => {
    expect(fromEpochMs(utc("2026-12-02T09:00:00Z"))).toEqual({ dateTime: "2026-12-02T09:00:00.0000000", timeZone: "UTC" });
    expect(fromEpochMs(utc("2026-12-02T09:00:00Z"), "W. Europe Standard Time")).toEqual({
      dateTime: "2026-12-02T10:00:00.0000000",
      timeZone: "W. Europe Standard Time",
    });
  });

  it("round-trips through any zone", () => {
    for (const zone of ["UTC", "W. Europe Standard Time", "Tokyo Standard Time", "America/New_York"]) {
      const ms = utc("2026-10-25T01:30:00Z");
      expect(toEpochMs(fromEpochMs(ms, zone))).toBe(ms);
    }
  });

  it("rejects an unknown zone and a malformed date-time instead of guessing", () => {
    expect(() => toEpochMs({ dateTime: "2026-12-02T09:00:00", timeZone: "Mars Standard Time" })).toThrow(UnknownTimeZoneError);
    expect(() => toEpochMs({ dateTime: "yesterday", timeZone: "UTC" })).toThrow(RangeError);
  });
});

describe("Windows zone names to IANA (windows-iana)", () => {
  it.each([
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["Romance Standard Time", "Europe/Paris"],
    ["GMT Standard Time", "Europe/London"],
    ["Eastern Standard Time", "America/New_York"],
    ["Europe/Copenhagen", "Europe/Copenhagen"],
    ["UTC", "UTC"],
  ])("%s -> %s", (windows, iana) => expect(ianaZoneOf(windows)).toBe(iana));
});

describe("schedule items", () => {
  it("statuses match case-insensitively; anything else is unknown", () => {
    expect(["busy", "Tentative", "OOF", "workingElsewhere", "free", "nonsense"].map(statusOf)).toEqual([
      "busy",
      "tentative",
      "oof",
      "workingElsewhere",
      "free",
      "unknown",
    ]);
  });

  it("busy and oof block; tentative per setting; free and workingElsewhere never", () => {
    expect(blocks("busy", false)).toBe(true);
    expect(blocks("oof", false)).toBe(true);
    expect(blocks("tentative", true)).toBe(true);
    expect(blocks("tentative", false)).toBe(false);
    expect(blocks("free", true)).toBe(false);
    expect(blocks("workingElsewhere", true)).toBe(false);
  });

  it("an item becomes an interval in epoch ms; one with unreadable or empty times is skipped", () => {
    expect(
      toInterval({
        status: "oof",
        start: { dateTime: "2026-12-02T10:00:00.0000000", timeZone: "W. Europe Standard Time" },
        end: { dateTime: "2026-12-02T12:00:00.0000000", timeZone: "W. Europe Standard Time" },
      }),
    ).toEqual({ start: utc("2026-12-02T09:00:00Z"), end: utc("2026-12-02T11:00:00Z"), status: "oof" });
    expect(
      toInterval({ status: "busy", start: { dateTime: "x", timeZone: "UTC" }, end: { dateTime: "2026-12-02T12:00:00", timeZone: "UTC" } }),
    ).toBeUndefined();
    expect(
      toInterval({
        status: "busy",
        start: { dateTime: "2026-12-02T12:00:00", timeZone: "UTC" },
        end: { dateTime: "2026-12-02T12:00:00", timeZone: "UTC" },
      }),
    ).toBeUndefined();
  });

  it("an event BookMe wrote removes exactly one matching item, never an overlapping other one", () => {
    const a = { start: 1000, end: 2000, status: "busy" as const };
    const b = { start: 1500, end: 2500, status: "busy" as const };
    expect(withoutOwn([a, a, b], [{ start: 1000, end: 2000 }])).toEqual([a, b]);
    expect(withoutOwn([b], [{ start: 1000, end: 2000 }])).toEqual([b]);
  });
});

describe("request plan", () => {
  it("at most 20 mailboxes per getSchedule call", () => {
    const boxes = Array.from({ length: 45 }, (_, i) => `a${i}@x`);
    expect(chunks(boxes).map((c) => c.length)).toEqual([20, 20, 5]);
    expect(chunks(boxes).flat()).toEqual(boxes);
  });

  it("windows shorter than 62 days cover the range without gaps", () => {
    const range = { start: utc("2026-12-01T00:00:00Z"), end: utc("2027-04-01T00:00:00Z") };
    const w = windowsOf(range);
    expect(w.length).toBe(2);
    expect(w.every((x) => x.end - x.start <= MAX_WINDOW_MS && x.end - x.start < 62 * 86_400_000)).toBe(true);
    expect(w[0].start).toBe(range.start);
    expect(w.at(-1)!.end).toBe(range.end);
    w.slice(1).forEach((x, i) => expect(x.start).toBe(w[i].end));
  });

  it("Retry-After in seconds or as an HTTP date; exponential when absent", () => {
    expect(retryDelayMs("7", 0)).toBe(7000);
    expect(retryDelayMs(new Date(10_000).toUTCString(), 0, 4_000)).toBe(6000);
    expect([0, 1, 2].map((a) => retryDelayMs(null, a))).toEqual([1000, 2000, 4000]);
  });
});
