/**
 * The Bicep reads the repository's single sources of truth instead of copying them:
 * config/cosmos-containers.json (loadJsonContent) and openapi/apim/*.json (loadTextContent).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bicepFiles, bicepLoadedFiles, bicepParams, readJson, readText, repoPath } from "./repo.js";

/** Bicep's loadTextContent refuses files over 131,072 characters. */
const LOAD_TEXT_CONTENT_LIMIT = 131_072;

const main = readText("infra", "main.bicep");
const cosmosModule = readText("infra", "modules", "cosmos-db.bicep");
const apiModule = readText("infra", "modules", "apim-api.bicep");
const policy = readText("infra", "policies", "api-policy.xml");

describe("Bicep reads the sources of truth", () => {
  it("main.bicep loads the Cosmos DB layout from config/cosmos-containers.json", () => {
    expect(main).toContain("loadJsonContent('../config/cosmos-containers.json')");
    expect(main).toMatch(/databaseName:\s*cosmosConfig\.database\b/);
    expect(main).toMatch(/containers:\s*cosmosConfig\.containers\b/);
  });

  it("the Cosmos DB module creates one container per config entry, with its partition key and TTL", () => {
    expect(cosmosModule).toMatch(/for\s+container\s+in\s+containers\s*:/);
    expect(cosmosModule).toMatch(/paths:\s*\[\s*container\.partitionKey\s*\]/);
    expect(cosmosModule).toMatch(/contains\(container,\s*'defaultTtl'\)\s*\?\s*\{\s*defaultTtl:\s*container\.defaultTtl\s*\}/);
    expect(cosmosModule).toMatch(/indexingMode:\s*'consistent'/);
  });

  it("the config layout has what the Cosmos DB module reads", () => {
    const layout = readJson<{ database: string; containers: { name: string; partitionKey: string; defaultTtl?: number }[] }>(
      "config",
      "cosmos-containers.json",
    );
    expect(layout.database).toMatch(/^[A-Za-z0-9-_]+$/);
    expect(layout.containers.length).toBeGreaterThan(0);
    for (const c of layout.containers) {
      expect(c.name, JSON.stringify(c)).toMatch(/^[A-Za-z0-9-_]+$/);
      expect(c.partitionKey, c.name).toMatch(/^\/[A-Za-z0-9_]+$/);
      if (c.defaultTtl !== undefined) expect(Number.isInteger(c.defaultTtl) && (c.defaultTtl === -1 || c.defaultTtl > 0), c.name).toBe(true);
    }
  });

  it("main.bicep loads the OpenAPI document and API Management imports it as openapi+json", () => {
    expect(main).toContain("loadTextContent('../openapi/apim/openapi.json')");
    expect(apiModule).toMatch(/format:\s*'openapi\+json'/);
    expect(apiModule).toMatch(/value:\s*openApiDocument/);
  });

  it("the V1 API imports the V1 document (built from the V1 schemas), the V2 API the V2 one", () => {
    expect(main).toContain("var openApiV1Document = loadTextContent('../openapi/apim/openapi-v1.json')");
    const moduleBody = (symbol: string) => {
      const start = main.indexOf(`module ${symbol} './modules/apim-api.bicep'`);
      expect(start, symbol).toBeGreaterThanOrEqual(0);
      return main.slice(start, main.indexOf("\n}\n", start));
    };
    expect(moduleBody("apiV1")).toMatch(/openApiDocument:\s*openApiV1Document\b/);
    expect(moduleBody("apiV1")).toContain("path: apiV1Path");
    expect(moduleBody("apiV2")).toMatch(/openApiDocument:\s*openApiDocument\b/);
  });

  for (const [file, version] of [["openapi.json", "2.0.0"], ["openapi-v1.json", "1.0.0"]] as const) {
    it(`apim/${file} (the import form) is JSON that fits loadTextContent's size limit and describes version ${version}`, () => {
      const text = readText("openapi", "apim", file);
      expect(text.length, `trim or split openapi/apim/${file}`).toBeLessThanOrEqual(LOAD_TEXT_CONTENT_LIMIT);
      const doc = JSON.parse(text) as { openapi?: string; paths?: object; info?: { version?: string } };
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info?.version).toBe(version);
      expect(typeof doc.paths).toBe("object");
    });
  }

  it("every file a Bicep file loads exists", () => {
    const missing: string[] = [];
    for (const file of bicepFiles()) {
      for (const ref of bicepLoadedFiles(fs.readFileSync(file, "utf8"))) {
        const target = path.resolve(path.dirname(file), ref);
        if (!fs.existsSync(target)) missing.push(`${path.relative(repoPath(), file)} -> ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("API Management policy", () => {
  it("fills every placeholder of infra/policies/api-policy.xml", () => {
    expect(apiModule).toContain("loadTextContent('../policies/api-policy.xml')");
    const placeholders = [...new Set(policy.match(/__[A-Z][A-Z_]*__/g) ?? [])];
    expect(placeholders.length).toBeGreaterThan(0);
    const unfilled = placeholders.filter((p) => !apiModule.includes(`'${p}'`));
    expect(unfilled).toEqual([]);
  });

  it("validates Entra ID tokens for the tenant and audiences of the parameters", () => {
    expect(policy).toMatch(/<validate-azure-ad-token tenant-id="__TENANT_ID__"/);
    expect(policy).toMatch(/<audiences>__AUDIENCES__<\/audiences>/);
    // client-application-ids precede audiences inside the policy
    expect(policy.indexOf("__CLIENT_APPLICATION_IDS__")).toBeLessThan(policy.indexOf("<audiences>"));
  });

  it("leaves health, openapi.json and docs anonymous and protects every other operation", () => {
    const m = /param publicPathPattern string = '([^']+)'/.exec(apiModule);
    expect(m, "publicPathPattern default in apim-api.bicep").not.toBeNull();
    const publicPath = new RegExp(m?.[1] ?? "(?!)", "i");
    for (const template of ["/health", "/openapi.json", "/docs", "/docs/index.html"]) expect(publicPath.test(template), template).toBe(true);
    for (const template of ["/meetings", "/meetings/{id}", "/time-slots/available", "/healthz", "/openapi.yaml"]) {
      expect(publicPath.test(template), template).toBe(false);
    }
  });

  it("rate-limits per subscription and routes to the Function App backend", () => {
    expect(policy).toContain("__RATE_LIMIT__");
    expect(apiModule).toMatch(/<rate-limit-by-key calls="\$\{policy\.rateLimitCalls\}"/);
    expect(apiModule).toMatch(/<rate-limit calls="\$\{policy\.rateLimitCalls\}"/);
    expect(policy).toContain('<set-backend-service backend-id="__BACKEND_ID__" />');
    expect(apiModule).toMatch(/'x-functions-key':/);
  });
});

describe("main.parameters.json", () => {
  const file = readJson<{ parameters: Record<string, { value: unknown }> }>("infra", "main.parameters.json");
  const params = bicepParams(main);

  it("takes the azd environment name, location and principal", () => {
    expect(file.parameters.environmentName?.value).toBe("${AZURE_ENV_NAME}");
    expect(file.parameters.location?.value).toBe("${AZURE_LOCATION}");
    expect(file.parameters.principalId?.value).toBe("${AZURE_PRINCIPAL_ID}");
  });

  it("only sets parameters main.bicep declares", () => {
    const declared = params.map((p) => p.name);
    expect(Object.keys(file.parameters).filter((name) => !declared.includes(name))).toEqual([]);
  });

  it("supplies every main.bicep parameter that has no default", () => {
    const required = params.filter((p) => !p.hasDefault).map((p) => p.name);
    expect(required.filter((name) => !(name in file.parameters))).toEqual([]);
  });
});
