/** The local host exposes the same response headers to browsers as the API Management policy. */
import { describe, expect, it } from "vitest";
import { EXPOSED_HEADERS } from "../../../dev/host/cors.js";
import { readText } from "../infra/repo.js";

const policy = readText("infra", "policies", "api-policy.xml");

describe("CORS exposed headers", () => {
  it("the APIM policy's <expose-headers> and the local host's list are the same", () => {
    const block = /<expose-headers>([\s\S]*?)<\/expose-headers>/.exec(policy)![1];
    const inPolicy = [...block.matchAll(/<header>([^<]+)<\/header>/g)].map((m) => m[1].toLowerCase()).sort();
    expect(inPolicy).toEqual(EXPOSED_HEADERS.map((h) => h.toLowerCase()).sort());
  });

  it("a paging client can read the next-page link and token, and a deprecation notice", () => {
    for (const header of ["Link", "X-Continuation-Token", "Deprecation", "ETag", "Location"]) expect(EXPOSED_HEADERS).toContain(header);
  });
});
