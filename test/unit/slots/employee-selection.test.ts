import { describe, expect, it } from "vitest";
import { generateSlots } from "../../../shared/slots/index.js";
import type { EmployeeType, SlotRequest } from "../../../shared/slots/index.js";
import { between, employee, hours, input, local, MON_FRI, MONDAY, wallStarts } from "./fixtures.js";

const employees = [
  employee("ana", { locations: ["Aarhus"], serviceGroups: ["Pension"], topicIds: ["t1"], customerTypeIds: ["private"] }),
  employee("ben", { locations: [" AARHUS "], topicIds: ["t1", "t2"], customerTypeIds: ["private", "business"] }),
  employee("cai", { locations: ["Odense"], serviceGroups: ["Loans"], topicIds: ["t2"], customerTypeIds: ["business"] }),
  employee("dan"),
];
const base: Partial<SlotRequest> = { customerLocation: "aarhus", explicitEmployeeIds: ["dan", "cai"] };
const at9 = local(`${MONDAY}T09:00`);

/** Employee ids offered at Monday 09:00 (joined with "+" for additional employees). */
function offered(req: Partial<SlotRequest>, list = employees): string[] {
  return generateSlots(input({ employees: list, request: { ...base, ...req } }))
    .filter((s) => s.start === at9)
    .map((s) => [s.employeeId, ...(s.additionalEmployees ?? [])].join("+"));
}

/** Each pool on its own (requireEmployeeParticipation = false). */
const POOL: Record<EmployeeType, string[]> = {
  Explicit: ["cai", "dan"],
  Local: ["ana", "ben"],
  ServiceGroup: ["ana", "cai"],
  Global: ["ana", "ben", "cai", "dan"],
};
const TYPES = Object.keys(POOL) as EmployeeType[];
const SUBSETS: EmployeeType[][] = Array.from({ length: 16 }, (_, mask) => TYPES.filter((_t, i) => mask & (1 << i)));

describe("requireEmployeeParticipation = false: employeeTypes pools are combined (union)", () => {
  it.each(SUBSETS.map((types) => [types.join(" + ") || "(none)", types] as const))("%s", (_name, types) => {
    const expected = [...new Set(types.flatMap((t) => POOL[t]))].sort();
    expect(offered({ employeeTypes: [...types], requireEmployeeParticipation: false })).toEqual(expected);
  });

  it("ServiceGroup with request.serviceGroups takes only those groups (case-insensitive)", () => {
    expect(offered({ employeeTypes: ["ServiceGroup"], serviceGroups: [" loans"] })).toEqual(["cai"]);
  });

  it("Local without a customerLocation finds nobody", () => {
    expect(offered({ employeeTypes: ["Local"], customerLocation: undefined })).toEqual([]);
  });

  it("an employee busy at 09:00 is left out while the others are offered", () => {
    const slots = generateSlots(
      input({ employees, busy: { ben: [between(MONDAY, "09:00", "10:00")] }, request: { ...base, employeeTypes: ["Local"] } }),
    );
    expect(slots.filter((s) => s.start === at9).map((s) => s.employeeId)).toEqual(["ana"]);
  });

  it("an employee listed twice is offered once", () => {
    expect(offered({ employeeTypes: ["Explicit"], explicitEmployeeIds: ["dan", "dan"] }, [...employees, employee("dan")])).toEqual(["dan"]);
  });
});

describe("requireEmployeeParticipation = true: all explicit employees together", () => {
  it.each(SUBSETS.map((types) => [types.join(" + ") || "(none)", types] as const))("employeeTypes %s are ignored", (_name, types) => {
    expect(offered({ employeeTypes: [...types], requireEmployeeParticipation: true })).toEqual(["dan+cai"]);
  });

  it("one slot per start and type: employeeId is the first explicit id, the others are additionalEmployees", () => {
    const slots = generateSlots(input({ employees, request: { ...base, requireEmployeeParticipation: true } }));
    expect(slots.length).toBe(13);
    expect(slots[0]).toMatchObject({ employeeId: "dan", additionalEmployees: ["cai"] });
  });

  it("every employee must be free for the whole slot", () => {
    const busy = { cai: [between(MONDAY, "10:00", "11:00")] };
    const slots = generateSlots(input({ employees, busy, request: { ...base, requireEmployeeParticipation: true } }));
    expect(wallStarts(slots).slice(0, 4)).toEqual(["09:00", "11:00", "11:30", "12:00"]);
  });

  it("working hours intersect", () => {
    const list = [employee("dan"), employee("cai", { workingHours: hours(MON_FRI, ["12:00", "16:00"]) })];
    const slots = generateSlots(input({ employees: list, request: { ...base, requireEmployeeParticipation: true } }));
    expect(wallStarts(slots)).toEqual(["12:00", "12:30", "13:00", "13:30", "14:00", "14:30", "15:00"]);
  });

  it("each employee's buffers and the strictest notice apply", () => {
    const list = [employee("dan"), employee("cai", { bufferAfterMinutes: 30, minimumNoticeMinutes: 120 })];
    const busy = { cai: [between(MONDAY, "13:00", "14:00")] };
    const slots = generateSlots(input({ employees: list, busy, now: at9, request: { ...base, requireEmployeeParticipation: true } }));
    expect(wallStarts(slots)).toEqual(["11:00", "11:30", "14:00", "14:30", "15:00"]);
  });

  it("only meeting types every participant supports", () => {
    const list = [employee("dan", { meetingTypes: ["Online", "Physical"] }), employee("cai", { meetingTypes: ["Physical", "Telephone"] })];
    const slots = generateSlots(input({ employees: list, request: { ...base, requireEmployeeParticipation: true } }));
    expect(new Set(slots.map((s) => s.meetingType))).toEqual(new Set(["Physical"]));
  });

  it("the grid is the first employee's local grid", () => {
    const list = [employee("dan", { timeZone: "Asia/Kathmandu", workingHours: hours(MON_FRI, ["00:00", "24:00"]) }), employee("cai")];
    const slots = generateSlots(input({ employees: list, request: { ...base, requireEmployeeParticipation: true } }));
    expect(slots.length).toBeGreaterThan(0);
    for (const s of slots) expect(new Date(s.start).getUTCMinutes() % 30).toBe(15);
  });

  it.each<[string, string[]]>([
    ["no explicit employees", []],
    ["an unknown explicit employee", ["dan", "zed"]],
  ])("%s → no slots", (_name, ids) => {
    expect(offered({ requireEmployeeParticipation: true, explicitEmployeeIds: ids })).toEqual([]);
  });
});

describe("topic and customer type narrow the candidates", () => {
  it.each<[string, Partial<SlotRequest>, string[]]>([
    ["topic t1", { topic: { id: "t1", customerTypeIds: [] } }, ["ana", "ben"]],
    ["topic t2", { topic: { id: "t2", customerTypeIds: [] } }, ["ben", "cai"]],
    ["customer type business", { customerTypeId: "business" }, ["ben", "cai"]],
    ["topic t1 and customer type business", { topic: { id: "t1", customerTypeIds: [] }, customerTypeId: "business" }, ["ben"]],
    ["topic allowing the customer type", { topic: { id: "t1", customerTypeIds: ["private"] }, customerTypeId: "private" }, ["ana", "ben"]],
    [
      "topic not allowing the customer type → nothing",
      { topic: { id: "t1", customerTypeIds: ["private"] }, customerTypeId: "business" },
      [],
    ],
    ["topic limited to customer types, none given", { topic: { id: "t1", customerTypeIds: ["private"] } }, ["ana", "ben"]],
    ["unknown topic", { topic: { id: "t9", customerTypeIds: [] } }, []],
  ])("%s", (_name, req, expected) => {
    expect(offered({ ...req, employeeTypes: ["Global"] })).toEqual(expected);
  });

  it.each<[string, string[], string[]]>([
    ["the first explicit employee serves the topic", ["ben", "cai"], ["ben+cai"]],
    ["the first explicit employee does not serve the topic", ["cai", "ben"], []],
  ])("with participation: %s", (_name, ids, expected) => {
    expect(offered({ requireEmployeeParticipation: true, explicitEmployeeIds: ids, topic: { id: "t1", customerTypeIds: [] } })).toEqual(
      expected,
    );
  });
});
