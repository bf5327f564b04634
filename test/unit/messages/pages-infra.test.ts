/**
 * The pages behind the links in customer messages in API Management (infra/modules/apim-messages.bicep):
 * the double opt-in confirm page and the unsubscribe page, anonymous at the gateway (each checks its
 * signed link), routed to the functions' own /api/messages paths, GET and POST each; the links'
 * base URL is the gateway's.
 */
import { describe, expect, it } from "vitest";
import { CONFIRM_PAGE_PATH } from "../../../shared/messages/confirm-link.js";
import { UNSUBSCRIBE_PAGE_PATH } from "../../../shared/messages/opt-out-link.js";
import { bicepModuleCalls, readJson, readText } from "../infra/repo.js";

const main = readText("infra", "main.bicep");
const module = readText("infra", "modules", "apim-messages.bicep");

describe("message pages behind API Management", () => {
  it("are deployed by main.bicep, and the app's links point at the gateway", () => {
    const call = bicepModuleCalls(main).find((c) => c.path === "./modules/apim-messages.bicep");
    expect(call?.params).toEqual(expect.arrayContaining(["apimName", "functionAppHostName", "perIpRateLimit"]));
    expect(main).toMatch(/messagesLinkBaseUrl:\s*apim\.outputs\.gatewayUrl/);
    expect(readText("infra", "modules", "function-app.bicep")).toMatch(/MESSAGES_LINK_BASE_URL:\s*messagesLinkBaseUrl/);
  });

  it("route the paths the links use to the same paths on the Function App, GET and POST each", () => {
    const routePrefix = readJson<{ extensions?: { http?: { routePrefix?: string } } }>("host.json").extensions?.http?.routePrefix ?? "api";
    expect(module).toMatch(/path: 'api\/messages'/);
    expect(module).toContain(`serviceUrl: 'https://\${functionAppHostName}/${routePrefix}/messages'`);
    for (const path of [CONFIRM_PAGE_PATH, UNSUBSCRIBE_PAGE_PATH]) {
      expect(path.startsWith(`/${routePrefix}/messages/`)).toBe(true);
      const page = path.slice(`/${routePrefix}/messages`.length);
      for (const method of ["GET", "POST"]) expect(module).toContain(`method: '${method}'\n    urlTemplate: '${page}'`);
    }
    expect(readText("functions", "triggers", "messages-confirm.ts")).toContain('route: "messages/confirm"');
    expect(readText("functions", "triggers", "messages-unsubscribe.ts")).toContain('route: "messages/unsubscribe"');
  });

  it("need no subscription and validate no token at the gateway; a bearer is dropped; the policy XML is balanced", () => {
    const flags = [...module.matchAll(/subscriptionRequired:\s*(\w+)/g)].map((m) => m[1]);
    expect(flags).toEqual(["false", "false"]);
    expect(module).not.toMatch(/validate-azure-ad-token|validate-jwt/);
    const xml = /var policyXml = '([^\n]*)'\n/.exec(module)![1].replace(/\$\{[^}]*\}/g, "");
    expect(xml).toContain('<set-header name="Authorization" exists-action="delete" />');
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]);
    }
    expect(stack).toEqual([]);
  });
});
