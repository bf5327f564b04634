/**
 * infra/main.bicep follows the Azure Developer CLI conventions and every module it names exists.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { INFRA, bicepFiles, bicepModuleCalls, bicepModuleRefs, bicepParams, readText, repoPath } from "./repo.js";

const main = readText("infra", "main.bicep");

describe("infra/main.bicep", () => {
  it("every module it references exists", () => {
    const refs = bicepModuleRefs(main);
    expect(refs.length).toBeGreaterThan(0);
    const missing = refs.filter((ref) => !fs.existsSync(path.resolve(INFRA, ref)));
    expect(missing).toEqual([]);
  });

  it("passes each module only parameters it declares, and every one it requires", () => {
    const problems: string[] = [];
    for (const call of bicepModuleCalls(main)) {
      const target = path.resolve(INFRA, call.path);
      if (!fs.existsSync(target)) continue; // reported by the test above
      const declared = bicepParams(fs.readFileSync(target, "utf8"));
      for (const name of call.params) if (!declared.some((p) => p.name === name)) problems.push(`${call.symbol}: unknown param ${name}`);
      for (const p of declared) if (!p.hasDefault && !call.params.includes(p.name)) problems.push(`${call.symbol}: missing param ${p.name}`);
    }
    expect(bicepModuleCalls(main).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("every module referenced from any Bicep file exists", () => {
    const missing: string[] = [];
    for (const file of bicepFiles()) {
      for (const ref of bicepModuleRefs(fs.readFileSync(file, "utf8"))) {
        if (ref.startsWith("br:") || ref.startsWith("br/") || ref.startsWith("ts:")) continue;
        if (!fs.existsSync(path.resolve(path.dirname(file), ref))) missing.push(`${path.relative(repoPath(), file)} -> ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every file in infra/modules is used by some Bicep file", () => {
    const used = new Set(
      bicepFiles().flatMap((file) => bicepModuleRefs(fs.readFileSync(file, "utf8")).map((ref) => path.resolve(path.dirname(file), ref))),
    );
    const unused = bicepFiles()
      .filter((file) => path.dirname(file) === path.join(INFRA, "modules"))
      .filter((file) => !used.has(file))
      .map((file) => path.basename(file));
    expect(unused).toEqual([]);
  });

  it("deploys at subscription scope into a resource group tagged with the azd environment", () => {
    expect(main).toMatch(/^targetScope = 'subscription'/m);
    expect(main).toMatch(/resource rg 'Microsoft\.Resources\/resourceGroups@[\d-]+' = \{/);
    expect(main).toMatch(/'azd-env-name':\s*environmentName/);
    expect(main).toMatch(/var resourceToken = toLower\(uniqueString\(subscription\(\)\.id, environmentName, location\)\)/);
  });

  it("tags the Function App as the azd service 'api'", () => {
    expect(readText("infra", "modules", "function-app.bicep")).toMatch(/'azd-service-name':\s*'api'/);
  });

  it("outputs what azd and the docs read", () => {
    for (const name of ["AZURE_FUNCTION_APP_NAME", "API_BASE_URL", "API_V1_BASE_URL", "AZURE_COSMOS_ENDPOINT", "APIM_SUBSCRIPTION_KEYS_URL"]) {
      expect(main, name).toMatch(new RegExp(`^output ${name} string =`, "m"));
    }
  });

  it("publishes v2 at api/v2/bookme and v1 at api/v1/bookme, each to its Function App route", () => {
    expect(main).toContain("var apiV2Path = 'api/v2/bookme'");
    expect(main).toContain("var apiV1Path = 'api/v1/bookme'");
    expect(main).toContain("backendUrl: 'https://${functionApp.outputs.defaultHostName}/${apiV2Path}'");
    expect(main).toContain("backendUrl: 'https://${functionApp.outputs.defaultHostName}/${apiV1Path}'");
  });

  it("publishes the seed-compatible facades (meetergo, bots) to the Function App's /api routes without a subscription requirement", () => {
    expect(main).toMatch(/module apiMeetergo '\.\/modules\/apim-facade-api\.bicep'[\s\S]*?path: 'meetergo'[\s\S]*?backendUrl: 'https:\/\/\$\{functionApp\.outputs\.defaultHostName\}\/api'/);
    expect(main).toMatch(/module apiBots '\.\/modules\/apim-facade-api\.bicep'[\s\S]*?path: 'bots'[\s\S]*?backendUrl: 'https:\/\/\$\{functionApp\.outputs\.defaultHostName\}'/);
    const facade = readText("infra", "modules", "apim-facade-api.bicep");
    expect(facade).toMatch(/subscriptionRequired:\s*false/);
    expect(facade).not.toContain("subscriptionRequired: subscriptionRequired");
    expect(readText("infra", "policies", "facade-policy.xml")).not.toContain("validate-jwt");
  });
});

describe("infra modules", () => {
  it("the Function App runs Node.js 22 on Flex Consumption with its deployment package behind the managed identity", () => {
    const fn = readText("infra", "modules", "function-app.bicep");
    expect(fn).toMatch(/name:\s*'FC1'/);
    expect(fn).toMatch(/tier:\s*'FlexConsumption'/);
    expect(fn).toMatch(/runtime:\s*\{\s*name:\s*'node'\s*version:\s*'22'\s*\}/);
    expect(fn).toMatch(/type:\s*'UserAssignedIdentity'/);
  });

  it("Cosmos DB takes no keys, keeps 7 days of continuous backup and defaults to serverless", () => {
    const cosmos = readText("infra", "modules", "cosmos-db.bicep");
    expect(cosmos).toMatch(/disableLocalAuth:\s*true/);
    expect(cosmos).toMatch(/tier:\s*'Continuous7Days'/);
    expect(cosmos).toMatch(/param throughputMode string = 'serverless'/);
    expect(cosmos).toContain("EnableServerless");
    const access = readText("infra", "modules", "cosmos-data-access.bicep");
    expect(access).toContain("'00000000-0000-0000-0000-000000000002'");
  });

  it("no module reads a storage, Cosmos DB or Application Insights key", () => {
    const offenders: string[] = [];
    for (const file of bicepFiles()) {
      const text = fs.readFileSync(file, "utf8");
      if (/listConnectionStrings|primaryMasterKey|AccountKey=|InstrumentationKey=/.test(text)) offenders.push(path.basename(file));
      // The one listKeys call reads the Function App host key for API Management.
      if (/listKeys\(/.test(text) && path.basename(file) !== "apim-function-key.bicep") offenders.push(path.basename(file));
    }
    expect(offenders).toEqual([]);
  });
});
