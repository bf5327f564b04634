/**
 * The back-office console in API Management (infra/modules/apim-console.bicep): anonymous at the
 * gateway (its back end signs people in with a session cookie), one API at /console routed to the
 * functions' own /api/console prefix, every method the console's functions take, and any bearer
 * a caller sends dropped.
 */
import { describe, expect, it } from "vitest";
import { bicepModuleCalls, bicepParams, readJson, readText } from "./repo.js";

const main = readText("infra", "main.bicep");
const module = readText("infra", "modules", "apim-console.bicep");

describe("console channel", () => {
  it("is deployed by main.bicep, with the per-IP limit wherever the tier has rate-limit-by-key, and outputs its URL", () => {
    const call = bicepModuleCalls(main).find((c) => c.path === "./modules/apim-console.bicep");
    expect(call?.params).toEqual(expect.arrayContaining(["apimName", "functionAppHostName", "perIpRateLimit"]));
    expect(main).toMatch(/module consoleApp '\.\/modules\/apim-console\.bicep'[\s\S]*?perIpRateLimit:\s*apimSku != 'Consumption'/);
    expect(main).toMatch(/^output CONSOLE_URL string = consoleApp\.outputs\.consoleUrl/m);
    expect(module).toMatch(/output consoleUrl string = '\$\{apim\.properties\.gatewayUrl\}\/console'/);
  });

  it("main.bicep hands the Function App every console setting: the app registrations, secrets and key from parameters, the URLs from the gateway", () => {
    const functionApp = readText("infra", "modules", "function-app.bicep");
    const wanted = bicepParams(functionApp)
      .map((p) => p.name)
      .filter((n) => n.startsWith("console"));
    expect(wanted.length).toBeGreaterThanOrEqual(8);
    const call = bicepModuleCalls(main).find((c) => c.path === "./modules/function-app.bicep");
    expect(wanted.filter((n) => !call?.params.includes(n))).toEqual([]);
    expect(main).toMatch(/consoleApiBaseUrl: '\$\{apim\.outputs\.gatewayUrl\}\/\$\{apiV2Path\}'/);
    expect(main).toMatch(/consolePublicUrl: '\$\{apim\.outputs\.gatewayUrl\}\/console'/);
    // Secrets are secure parameters, filled from the azd environment (or Key Vault references).
    const params = readJson<{ parameters: Record<string, { value: string }> }>("infra", "main.parameters.json").parameters;
    for (const name of ["consoleClientSecret", "consoleBackofficeClientSecret", "consoleSessionKey", "consoleApiSubscriptionKey"]) {
      expect(main).toMatch(new RegExp(`@secure\\(\\)\\n@description\\('[^\\n]*'\\)\\nparam ${name} string = ''`));
      expect(params[name]?.value).toMatch(/^\$\{CONSOLE_[A-Z_]+\}$/);
    }
  });

  it("needs no subscription and validates no token at the gateway: the console's back end does its own session auth", () => {
    const flags = [...module.matchAll(/subscriptionRequired:\s*(\w+)/g)].map((m) => m[1]);
    expect(flags).toEqual(["false", "false"]); // the product and the API
    expect(module).not.toMatch(/validate-azure-ad-token|validate-jwt/);
    expect(module).toContain('<set-header name="Authorization" exists-action="delete" />');
  });

  it("routes /console to the functions' console prefix, for each method they register", () => {
    const routePrefix = readJson<{ extensions?: { http?: { routePrefix?: string } } }>("host.json").extensions?.http?.routePrefix ?? "api";
    expect(module).toMatch(/path: 'console'/);
    expect(module).toContain(`serviceUrl: 'https://\${functionAppHostName}/${routePrefix}/console'`);
    expect(module).toMatch(/urlTemplate: '\/\*'/);
    for (const file of ["console-page.ts", "console-sign-in.ts", "console-callback.ts", "console-me.ts", "console-sign-out.ts", "console-api.ts"])
      expect(readText("functions", "console", file)).toContain('prefix: "console"');
    const methods = [...module.matchAll(/^\s+'(GET|POST|PUT|PATCH|DELETE)'$/gm)].map((m) => m[1]);
    expect(methods).toEqual(["GET", "POST", "PUT", "PATCH", "DELETE"]);
    // The session cookie is scoped to the path the gateway serves the console on.
    expect(readText("shared", "api", "console", "session.ts")).toContain('export const COOKIE_PATH = "/console";');
  });

  it("its inline policy XML is balanced", () => {
    const xml = /var policyXml = '([^\n]*)'\n/.exec(module)![1].replace(/\$\{[^}]*\}/g, "");
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-z-]+)[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]);
    }
    expect(stack).toEqual([]);
    expect(xml).toMatch(/^<policies><inbound><base \/>/);
  });
});
