/** videoLink is an absolute https URL on every body that takes one; anything else is a 400 naming the field and rule. */
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../shared/kernel/errors.js";
import { parseWith } from "../../../shared/api/edge/validation.js";
import { isHttpsUrl, MeetingCreateV2, MeetingUpdate } from "../../../shared/api/bookme/schemas/meetings.js";

const REFUSED = [
  ["javascript:", "javascript:alert(document.cookie)"],
  ["javascript: in capitals", "JavaScript:alert(1)"],
  ["javascript: behind a tab", "java\tscript:alert(1)"],
  ["javascript: behind leading spaces", "  javascript:alert(1)"],
  ["data:", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
  ["file:", "file:///etc/passwd"],
  ["http:", "http://meet.example.com/abc"],
  ["vbscript:", "vbscript:msgbox(1)"],
  ["protocol-relative", "//meet.example.com/abc"],
  ["relative", "/meetings/abc"],
  ["no host", "https://"],
  ["user:password@ disguising the host", "https://meet.bank.example@evil.example/abc"],
  ["a backslash (read as a slash by browsers)", "https:\\\\evil.example"],
  ["a newline", "https://meet.example.com/a\nb"],
  ["not a URL", "click here"],
] as const;

const ACCEPTED = [
  "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc",
  "HTTPS://meet.example.com",
  "https://meet.example.com:8443/x?y=1#z",
];

describe("isHttpsUrl", () => {
  it.each(REFUSED)("refuses %s", (_label, url) => expect(isHttpsUrl(url)).toBe(false));
  it.each(ACCEPTED)("accepts %s", (url) => expect(isHttpsUrl(url)).toBe(true));
});

const body = { employeeId: "00000000-0000-4000-8000-000000000001", customerId: "c", salesforceId: "sf", timeSlotId: "slot" };

function fieldErrors(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.errors.map((e) => ({ field: e.field, rule: e.rule }));
    throw err;
  }
  return [];
}

describe.each([
  ["V2 create", (videoLink: string) => parseWith(MeetingCreateV2, { ...body, videoLink }, "body")],
  ["V2 update (V1 refuses the field as V2-only)", (videoLink: string) => parseWith(MeetingUpdate, { videoLink }, "body")],
])("%s", (_name, parse) => {
  it.each(REFUSED)("refuses %s with videoLink / https_url", (_label, url) => {
    expect(fieldErrors(() => parse(url))).toEqual([{ field: "videoLink", rule: "https_url" }]);
  });

  it("accepts an https link, and null clears it", () => {
    expect(fieldErrors(() => parse(ACCEPTED[0]))).toEqual([]);
    expect(fieldErrors(() => parseWith(MeetingUpdate, { videoLink: null }, "body"))).toEqual([]);
  });
});
