/** The Bicep of customer messages: ACS and its Email service in Europe, a linked domain, the app identity's role, no keys in settings. */
import { describe, expect, it } from "vitest";
import { bicepObjectKeys, readText } from "../infra/repo.js";

const module_ = readText("infra", "modules", "communication.bicep");
const main = readText("infra", "main.bicep");
const functionApp = readText("infra", "modules", "function-app.bicep");

describe("infra for customer messages", () => {
  it("creates the Email service, its sending domain without engagement tracking, and Communication Services linked to it, data in Europe", () => {
    expect(module_).toMatch(/'Microsoft\.Communication\/emailServices@[\d-]+'/);
    expect(module_).toMatch(/'Microsoft\.Communication\/emailServices\/domains@[\d-]+'/);
    expect(module_).toMatch(/'Microsoft\.Communication\/communicationServices@[\d-]+'/);
    expect(module_).toMatch(/linkedDomains:\s*\[\s*domain\.id\s*\]/);
    expect(module_).toMatch(/userEngagementTracking:\s*'Disabled'/);
    expect(module_).toMatch(/param dataLocation string = 'Europe'/);
  });

  it("gives the Function App identity a role on that resource only", () => {
    expect(module_).toMatch(/'Microsoft\.Authorization\/roleAssignments@[\d-]+'/);
    expect(module_).toMatch(/scope:\s*communication\b/);
    expect(module_).toMatch(/principalId:\s*identityPrincipalId/);
    expect(main).toMatch(/module communication '\.\/modules\/communication\.bicep'/);
    expect(main).toMatch(/identityPrincipalId:\s*appIdentity\.outputs\.principalId/);
  });

  it("the app reaches ACS by endpoint with its identity: no access key or connection string in Azure", () => {
    expect(main).toMatch(/acsEndpoint:\s*communication\.outputs\.endpoint/);
    expect(main).toMatch(/acsEmailSender:\s*communication\.outputs\.emailSender/);
    const settings = bicepObjectKeys(functionApp, "appScopedSettings");
    expect(settings).toEqual(expect.arrayContaining(["ACS_ENDPOINT", "ACS_EMAIL_SENDER", "ACS_CONNECTION_STRING", "REMINDER_OFFSETS"]));
    expect(functionApp).toMatch(/ACS_CONNECTION_STRING:\s*''/);
    expect(module_).not.toMatch(/listKeys|accesskey/i);
  });
});
