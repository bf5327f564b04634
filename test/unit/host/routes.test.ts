import { describe, expect, it } from "vitest";
import { bestMatch, compileRoute } from "../../../dev/host/routes.js";

const routes = [
  "v2/bookme/meetings",
  "v2/bookme/meetings/{id}",
  "v2/bookme/meetings/{id}/ical",
  "v2/bookme/time-slots/{id}",
  "v2/bookme/time-slots/available",
  "v2/bookme/things/{id:guid}",
  "v2/bookme/numbers/{n:int}",
  "v2/bookme/optional/{id?}",
  "v2/bookme/docs/{*asset}",
].map((t) => compileRoute(t, t));

const match = (path: string) => bestMatch(routes, path);

describe("route templates as the Functions host reads them", () => {
  it.each([
    ["v2/bookme/meetings", "v2/bookme/meetings", {}],
    ["v2/bookme/meetings/abc", "v2/bookme/meetings/{id}", { id: "abc" }],
    ["v2/bookme/meetings/abc/ical", "v2/bookme/meetings/{id}/ical", { id: "abc" }],
    ["V2/BookMe/Meetings", "v2/bookme/meetings", {}],
    ["v2/bookme/time-slots/available", "v2/bookme/time-slots/available", {}],
    ["v2/bookme/time-slots/x1", "v2/bookme/time-slots/{id}", { id: "x1" }],
    ["v2/bookme/optional", "v2/bookme/optional/{id?}", {}],
    ["v2/bookme/optional/7", "v2/bookme/optional/{id?}", { id: "7" }],
    ["v2/bookme/docs/a/b.css", "v2/bookme/docs/{*asset}", { asset: "a/b.css" }],
    ["v2/bookme/docs", "v2/bookme/docs/{*asset}", { asset: "" }],
    ["v2/bookme/things/3fa85f64-5717-4562-b3fc-2c963f66afa6", "v2/bookme/things/{id:guid}", { id: "3fa85f64-5717-4562-b3fc-2c963f66afa6" }],
    ["v2/bookme/numbers/42", "v2/bookme/numbers/{n:int}", { n: "42" }],
    ["v2/bookme/meetings/a%20b", "v2/bookme/meetings/{id}", { id: "a b" }],
  ])("%s matches %s", (path, template, params) => {
    const m = match(path);
    expect(m?.route.template).toBe(template);
    expect(m?.params).toEqual(params);
  });

  it.each(["v2/bookme/things/not-a-guid", "v2/bookme/numbers/4x2", "v2/bookme/meetings/a/b/c", "v2/bookme", "v3/bookme/meetings"])(
    "%s matches nothing",
    (path) => {
      expect(match(path)).toBeNull();
    },
  );

  it("a literal segment beats a parameter regardless of registration order", () => {
    const reversed = [compileRoute("a/{id}", "param"), compileRoute("a/literal", "literal")];
    expect(bestMatch(reversed, "a/literal")?.route.value).toBe("literal");
    expect(bestMatch([...reversed].reverse(), "a/literal")?.route.value).toBe("literal");
  });
});
