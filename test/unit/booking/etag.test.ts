import { describe, expect, it } from "vitest";
import { httpEtag, ifMatchAllows } from "../../../shared/kernel/etag.js";

describe("entity tags", () => {
  it.each([
    ["7b7e254e", '"7b7e254e"'],
    ['"00000a00-0000"', '"00000a00-0000"'],
  ])("stored %s is sent as %s", (stored, sent) => expect(httpEtag(stored)).toBe(sent));

  it.each([
    ['"abc"', "abc", true],
    ["abc", "abc", true],
    ['W/"abc"', '"abc"', true],
    ['"x", "abc"', "abc", true],
    ["*", "abc", true],
    ['"abd"', "abc", false],
    ["", "abc", false],
  ])("If-Match %s against stored %s: %s", (header, stored, allowed) => expect(ifMatchAllows(header, stored)).toBe(allowed));
});
