import { describe, expect, it } from "vitest";
import { parseTimeSpan } from "../../../shared/slots/index.js";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("parseTimeSpan reads .NET TimeSpan text", () => {
  it.each([
    ["7.00:00:00", 7 * D],
    ["1.02:03:04", D + 2 * H + 3 * M + 4 * S],
    ["00:30:00", 30 * M],
    ["23:59:59", 23 * H + 59 * M + 59 * S],
    ["12:30", 12 * H + 30 * M],
    ["0:0:1", S],
    ["14", 14 * D],
    ["00:00:01.5", 1500],
    ["00:00:00.1234567", 123],
    ["2.00:00:00.0000001", 2 * D],
    [" 1.00:00:00 ", D],
  ])("%j → %d ms", (text, ms) => {
    expect(parseTimeSpan(text)).toBe(ms);
  });
});

describe("parseTimeSpan rejects what TimeSpan would not accept", () => {
  it.each([
    ["hours above 23", "24:00:00"],
    ["minutes above 59", "00:60:00"],
    ["seconds above 59", "00:00:60"],
    ["a negative span", "-1.00:00:00"],
    ["a negative time", "-00:30:00"],
    ["an empty string", ""],
    ["words", "seven days"],
    ["ISO 8601 durations", "P7D"],
    ["too many fraction digits", "00:00:00.12345678"],
    ["a trailing dot", "1.00:00:00."],
    ["a missing minute", "12:"],
    ["a comma decimal", "00:00:01,5"],
    ["too many days", "99999999.00:00:00"],
    ["an embedded space", "1. 00:00:00"],
  ])("%s (%j) → null", (_name, text) => {
    expect(parseTimeSpan(text)).toBeNull();
  });

  it("returns null for non-strings", () => {
    expect(parseTimeSpan(undefined as unknown as string)).toBeNull();
  });
});
