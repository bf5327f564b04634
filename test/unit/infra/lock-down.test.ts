/**
 * Issue 15 in Azure (no Bicep CLI here: these read the files): the Function App takes traffic only
 * through API Management, the gateway limits per client and body size, Cosmos DB is behind its IP
 * firewall, and every gateway backend sends the function key.
 */
import { describe, expect, it } from "vitest";
import { readJson, readText } from "./repo.js";

const main = readText("infra", "main.bicep");
const functionApp = readText("infra", "modules", "function-app.bicep");
const apiModule = readText("infra", "modules", "apim-api.bicep");
const facadeModule = readText("infra", "modules", "apim-facade-api.bicep");
const apimModule = readText("infra", "modules", "api-management.bicep");
const cosmos = readText("infra", "modules", "cosmos-db.bicep");
const policy = readText("infra", "policies", "api-policy.xml");

describe("the Function App takes traffic only through API Management", () => {
  it("denies by default and allows API Management's static IPs, else the region's Azure datacenters", () => {
    expect(functionApp).toMatch(/ipSecurityRestrictionsDefaultAction:\s*'Deny'/);
    expect(functionApp).toMatch(/ipSecurityRestrictions:\s*inboundRules/);
    expect(functionApp).toMatch(/for \(ip, i\) in apimOutboundIps/);
    expect(functionApp).toMatch(/ipAddress:\s*'AzureCloud\.\$\{location\}'[\s\S]*?tag:\s*'ServiceTag'/);
    expect(main).toMatch(/apimOutboundIps:\s*apim\.outputs\.publicIPAddresses/);
    expect(apimModule).toMatch(/output publicIPAddresses array = sku == 'Developer'/);
  });

  it("the deployment site keeps its own rules (Entra ID only, basic auth off)", () => {
    expect(functionApp).toMatch(/scmIpSecurityRestrictionsUseMain:\s*false/);
    expect(functionApp.match(/allow:\s*false/g)).toHaveLength(2);
  });

  it("Graph's notifications come through the gateway too, not to the Function App's own host name", () => {
    expect(functionApp).toMatch(/CALENDAR_NOTIFICATION_URL:\s*calendarNotificationUrl/);
    expect(functionApp).not.toMatch(/azurewebsites\.net\/api\/calendar/);
    expect(main).toMatch(/calendarNotificationUrl:\s*'\$\{apim\.outputs\.gatewayUrl\}\/calendar\/notifications'/);
    expect(main).toMatch(/module apiCalendar '\.\/modules\/apim-facade-api\.bicep'[\s\S]*?path: 'calendar'/);
  });

  it("every API Management backend sends the function key from the named value", () => {
    expect(apiModule).toMatch(/'x-functions-key':\s*\[\s*'\{\{\$\{functionKeyNamedValue\}\}\}'/);
    expect(facadeModule).toMatch(/'x-functions-key':\s*\[\s*'\{\{\$\{functionKeyNamedValue\}\}\}'/);
    const facadeModules = main.match(/module api\w+ '\.\/modules\/apim-facade-api\.bicep' = \{[\s\S]*?\n\}/g) ?? [];
    expect(facadeModules.length).toBe(3);
    for (const m of facadeModules) expect(m).toContain("functionKeyNamedValue: functionKeyNamedValue");
  });
});

describe("the gateway's per-client rate limit and body limit", () => {
  it("counts after the key and token checks, on the validated token's azp/appid, else subscription, else IP", () => {
    expect(policy).toContain('output-token-variable-name="clientToken"');
    expect(policy.indexOf("__RATE_LIMIT__")).toBeGreaterThan(policy.indexOf("</validate-azure-ad-token>"));
    expect(apiModule).toMatch(/GetValueOrDefault<Jwt>\("clientToken", null\)/);
    expect(apiModule).toMatch(/Claims\.GetValueOrDefault\("azp", token\.Claims\.GetValueOrDefault\("appid", ""\)\)/);
    expect(apiModule).toMatch(/counter-key="\$\{clientCounterKey\}"/);
    expect(apiModule).toMatch(/context\.Request\.IpAddress/);
  });

  it("answers 429 problem+json with Retry-After, and 413 problem+json for a declared body over the limit", () => {
    expect(apiModule.match(/retry-after-variable-name="retryAfter"/g)).toHaveLength(2);
    expect(policy).toMatch(/LastError\.Reason == "RateLimitExceeded"[\s\S]*?code="429"[\s\S]*?application\/problem\+json[\s\S]*?Retry-After[\s\S]*?rate_limited/);
    expect(policy).toMatch(/Content-Length[\s\S]*?__MAX_BODY_BYTES__[\s\S]*?code="413"[\s\S]*?payload_too_large/);
    expect(apiModule).toContain("replace(policyStep5, '__MAX_BODY_BYTES__', string(maxBodyBytes))");
  });
});

describe("Cosmos DB and Storage", () => {
  it("Cosmos DB takes only Azure datacenters and named ranges, with keys off", () => {
    expect(cosmos).toMatch(/ipRules: map\(concat\(\['0\.0\.0\.0'\], allowedIpRanges\)/);
    expect(cosmos).toMatch(/disableLocalAuth:\s*true/);
    expect(main).toMatch(/allowedIpRanges:\s*filter\(map\(split\(cosmosAllowedIpRanges/);
    const params = readJson<{ parameters: Record<string, unknown> }>("infra", "main.parameters.json").parameters;
    expect(Object.keys(params)).toEqual(expect.arrayContaining(["cosmosAllowedIpRanges", "queryMaxResourceDays", "queryMaxSlots"]));
  });

  it("Storage keeps shared keys off (its public endpoint stays: see docs/deploy.md)", () => {
    const storage = readText("infra", "modules", "storage.bicep");
    expect(storage).toMatch(/allowSharedKeyAccess:\s*false/);
    expect(readText("docs", "deploy.md")).toMatch(/What the tiers allow/);
  });
});
