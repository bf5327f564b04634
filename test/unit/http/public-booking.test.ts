/** The public channel's pure parts: distinct times for the customer, the round-robin order, the customer query. */
import { describe, expect, it } from "vitest";
import { customerIdOf, customerQuery } from "../../../shared/api/public/public-booking.js";
import { distinctTimes, rotation as roundRobin } from "../../../shared/booking/queries/free-times.js";
import type { Slot } from "../../../shared/slots/index.js";

const HALF_HOUR = 30 * 60_000;
const slot = (employeeId: string, start: number, end = start + 2 * HALF_HOUR): Slot => ({
  id: `${employeeId}:${start}`,
  employeeId,
  start,
  end,
  meetingType: "Online",
});

describe("public booking mapping", () => {
  it("offers each time once, whichever advisors have it, in order", () => {
    const t0 = Date.UTC(2026, 11, 2, 8);
    expect(distinctTimes([slot("b", t0 + HALF_HOUR), slot("a", t0), slot("b", t0), slot("a", t0, t0 + HALF_HOUR)])).toEqual([
      { start: t0, end: t0 + HALF_HOUR },
      { start: t0, end: t0 + 2 * HALF_HOUR },
      { start: t0 + HALF_HOUR, end: t0 + 3 * HALF_HOUR },
    ]);
  });

  it("round-robin: consecutive half hours start with different advisors; every advisor is tried once", () => {
    const t0 = Date.UTC(2026, 11, 2, 8);
    const advisors = ["a", "b", "c"];
    const firsts = [0, 1, 2, 3].map((i) => roundRobin(advisors, t0 + i * HALF_HOUR)[0]);
    expect(new Set(firsts.slice(0, 3)).size).toBe(3);
    expect(firsts[3]).toBe(firsts[0]);
    for (let i = 0; i < 3; i++) expect([...roundRobin(advisors, t0 + i * HALF_HOUR)].sort()).toEqual(advisors);
    expect(roundRobin([], t0)).toEqual([]);
  });

  it("searches the branch's advisors; a room only for a meeting at the branch", () => {
    const choice = { topicId: "t", customerTypeId: "c", branch: "Aarhus" };
    expect(customerQuery({ ...choice, meetingType: "Physical" }, 1, 2)).toMatchObject({
      employeeTypes: ["Local"],
      customerLocation: "Aarhus",
      meetingLocation: "Aarhus",
      requireRoom: true,
      meetingTypes: ["Physical"],
      requireEmployeeParticipation: false,
    });
    expect(customerQuery({ ...choice, meetingType: "Telephone" }, 1, 2).requireRoom).toBe(false);
  });

  it("customer ids link a customer's bookings without holding the email", () => {
    expect(customerIdOf(" Karen@Example.com")).toBe(customerIdOf("karen@example.com"));
    expect(customerIdOf("karen@example.com")).not.toContain("karen");
    expect(customerIdOf("karen@example.com")).not.toBe(customerIdOf("bob@example.com"));
  });
});
