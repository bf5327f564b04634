/** Names as clients send them: body keys and query parameters matched to the schema's spelling. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ValidationError } from "../../../shared/kernel/errors.js";
import { canonicalKeys, knownKeys } from "../../../shared/api/edge/field-names.js";
import { queryToObject } from "../../../shared/api/edge/validation.js";
import { queryList } from "../../../shared/kernel/fields.js";
import { MeetingCreateV1, MeetingCreateV2 } from "../../../shared/api/bookme/schemas/meetings.js";

const Body = z
  .object({
    employeeId: z.string(),
    customFields: z.array(z.object({ key: z.string(), value: z.string() })).nullish(),
    nested: z.object({ startDate: z.string() }).optional(),
  })
  .refine(() => true);

function errorsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.errors;
    throw err;
  }
  throw new Error("no ValidationError");
}

describe("canonicalKeys", () => {
  it("renames PascalCase keys at every depth (objects in arrays, nested objects) and leaves unknown keys", () => {
    const out = canonicalKeys(Body, { EmployeeId: "e", CustomFields: [{ Key: "k", VALUE: "v" }], Nested: { StartDate: "s" }, Extra: 1 });
    expect(out).toEqual({ employeeId: "e", customFields: [{ key: "k", value: "v" }], nested: { startDate: "s" }, Extra: 1 });
  });

  it("looks through preprocessing (V1's V2-field guard) and refinements", () => {
    expect(Object.keys(canonicalKeys(MeetingCreateV1, { EmployeeId: "e", TopicId: "t" }) as object)).toEqual(["employeeId", "topicId"]);
    expect(knownKeys(MeetingCreateV2)?.get("salesforceid")).toBe("salesforceId");
  });

  it("a field given twice in different cases is a 400 naming it", () => {
    expect(errorsOf(() => canonicalKeys(Body, { employeeId: "a", EMPLOYEEID: "b" }))).toEqual([
      expect.objectContaining({ field: "employeeId", rule: "duplicate" }),
    ]);
  });

  it("keeps __proto__ and constructor as plain own fields", () => {
    const out = canonicalKeys(Body, JSON.parse('{"employeeId":"e","__proto__":{"polluted":true},"constructor":{"x":1}}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(["employeeId", "__proto__", "constructor"]);
  });
});

describe("queryToObject", () => {
  const Query = z.object({ meetingTypes: queryList(z.string()).default([]), employeeId: z.string().optional() });
  const parse = (qs: string) => Query.parse(queryToObject(new URLSearchParams(qs), knownKeys(Query)));

  it.each([
    ["repeated", "meetingTypes=a&meetingTypes=b"],
    ["comma-separated", "meetingTypes=a,b"],
    ["axios brackets", "meetingTypes[]=a&meetingTypes[]=b"],
    ["qs indices, out of order", "meetingTypes[1]=b&meetingTypes[0]=a"],
    ["another letter case", "MeetingTypes=a&MEETINGTYPES[]=b"],
  ])("a list %s", (_name, qs) => {
    expect(parse(qs).meetingTypes).toEqual(["a", "b"]);
  });

  it("a single bracketed value is still a list; a plain one a string", () => {
    expect(queryToObject(new URLSearchParams("meetingTypes[]=a&EmployeeId=e"), knownKeys(Query))).toEqual({
      meetingTypes: ["a"],
      employeeId: "e",
    });
  });

  it("an unknown parameter is a 400 naming it; subscription-key and code are the gateway's", () => {
    expect(errorsOf(() => parse("employeId=e&meetingTypes=a"))).toEqual([
      expect.objectContaining({ field: "employeId", in: "query", rule: "unknown_parameter" }),
    ]);
    expect(errorsOf(() => queryToObject(new URLSearchParams("limit=1"), undefined))).toEqual([
      expect.objectContaining({ field: "limit", rule: "unknown_parameter" }),
    ]);
    expect(parse("subscription-key=k&code=c&Subscription-Key=k").meetingTypes).toEqual([]);
  });
});
