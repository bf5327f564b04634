/** The customer's own advisor: preferred before the policy, required (only them), excluded (never offered or assigned). */
import { describe, expect, it } from "vitest";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { availableSlots } from "../../../shared/booking/queries/availability.js";
import { CustomerAdvisorBody } from "../../../shared/directory/customer-advisors.js";
import { MeetingTypeBody } from "../../../shared/directory/meeting-types.js";
import { advisor, advisorId, bank, HOUR, outcome, typeQuery, viaType } from "./world.js";

const NOW = Date.parse("2030-01-07T06:00:00Z");
const TUE = Date.parse("2030-01-08T07:00:00Z");
const [A1, A2, A3] = [1, 2, 3].map(advisorId);
const CUSTOMER = "cust-4711";

async function world(ownAdvisor?: "prefer" | "require") {
  const deps = await bank([advisor(1), advisor(2), advisor(3)], ownAdvisor ? { ownAdvisor } : {});
  await deps.directory.put("customerAdvisor", { id: CUSTOMER, advisorId: A3, excludedAdvisorIds: [A1] });
  return deps;
}
const employeesOf = async (deps: Awaited<ReturnType<typeof world>>, customerId?: string) =>
  [...new Set((await availableSlots(deps, typeQuery(TUE, TUE + HOUR, { customerId }), NOW)).map((s) => s.employeeId))].sort();

describe("the customer's own advisor", () => {
  it("prefer: the own advisor is assigned while free, before the fairness order; then the pool", async () => {
    const deps = await world("prefer");
    const first = await createMeeting(deps, viaType(TUE, 60, CUSTOMER), NOW);
    expect(first.meeting.employeeId).toBe(A3);
    expect(first.meeting.selectionReason).toMatch(/^the customer's own advisor; fairness: 0 meetings/);
    // A3 is now busy at that time: the pool's next (A2; A1 is excluded)
    expect(await outcome(createMeeting(deps, viaType(TUE, 60, CUSTOMER), NOW))).toBe(A2);
    expect(await outcome(createMeeting(deps, viaType(TUE, 60, CUSTOMER), NOW))).toBe("slot_taken");
    // another customer without a record: plain fairness (A1 is free and has fewest)
    expect(await outcome(createMeeting(deps, viaType(TUE, 60, "someone-else"), NOW))).toBe(A1);
  });

  it("require: only the own advisor is offered and assigned", async () => {
    const deps = await world("require");
    expect(await employeesOf(deps, CUSTOMER)).toEqual([A3]);
    expect(await employeesOf(deps, "no-record")).toEqual([]);
    expect(await outcome(createMeeting(deps, viaType(TUE, 60, CUSTOMER), NOW))).toBe(A3);
    expect(await outcome(createMeeting(deps, viaType(TUE, 60, CUSTOMER), NOW))).toBe("slot_taken");
  });

  it("excluded advisors are never offered or assigned, whatever the type's mode", async () => {
    const deps = await world();
    expect(await employeesOf(deps, CUSTOMER)).toEqual([A2, A3]);
    expect(await employeesOf(deps)).toEqual([A1, A2, A3]);
    const got = await Promise.all([0, 1, 2].map(() => outcome(createMeeting(deps, viaType(TUE, 60, CUSTOMER), NOW))));
    expect(got.sort()).toEqual([A2, A3, "slot_taken"].sort());
  });

  it("validation: the own advisor cannot be excluded too; a type's mode is none, prefer or require", () => {
    expect(CustomerAdvisorBody.safeParse({ advisorId: A1, excludedAdvisorIds: [A1] }).error!.issues[0].path).toEqual([
      "excludedAdvisorIds",
    ]);
    const bad = MeetingTypeBody.safeParse({
      name: "x",
      durations: { defaultMinutes: 60 },
      pool: { serviceGroup: "a" },
      ownAdvisor: "always",
    });
    expect(bad.error!.issues[0].path).toEqual(["ownAdvisor"]);
  });
});
