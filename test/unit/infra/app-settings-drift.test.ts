/**
 * config/app-settings.json is the one list of settings. The Function App's Bicep and
 * local.settings.example.json must follow it, name for name.
 */
import { describe, expect, it } from "vitest";
import { appSettings, bicepObjectKeys, exists, readJson, readText, settingNames } from "./repo.js";

const FUNCTION_APP = ["infra", "modules", "function-app.bicep"] as const;

describe("app settings in Azure follow config/app-settings.json", () => {
  const bicep = readText(...FUNCTION_APP);

  it("every app-scoped setting has its Azure value spelled out in the Function App module", () => {
    const deployed = bicepObjectKeys(bicep, "appScopedSettings");
    const missing = settingNames("app").filter((name) => !deployed.includes(name));
    expect(missing, "add these to appScopedSettings in infra/modules/function-app.bicep").toEqual([]);
  });

  it("the Function App module sets no app-scoped value that the config does not list", () => {
    const listed = settingNames("app");
    const extra = bicepObjectKeys(bicep, "appScopedSettings").filter((name) => !listed.includes(name));
    expect(extra, "list these in config/app-settings.json (scope app) or drop them from the Bicep").toEqual([]);
  });

  it("the Function App module builds its settings from the config file, filtered to scope app", () => {
    expect(bicep).toContain("loadJsonContent('../../config/app-settings.json')");
    expect(bicep).toMatch(/filter\(\s*settingsConfig\.settings,\s*s\s*=>\s*s\.scope\s*==\s*'app'\s*\)/);
  });

  it("no local-only setting is deployed to Azure", () => {
    const leaked = settingNames("local").filter((name) => new RegExp(`\\b${name}\\b`).test(bicep));
    expect(leaked).toEqual([]);
  });

  it("AzureWebJobsStorage is identity-based: account name, managed identity credential, client id", () => {
    const host = bicepObjectKeys(bicep, "hostSettings");
    expect(host).toEqual(
      expect.arrayContaining([
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
      ]),
    );
    expect(host).not.toContain("AzureWebJobsStorage");
    expect(bicep).toMatch(/AzureWebJobsStorage__credential:\s*'managedidentity'/);
    expect(bicep).not.toMatch(/AccountKey=|DefaultEndpointsProtocol=/);
  });

  it("Application Insights ingestion authenticates with the managed identity", () => {
    const host = bicepObjectKeys(bicep, "hostSettings");
    expect(host).toEqual(expect.arrayContaining(["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]));
    expect(bicep).toContain("'ClientId=${identityClientId};Authorization=AAD'");
  });

  it("every host-scoped setting is accounted for on Flex Consumption", () => {
    const host = bicepObjectKeys(bicep, "hostSettings");
    // Host settings that Flex Consumption takes in another form, and why.
    const otherForm: Record<string, string> = {
      AzureWebJobsStorage: "identity-based: AzureWebJobsStorage__accountName/__credential/__clientId",
      FUNCTIONS_WORKER_RUNTIME: "Flex Consumption rejects it; functionAppConfig.runtime names node",
    };
    const unhandled = settingNames("host").filter((name) => !host.includes(name) && !(name in otherForm));
    expect(unhandled, "set these in hostSettings or explain them in otherForm").toEqual([]);
  });

  it("settings Flex Consumption rejects are not set", () => {
    expect(bicep).not.toMatch(/^\s*FUNCTIONS_WORKER_RUNTIME\s*:/m);
    expect(bicep).not.toMatch(/^\s*FUNCTIONS_EXTENSION_VERSION\s*:/m);
  });
});

describe("local.settings.example.json follows config/app-settings.json", () => {
  const file = "local.settings.example.json";

  it("exists at the repository root", () => {
    expect(exists(file), `${file} is missing at the repository root`).toBe(true);
  });

  it("lists every app- and host-scoped setting in Values", () => {
    const values = Object.keys(readJson<{ Values?: Record<string, string> }>(file).Values ?? {});
    const missing = settingNames("app", "host").filter((name) => !values.includes(name));
    expect(missing, `add these to ${file} Values`).toEqual([]);
  });

  it("lists no setting that the config does not know", () => {
    const known = appSettings().map((s) => s.name);
    const values = Object.keys(readJson<{ Values?: Record<string, string> }>(file).Values ?? {});
    const unknown = values.filter((name) => !known.includes(name));
    expect(unknown, "list these in config/app-settings.json").toEqual([]);
  });
});
