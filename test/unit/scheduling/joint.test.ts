/**
 * Joint meetings from pools and skills with validity: a primary advisor plus one member of each further
 * pool, all free for the whole meeting with their buffers; a skill that lapses (also on a DST day) takes
 * its holder out of the pool by itself; explain names skill_lapsed, excluded_advisor and no_specialist_free.
 */
import { describe, expect, it } from "vitest";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { availableSlots, searchAvailability } from "../../../shared/booking/queries/availability.js";
import { explainAvailability } from "../../../shared/booking/queries/explain.js";
import { skillLapses, validityOf } from "../../../shared/booking/queries/skill-validity.js";
import { MeetingTypeBody } from "../../../shared/directory/meeting-types.js";
import { EmployeeBody } from "../../../shared/directory/directory.js";
import { generateSlots, type SlotEmployee } from "../../../shared/slots/index.js";
import { advisor, advisorId, bank, HOUR, typeQuery, viaType, withAdvisor } from "./world.js";

const NOW = Date.parse("2030-01-07T06:00:00Z");
/** Tuesday 2030-01-08 08:00 Copenhagen (CET). */
const TUE = Date.parse("2030-01-08T07:00:00Z");
const [A1, A2, S1, S2] = [1, 2, 11, 12].map(advisorId);
const PENSION = { name: "pension", level: 2 };

const specialist = (n: number, skill: Record<string, unknown> = PENSION, over = {}) =>
  advisor(n, { serviceGroups: ["specialists"], skills: [skill as { name: string }], ...over });

const jointType = (over: Record<string, unknown> = {}) => ({
  participants: [{ label: "pension specialist", skill: "pension", minLevel: 2, ...over }],
});

const times = async (deps: Awaited<ReturnType<typeof bank>>, from: number, to: number, q = {}) =>
  (await availableSlots(deps, typeQuery(from, to, q), NOW)).map((s) => ({
    start: new Date(s.start).toISOString(),
    employeeId: s.employeeId,
    with: s.additionalEmployees,
  }));

describe("skills with validity", () => {
  it("a day's validity is the advisor's local day: 23 hours on the spring-forward Sunday (2030-03-31, Copenhagen)", () => {
    const v = validityOf({ name: "pension", validFrom: "2030-03-31", validTo: "2030-03-31" }, "Europe/Copenhagen");
    expect(new Date(v.start).toISOString()).toBe("2030-03-30T23:00:00.000Z");
    expect(new Date(v.end).toISOString()).toBe("2030-03-31T22:00:00.000Z");
    expect(v.end - v.start).toBe(23 * HOUR);
    const lapses = skillLapses(
      { timeZone: "Europe/Copenhagen", skills: [{ name: "Pension", level: 3, validTo: "2030-03-31" }] },
      { skill: "pension", minLevel: 2 },
      { start: Date.parse("2030-03-30T00:00:00Z"), end: Date.parse("2030-04-02T00:00:00Z") },
    );
    expect(lapses).toEqual([
      expect.objectContaining({
        start: Date.parse("2030-03-31T22:00:00Z"),
        code: "skill_lapsed",
        detail: expect.stringContaining("after 2030-03-31"),
      }),
    ]);
    // a lower level than the pool needs is no skill at all: the whole range is lapsed
    expect(
      skillLapses({ timeZone: "UTC", skills: [{ name: "pension", level: 1 }] }, { skill: "pension", minLevel: 2 }, { start: 0, end: 10 }),
    ).toEqual([expect.objectContaining({ start: -Infinity, end: Infinity })]);
  });

  it("a pool requiring a skill offers its holder up to the last valid day (a DST day) and not after, by itself", async () => {
    const deps = await bank([advisor(1), specialist(11, { ...PENSION, validTo: "2030-03-31" })], {
      pool: { skill: "pension", minLevel: 2 },
    });
    const sunday = Date.parse("2030-03-31T06:00:00Z"); // 08:00 CEST, the clocks went forward that night
    const monday = Date.parse("2030-04-01T06:00:00Z");
    expect((await times(deps, sunday, sunday + HOUR)).map((t) => t.employeeId)).toEqual([S1, S1]);
    expect(await times(deps, monday, monday + 10 * HOUR)).toEqual([]);
    const search = await searchAvailability(deps, typeQuery(monday, monday + 10 * HOUR), NOW);
    const [day] = explainAvailability(search, [], NOW);
    expect(day).toMatchObject({ employeeId: S1, date: "2030-04-01" });
    expect(day.reasons[0]).toMatchObject({
      code: "skill_lapsed",
      resource: `employee:${S1}`,
      period: { start: "2030-03-31T22:00:00.000Z", end: "" },
    });
    // booking refuses the lapsed day too (the same rules)
    await expect(createMeeting(deps, viaType(monday), NOW)).rejects.toMatchObject({ code: "slot_taken" });
  });

  it("validation: validTo before validFrom, and a pool with neither advisors, group nor skill, are 400s naming the field", () => {
    const bad = EmployeeBody.safeParse({
      name: "x",
      email: "x@bank.example",
      skills: [{ name: "pension", validFrom: "2030-02-01", validTo: "2030-01-01" }],
    });
    expect(bad.error!.issues[0].path).toEqual(["skills", 0, "validTo"]);
    const pool = MeetingTypeBody.safeParse({
      name: "x",
      durations: { defaultMinutes: 60 },
      pool: { serviceGroup: "a" },
      participants: [{ minLevel: 2 }],
    });
    expect(pool.error!.issues[0].path).toEqual(["participants", 0, "employeeIds"]);
  });
});

describe("joint meetings from pools", () => {
  it("a time is offered only when the advisor and one specialist are free for all of it, buffers included", async () => {
    const deps = await bank([advisor(1), specialist(11, PENSION, { bufferBeforeMinutes: 30 })], jointType());
    await createMeeting(deps, withAdvisor(S1, TUE, 60), NOW); // the specialist 08:00-09:00, and 30 minutes before any next one
    const got = await times(deps, TUE, TUE + 4 * HOUR);
    expect(got[0]).toEqual({ start: "2030-01-08T08:30:00.000Z", employeeId: A1, with: [S1] }); // 09:30 local
    expect(got.every((t) => t.employeeId === A1 && t.with?.[0] === S1)).toBe(true);
  });

  it("sameBranch: only specialists sharing a location with the advisor; the primary never doubles as the specialist", async () => {
    const deps = await bank(
      [
        advisor(1),
        advisor(2, { locations: ["Aarhus"] }),
        specialist(11, PENSION, { locations: ["Aarhus"] }),
        specialist(12, PENSION, { serviceGroups: ["advice"] }),
      ],
      jointType({ sameBranch: true }),
    );
    const got = await times(deps, TUE, TUE + 1);
    expect(got).toEqual([
      { start: "2030-01-08T07:00:00.000Z", employeeId: A1, with: [S2] },
      { start: "2030-01-08T07:00:00.000Z", employeeId: A2, with: [S1] },
      // S2 is in the advisors' group too: as the primary, S1 is no Copenhagen specialist
    ]);
  });

  it("the engine alone: one member of each pool, distinct, or no slot", () => {
    const e = (id: string, locations = ["X"]): SlotEmployee => ({
      id,
      timeZone: "UTC",
      workingHours: [{ day: "tuesday", start: "09:00", end: "12:00" }],
      meetingTypes: ["Online"],
      locations,
      serviceGroups: [],
      topicIds: [],
      customerTypeIds: [],
    });
    const input = (pools: { employeeIds: string[]; sameBranch?: boolean }[]) => ({
      employees: [e("p"), e("s"), e("t", ["Y"])],
      rooms: [],
      // s is busy 09-10, t 10-11; p is free all morning
      employeeBusy: new Map([
        ["s", [{ start: Date.parse("2030-01-08T09:00:00Z"), end: Date.parse("2030-01-08T10:00:00Z") }]],
        ["t", [{ start: Date.parse("2030-01-08T10:00:00Z"), end: Date.parse("2030-01-08T11:00:00Z") }]],
      ]),
      roomBusy: new Map(),
      now: NOW,
      request: {
        explicitEmployeeIds: ["p"],
        employeeTypes: ["Explicit" as const],
        startMs: TUE,
        endMs: TUE + 6 * HOUR,
        meetingTypes: [],
        requireRoom: false,
        requireEmployeeParticipation: false,
        meetingDurationMinutes: 60,
        participantPools: pools,
      },
    });
    const starts = (pools: { employeeIds: string[]; sameBranch?: boolean }[]) =>
      generateSlots(input(pools)).map((s) => `${new Date(s.start).toISOString().slice(11, 16)} ${s.additionalEmployees?.join("+")}`);
    const both = starts([{ employeeIds: ["s", "t"] }]);
    expect(both.slice(0, 3)).toEqual(["09:00 t", "10:00 s", "10:30 s"]); // 09:30 neither is free for the whole hour
    expect(both).toHaveLength(3 + 1);
    expect(both[3]).toMatch(/^11:00 [st]$/); // both free: the candidate's turn picks one
    expect(starts([{ employeeIds: ["s", "t"], sameBranch: true }])).toEqual(["10:00 s", "10:30 s", "11:00 s"]);
    expect(starts([{ employeeIds: ["s"] }, { employeeIds: ["s"] }])).toEqual([]); // one person cannot fill two pools
    expect(starts([{ employeeIds: ["s", "t"] }, { employeeIds: ["s", "t"] }])).toEqual([expect.stringMatching(/^11:00 (s\+t|t\+s)$/)]);
    expect(starts([{ employeeIds: ["p"] }])).toEqual([]);
  });

  it("at a branch: a room for both (two seats) free for the whole meeting, or no slot", () => {
    const e = (id: string): SlotEmployee => ({
      id,
      timeZone: "UTC",
      workingHours: [{ day: "tuesday", start: "09:00", end: "12:00" }],
      meetingTypes: ["Physical"],
      locations: ["X"],
      serviceGroups: [],
      topicIds: [],
      customerTypeIds: [],
    });
    const starts = (capacity: number) =>
      generateSlots({
        employees: [e("p"), e("s")],
        rooms: [{ id: "r", location: "X", capacity, timeZone: "UTC" }],
        employeeBusy: new Map(),
        roomBusy: new Map([["r", [{ start: Date.parse("2030-01-08T10:00:00Z"), end: Date.parse("2030-01-08T11:00:00Z") }]]]),
        now: NOW,
        request: {
          explicitEmployeeIds: ["p"],
          employeeTypes: ["Explicit" as const],
          startMs: TUE,
          endMs: TUE + 6 * HOUR,
          meetingTypes: [],
          customerLocation: "X",
          requireRoom: true,
          requireEmployeeParticipation: false,
          meetingDurationMinutes: 60,
          participantPools: [{ employeeIds: ["s"] }],
        },
      }).map((x) => `${new Date(x.start).toISOString().slice(11, 16)} ${x.roomId} ${x.additionalEmployees?.join()}`);
    expect(starts(2)).toEqual(["09:00 r s", "11:00 r s"]);
    expect(starts(1)).toEqual([]);
  });

  it("booking takes the advisor and the specialist in one write; racing bookings: one wins, the rest 409 with joint alternatives", async () => {
    const deps = await bank([advisor(1), specialist(11), specialist(12, { ...PENSION, level: 1 })], jointType());
    const got = await Promise.allSettled(Array.from({ length: 8 }, () => createMeeting(deps, viaType(TUE), NOW)));
    const won = got.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const meeting = won[0].value.meeting;
    expect(meeting).toMatchObject({ employeeId: A1, additionalEmployees: [S1] });
    expect(meeting.selectionReason).toMatch(/with .*11$/);
    for (const r of got.filter((x) => x.status === "rejected")) {
      const err = r.reason as {
        code: string;
        extra?: { alternatives: { startDate: string; additionalEmployees: string[] }[] };
      };
      expect(err.code).toBe("slot_taken");
      expect(err.extra?.alternatives.length).toBeGreaterThan(0);
      expect(err.extra!.alternatives.every((a) => a.additionalEmployees[0] === S1 && a.startDate !== new Date(TUE).toISOString())).toBe(
        true,
      );
    }
    // neither is bookable at that time again, alone or together
    await expect(createMeeting(deps, withAdvisor(S1, TUE), NOW)).rejects.toMatchObject({ code: "slot_taken" });
  });

  it("explain: no_specialist_free when the advisor is free but no specialist is; excluded_advisor for the customer's excluded", async () => {
    const deps = await bank([advisor(1), advisor(2), specialist(11, { ...PENSION, validTo: "2030-01-07" })], jointType());
    await deps.directory.put("customerAdvisor", { id: "cust-1", excludedAdvisorIds: [A2] });
    const search = await searchAvailability(deps, typeQuery(TUE, TUE + 10 * HOUR, { customerId: "cust-1" }), NOW);
    expect(generateSlots(search.input!)).toEqual([]);
    const days = explainAvailability(search, [], NOW);
    expect(days.find((d) => d.employeeId === A1)!.reasons).toEqual([
      expect.objectContaining({
        code: "no_specialist_free",
        resource: "pension specialist",
        detail: expect.stringContaining(`${S1}: skill_lapsed`),
        period: { start: "2030-01-07T23:00:00.000Z", end: "2030-01-08T23:00:00.000Z" },
      }),
    ]);
    expect(days.find((d) => d.employeeId === A2)!.reasons[0]).toMatchObject({ code: "excluded_advisor", resource: `employee:${A2}` });
    // the specialist's own day says why: the skill lapsed after Monday
    expect(days.find((d) => d.employeeId === S1)).toEqual({
      employeeId: S1,
      date: "2030-01-08",
      reasons: [expect.objectContaining({ code: "skill_lapsed", period: { start: "2030-01-07T23:00:00.000Z", end: "" } })],
    });
  });
});
