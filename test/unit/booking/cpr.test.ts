/** CPR numbers: DDMMYY[-]SSSS whose date exists, century from the first serial digit. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidCpr, normaliseCpr } from "../../../shared/booking/model/cpr.js";

describe("isValidCpr", () => {
  it.each([
    ["0101901234", "ten digits"],
    ["010190-1234", "a hyphen after six digits"],
    ["311299-0000", "the last day of a year"],
    ["290296-1234", "29 February of a leap year (1996)"],
    ["290200-4234", "29 February 2000 (serial 4, years 00-36 are 2000s)"],
    ["290200-9234", "29 February 2000 (serial 9)"],
    ["290200-5234", "29 February 2000 (serial 5, years 00-57 are 2000s)"],
    ["300496-7000", "30 April"],
  ])("accepts %s (%s)", (cpr) => {
    expect(isValidCpr(cpr)).toBe(true);
  });

  it.each([
    ["310290-1234", "31 February"],
    ["300290-1234", "30 February"],
    ["290290-1234", "29 February of a common year (1990)"],
    ["290200-1234", "29 February 1900 (serial 1: a 1900s year, not a leap year)"],
    ["310490-1234", "31 April"],
    ["000190-1234", "day 0"],
    ["320190-1234", "day 32"],
    ["011390-1234", "month 13"],
    ["010090-1234", "month 0"],
    ["12345", "too short"],
    ["01019012345", "too long"],
    ["01019O1234", "a letter"],
    ["0101-901234", "the hyphen in the wrong place"],
    ["010190--1234", "two hyphens"],
    [" 0101901234", "leading space"],
    ["0101901234\n", "a trailing newline"],
    ["", "empty"],
  ])("rejects %j (%s)", (cpr) => {
    expect(isValidCpr(cpr)).toBe(false);
  });

  it("accepts every real date of the 1900s with serials 0-3, with or without the hyphen", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(1999, 11, 31)), noInvalidDate: true }),
        fc.integer({ min: 0, max: 3999 }),
        fc.boolean(),
        (date, serial, hyphen) => {
          const p2 = (n: number) => String(n).padStart(2, "0");
          const text = `${p2(date.getUTCDate())}${p2(date.getUTCMonth() + 1)}${p2(date.getUTCFullYear() % 100)}${hyphen ? "-" : ""}${String(serial).padStart(4, "0")}`;
          expect(isValidCpr(text)).toBe(true);
        },
      ),
    );
  });

  it("rejects day numbers past the end of their month", () => {
    const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; // 1990: not a leap year
    for (let month = 1; month <= 12; month++) {
      for (let day = lengths[month - 1] + 1; day <= 31; day++) {
        expect(isValidCpr(`${String(day).padStart(2, "0")}${String(month).padStart(2, "0")}90-1234`), `${day}/${month}`).toBe(false);
      }
    }
  });
});

describe("normaliseCpr", () => {
  it("stores digits only", () => {
    expect(normaliseCpr("010190-1234")).toBe("0101901234");
    expect(normaliseCpr("0101901234")).toBe("0101901234");
  });
});
