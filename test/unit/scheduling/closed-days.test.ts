/** Closed days: Danish public holidays, the banks' closing days, branch closures; DST days; never offered, never booked, explained. */
import { describe, expect, it } from "vitest";
import { closedDatesOf } from "../../../shared/directory/holidays.js";
import { ClosureBody, DEFAULT_HOLIDAY_CALENDAR, HolidayCalendarBody } from "../../../shared/directory/closures.js";
import { ClosedDays } from "../../../shared/booking/queries/closed-days.js";
import { availableSlots, searchAvailability } from "../../../shared/booking/queries/availability.js";
import { explainAvailability } from "../../../shared/booking/queries/explain.js";
import { generateSlots } from "../../../shared/slots/index.js";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { slotGrid } from "../../../shared/booking/queries/slot-grid.js";
import { advisor, advisorId, bank, DAY, HOUR, outcome, typeQuery, viaType, withAdvisor } from "./world.js";

const NOW = Date.parse("2026-12-01T06:00:00Z");
const at = (iso: string) => Date.parse(iso);
const CLOSURE_ID = "00000000-0000-4000-8000-00000000c105";

describe("the holiday calendar", () => {
  it("Denmark by default: public holidays and the banks' closing days (Friday after Ascension, 5 June, 24 and 31 December)", () => {
    const dates = closedDatesOf(DEFAULT_HOLIDAY_CALENDAR, 2026).map((d) => `${d.date} ${d.kind} ${d.name}`);
    expect(dates).toContain("2026-12-24 bank Juleaftensdag");
    expect(dates).toContain("2026-12-25 public Juledag");
    expect(dates).toContain("2026-12-31 bank Nytårsaftensdag");
    expect(dates).toContain("2026-06-05 bank Grundlovsdag");
    expect(dates).toContain("2026-05-14 public Kristi Himmelfartsdag");
    expect(dates).toContain("2026-05-15 bank Fredag efter Kristi Himmelfartsdag");
    expect(dates.some((d) => d.startsWith("2026-05-01"))).toBe(false); // neither 1 May nor Store Bededag (gone since 2024)
  });

  it("Store Bededag closes 2023 and no year after it", () => {
    expect(closedDatesOf(DEFAULT_HOLIDAY_CALENDAR, 2023).map((d) => d.name)).toContain("Store Bededag");
    expect(closedDatesOf(DEFAULT_HOLIDAY_CALENDAR, 2024).map((d) => d.name)).not.toContain("Store Bededag");
  });

  it("a bank changes its closing days; rules date-holidays cannot read, unknown countries and regions are 400s naming the field", () => {
    const own = HolidayCalendarBody.parse({ bankClosingDays: [{ rule: "12-23", name: "Lillejuleaften" }] });
    const names = closedDatesOf(own, 2026).map((d) => d.date);
    expect(names).toContain("2026-12-23");
    expect(names).not.toContain("2026-12-24");
    const bad = HolidayCalendarBody.safeParse({ country: "QQ", bankClosingDays: [{ rule: "sometimes", name: "x" }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["country", "bankClosingDays.0.rule"]);
    expect(HolidayCalendarBody.safeParse({ country: "DE", region: "ZZ" }).error!.issues[0].path).toEqual(["region"]);
    expect(HolidayCalendarBody.safeParse({ country: "DE", region: "BY" }).success).toBe(true);
  });

  it("a closure is a date or a range (to not before from, at most 366 days)", () => {
    expect(ClosureBody.safeParse({ date: "2026-12-28", reason: "x" }).success).toBe(true);
    expect(ClosureBody.safeParse({ from: "2026-12-28", to: "2026-12-27", reason: "x" }).error!.issues[0].path).toEqual(["to"]);
    expect(ClosureBody.safeParse({ date: "2026-12-28", from: "2026-12-28", to: "2026-12-29", reason: "x" }).error!.issues[0].path).toEqual([
      "date",
    ]);
    expect(ClosureBody.safeParse({ from: "2026-01-01", reason: "x" }).error!.issues[0].path).toEqual(["to"]);
    expect(ClosureBody.safeParse({ from: "2026-01-01", to: "2027-06-01", reason: "x" }).success).toBe(false);
  });
});

describe("closed days are whole local days in the zone they apply to (DST)", () => {
  const closed = new ClosedDays(DEFAULT_HOLIDAY_CALENDAR, [{ id: CLOSURE_ID, location: "Aarhus", date: "2026-10-25", reason: "Moving" }]);

  it("Easter Sunday 2027 is the day the clocks go forward in Copenhagen: the holiday lasts 23 hours", () => {
    const [span] = closed.spans("Europe/Copenhagen", [], at("2027-03-28T00:00:00Z"), at("2027-03-28T12:00:00Z"));
    expect(span).toMatchObject({ date: "2027-03-28", code: "holiday", detail: "public holiday: Påskedag" });
    expect(new Date(span.start).toISOString()).toBe("2027-03-27T23:00:00.000Z");
    expect(new Date(span.end).toISOString()).toBe("2027-03-28T22:00:00.000Z");
  });

  it("a branch closure on the day the clocks go back lasts 25 hours, only for that branch", () => {
    const [span] = closed.spans("Europe/Copenhagen", ["aarhus "], at("2026-10-25T10:00:00Z"), at("2026-10-25T11:00:00Z"));
    expect(span.end - span.start).toBe(25 * HOUR);
    expect(span.detail).toBe("branch closed: Moving (Aarhus)");
    expect(closed.spans("Europe/Copenhagen", ["Copenhagen"], at("2026-10-25T10:00:00Z"), at("2026-10-25T11:00:00Z"))).toEqual([]);
  });

  it("the date is the advisor's: Christmas Eve in New York starts six hours after Copenhagen's", () => {
    const [span] = closed.spans("America/New_York", [], at("2026-12-24T12:00:00Z"), at("2026-12-24T13:00:00Z"));
    expect(new Date(span.start).toISOString()).toBe("2026-12-24T05:00:00.000Z");
  });
});

describe("availability, booking and the grid never offer a closed day", () => {
  const aarhus = advisor(2, { locations: ["Aarhus"] });

  async function world() {
    const deps = await bank([advisor(1), aarhus]);
    await deps.directory.put("closure", { id: CLOSURE_ID, location: "Aarhus", date: "2026-12-28", reason: "Refurbishment" });
    return deps;
  }

  it("23 to 29 December: slots on the 23rd, 27th (not Aarhus on the 28th) and 29th only", async () => {
    const deps = await world();
    const slots = await availableSlots(deps, typeQuery(at("2026-12-22T23:00:00Z"), at("2026-12-29T23:00:00Z")), NOW);
    const days = (id: string) =>
      [...new Set(slots.filter((s) => s.employeeId === id).map((s) => new Date(s.start + HOUR).toISOString().slice(0, 10)))].sort();
    expect(days(advisorId(1))).toEqual(["2026-12-23", "2026-12-27", "2026-12-28", "2026-12-29"]);
    expect(days(advisorId(2))).toEqual(["2026-12-23", "2026-12-27", "2026-12-29"]);
  });

  it("explain=true names the holiday and the closure", async () => {
    const deps = await world();
    const query = typeQuery(at("2026-12-23T23:00:00Z"), at("2026-12-28T23:00:00Z"));
    const search = await searchAvailability(deps, query, NOW);
    const reasons = explainAvailability(search, generateSlots(search.input!), NOW).map(
      (d) => `${d.employeeId === advisorId(1) ? "cph" : "aar"} ${d.date} ${d.reasons.map((r) => `${r.code}: ${r.detail}`).join("; ")}`,
    );
    expect(reasons).toEqual([
      "cph 2026-12-24 holiday: bank closing day: Juleaftensdag",
      "cph 2026-12-25 holiday: public holiday: Juledag",
      "cph 2026-12-26 holiday: public holiday: Anden Juledag",
      "aar 2026-12-24 holiday: bank closing day: Juleaftensdag",
      "aar 2026-12-25 holiday: public holiday: Juledag",
      "aar 2026-12-26 holiday: public holiday: Anden Juledag",
      "aar 2026-12-28 branch_closed: branch closed: Refurbishment (Aarhus)",
    ]);
  });

  it("a booking on a closed day is refused, through the type and with a named advisor", async () => {
    const deps = await world();
    expect(await outcome(createMeeting(deps, viaType(at("2026-12-24T09:00:00Z")), NOW))).toBe("slot_taken");
    expect(await outcome(createMeeting(deps, withAdvisor(advisorId(1), at("2026-12-31T09:00:00Z")), NOW))).toBe("outside_working_hours");
    expect(await outcome(createMeeting(deps, withAdvisor(advisorId(2), at("2026-12-28T09:00:00Z")), NOW))).toBe("outside_working_hours");
    expect(await outcome(createMeeting(deps, withAdvisor(advisorId(1), at("2026-12-28T09:00:00Z")), NOW))).toBe(advisorId(1));
  });

  it("the grid has no slot on a closed day", async () => {
    const deps = await world();
    const grid = await slotGrid(
      deps,
      { employeeId: advisorId(2), startDate: "2026-12-23T23:00:00Z", endDate: "2026-12-29T23:00:00Z", status: [], meetingDuration: 60 },
      NOW,
    );
    const days = [...new Set(grid.map((s) => new Date(s.start + HOUR).toISOString().slice(0, 10)))];
    expect(days).toEqual(["2026-12-27", "2026-12-29"]);
  });

  it("a bank-wide closure (no location) closes every branch", async () => {
    const deps = await world();
    await deps.directory.put("closure", { id: advisorId(99), from: "2026-12-29", to: "2026-12-30", reason: "Systems upgrade" });
    const slots = await availableSlots(deps, typeQuery(at("2026-12-28T23:00:00Z"), at("2026-12-28T23:00:00Z") + 2 * DAY), NOW);
    expect(slots).toEqual([]);
  });
});
