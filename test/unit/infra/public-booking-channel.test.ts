/**
 * The booking page's public channel in API Management (infra/modules/apim-public-booking.bicep,
 * infra/policies/public-booking-policy.xml): anonymous, a rate limit per caller IP, and routes
 * that match the functions' (prefix public/booking and book) and the local host's (/book).
 */
import { describe, expect, it } from "vitest";
import { bicepModuleCalls, readText } from "./repo.js";

const main = readText("infra", "main.bicep");
const module = readText("infra", "modules", "apim-public-booking.bicep");
const policy = readText("infra", "policies", "public-booking-policy.xml");

describe("public booking channel", () => {
  it("is deployed by main.bicep, with the per-IP limit wherever the tier has rate-limit-by-key", () => {
    const call = bicepModuleCalls(main).find((c) => c.path === "./modules/apim-public-booking.bicep");
    expect(call?.params).toEqual(expect.arrayContaining(["apimName", "functionAppHostName", "callsPerIp", "perIpRateLimit"]));
    expect(main).toMatch(/perIpRateLimit:\s*apimSku != 'Consumption'/);
    expect(main).toMatch(/^output BOOKING_PAGE_URL string = publicBooking\.outputs\.pageUrl/m);
  });

  it("needs no subscription: neither the product nor either API", () => {
    const flags = [...module.matchAll(/subscriptionRequired:\s*(\w+)/g)].map((m) => m[1]);
    expect(flags).toEqual(["false", "false"]); // the product, and the API loop
    expect(module).not.toMatch(/validate-azure-ad-token|validate-jwt/);
  });

  it("routes the page and the backend-for-frontend to the functions' own routes", () => {
    expect(module).toMatch(/path: 'api\/public\/booking'\s+backendPath: 'public\/booking'/);
    expect(module).toMatch(/path: 'book'\s+backendPath: 'book'/);
    expect(module).toContain("serviceUrl: 'https://${functionAppHostName}/api/${a.backendPath}'");
    expect(module).toMatch(/urlTemplate: '\/\*'/);
    // The functions register under these prefixes (functions/public/).
    expect(readText("functions", "public", "public-reserve.ts")).toContain('prefix: "public/booking"');
    expect(readText("functions", "public", "book-page.ts")).toContain('prefix: "book"');
  });

  it("limits each caller IP with rate-limit-by-key and drops any Authorization header", () => {
    expect(module).toContain("loadTextContent('../policies/public-booking-policy.xml')");
    const placeholders = [...new Set(policy.match(/__[A-Z][A-Z_]*__/g) ?? [])];
    expect(placeholders).toEqual(["__RATE_LIMIT__"]);
    expect(module).toContain("'__RATE_LIMIT__'");
    expect(module).toMatch(/<rate-limit-by-key calls="\$\{callsPerIp\}" renewal-period="\$\{periodSeconds\}" counter-key="@\(context\.Request\.IpAddress\)"/);
    expect(policy).toMatch(/<set-header name="Authorization" exists-action="delete" \/>/);
    expect(policy.indexOf("__RATE_LIMIT__")).toBeLessThan(policy.indexOf('name="Authorization"'));
  });

  it("policy XML is balanced", () => {
    const body = policy.replace(/<!--[\s\S]*?-->/g, "");
    const stack: string[] = [];
    for (const m of body.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]);
    }
    expect(stack).toEqual([]);
  });
});
