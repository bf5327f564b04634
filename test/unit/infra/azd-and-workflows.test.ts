/**
 * azure.yaml and the GitHub workflows parse as YAML and carry what azd and CI need.
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readText } from "./repo.js";

type Yaml = Record<string, unknown>;

function load(...parts: string[]): Yaml {
  const doc: unknown = parse(readText(...parts));
  expect(doc, parts.join("/")).toBeTypeOf("object");
  return doc as Yaml;
}

function obj(value: unknown): Yaml {
  return value !== null && typeof value === "object" ? (value as Yaml) : {};
}

interface Step {
  uses?: string;
  run?: string;
  with?: Yaml;
}

function steps(workflow: Yaml): Step[] {
  return Object.values(obj(workflow.jobs)).flatMap((job) => (obj(job).steps as Step[] | undefined) ?? []);
}

/** The command of an azd hook: `run` directly or under posix. */
function hookRun(hook: unknown): string {
  const h = obj(hook);
  const run = h.run ?? obj(h.posix).run;
  return typeof run === "string" ? run : "";
}

describe("azure.yaml", () => {
  const azd = load("azure.yaml");
  const api = obj(obj(azd.services).api);

  it("names the project bookme with Bicep in infra/", () => {
    expect(azd.name).toBe("bookme");
    expect(obj(azd.infra).path ?? "infra").toBe("infra");
  });

  it("deploys the repository root as the TypeScript Function App service 'api'", () => {
    expect(api.project).toBe(".");
    expect(api.language).toBe("ts");
    expect(api.host).toBe("function");
  });

  it("installs and builds before packaging", () => {
    const run = hookRun(obj(api.hooks).prepackage);
    expect(run).toContain("npm ci");
    expect(run).toContain("npm run build");
    expect(run.indexOf("npm ci")).toBeLessThan(run.indexOf("npm run build"));
  });

  it("uploads the bundled package (dev/package.ts) built after the build, without a remote build", () => {
    const run = hookRun(obj(api.hooks).prepackage);
    expect(run.indexOf("npm run build")).toBeLessThan(run.indexOf("node dist/dev/package.js"));
    expect(api.dist).toBe("dist/package");
    expect(api.remoteBuild).toBe(false);
  });
});

describe(".github/workflows/ci.yml", () => {
  const ci = load(".github", "workflows", "ci.yml");

  it("runs on pushes and pull requests", () => {
    const on = obj(ci.on);
    expect(on).toHaveProperty("push");
    expect(on).toHaveProperty("pull_request");
  });

  it("tests on ubuntu-latest with Node 22 and the npm cache", () => {
    const jobs = Object.values(obj(ci.jobs)).map(obj);
    expect(jobs.some((job) => job["runs-on"] === "ubuntu-latest")).toBe(true);
    const setupNode = steps(ci).find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(setupNode, "an actions/setup-node step").toBeDefined();
    expect(String(obj(setupNode?.with)["node-version"])).toBe("22");
    expect(obj(setupNode?.with).cache).toBe("npm");
  });

  it("installs with npm ci and runs npm test", () => {
    const runs = steps(ci).map((s) => s.run?.trim());
    expect(runs).toContain("npm ci");
    expect(runs).toContain("npm test");
    expect(runs.indexOf("npm ci")).toBeLessThan(runs.indexOf("npm test"));
  });
});

describe(".github/workflows/deploy.yml", () => {
  const text = readText(".github", "workflows", "deploy.yml");
  const deploy = load(".github", "workflows", "deploy.yml");
  const runs = steps(deploy).map((s) => (s.run ?? "").replace(/\s+/g, " ").trim());

  it("runs on manual dispatch and on pushes to main", () => {
    const on = obj(deploy.on);
    expect(on).toHaveProperty("workflow_dispatch");
    expect(obj(on.push).branches).toContain("main");
  });

  it("may request an OIDC token and only read the repository", () => {
    expect(deploy.permissions).toEqual({ "id-token": "write", contents: "read" });
  });

  it("installs azd and signs in with the GitHub federated credential", () => {
    expect(steps(deploy).some((s) => s.uses?.startsWith("Azure/setup-azd@"))).toBe(true);
    const login = runs.find((r) => r.startsWith("azd auth login"));
    expect(login, "an azd auth login step").toBeDefined();
    expect(login).toContain("--federated-credential-provider github");
    expect(login).toMatch(/--client-id "?\$AZURE_CLIENT_ID"?/);
    expect(login).toMatch(/--tenant-id "?\$AZURE_TENANT_ID"?/);
  });

  it("takes the Azure ids and the azd environment from repository variables, not secrets", () => {
    const env = Object.values(obj(deploy.jobs)).map((job) => obj(obj(job).env))[0] ?? {};
    for (const name of ["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID", "AZURE_ENV_NAME", "AZURE_LOCATION"]) {
      expect(String(env[name]), name).toContain(`vars.${name}`);
    }
    expect(text).not.toMatch(/secrets\./);
  });

  it("provisions, then deploys, without prompts", () => {
    const provision = runs.indexOf("azd provision --no-prompt");
    const deployStep = runs.indexOf("azd deploy --no-prompt");
    expect(provision).toBeGreaterThanOrEqual(0);
    expect(deployStep).toBeGreaterThan(provision);
  });
});
