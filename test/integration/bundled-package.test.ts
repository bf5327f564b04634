/**
 * The deployment package (dev/package.ts, `npm run package`: the functions bundled with esbuild, no
 * node_modules) runs on the local host: it registers every function the compiled app does, answers
 * health, an availability query against the database, and serves the files it carries (Swagger UI's
 * assets, the booking page).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildPackage, type PackageResult } from "../../dev/package.js";
import { appFiles } from "../../dev/host/host.js";
import { REPO_ROOT } from "../../dev/data-dir.js";
import { ALL_DAYS, Api, createEmployee, hours, isoAt, nextWeekday, qs } from "../support/fixtures.js";
import { startStack, type HostProcess, type Stack } from "../support/stack.js";

let stack: Stack;
let host: HostProcess;
let pkg: PackageResult;
let api: Api;
const out = fs.mkdtempSync(path.join(os.tmpdir(), "bookme-package-"));

beforeAll(async () => {
  pkg = await buildPackage(REPO_ROOT, out);
  stack = await startStack({ hosts: 0 });
  host = await stack.startHost({ HOST_APP_ROOT: pkg.dir });
  api = new Api({ ...stack, hosts: [host] }, host.base);
});
afterAll(async () => {
  await stack?.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

describe("the bundled deployment package on the local host", () => {
  it("is one bundle (and chunks) without node_modules of code, named by its package.json", () => {
    const main = JSON.parse(fs.readFileSync(path.join(pkg.dir, "package.json"), "utf8")).main as string;
    expect(appFiles(pkg.dir)).toEqual([path.join(pkg.dir, main)]);
    expect(fs.readdirSync(path.join(pkg.dir, "node_modules"))).toEqual(["swagger-ui-dist"]);
    expect(pkg.functionFiles).toBe(appFiles(REPO_ROOT).length);
  });

  it("registers the functions, timers and queue triggers (the host lists them once its timers and queues run)", async () => {
    const listed = () => Number(/Functions \((\d+)\)/.exec(host.output.join("\n"))?.[1]);
    await vi.waitFor(() => expect(listed()).toBeGreaterThan(100), { timeout: 30_000, interval: 200 });
    expect(host.output.join("\n")).toMatch(/time-slots-available/);
  });

  it("answers health", async () => {
    const res = await fetch(`${host.base}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("server-timing")).toMatch(/^cosmos;dur=/);
  });

  it("answers an availability query from the database: an advisor's free hours", async () => {
    const advisor = await createEmployee(api, { workingHours: hours(ALL_DAYS, "09:00", "12:00"), meetingTypes: ["Online"] });
    const day = nextWeekday(3);
    const res = await api.get(
      `/time-slots/available${qs({
        explicitEmployeeIds: [advisor.id],
        employeeTypes: "Explicit",
        requireEmployeeParticipation: false,
        startDate: isoAt(day, "00:00"),
        lookForwardTime: "1.00:00:00",
      })}`,
    );
    expect(res.status).toBe(200);
    const starts = (res.body as { startDate: string }[]).map((s) => s.startDate);
    expect(starts).toContain(new Date(isoAt(day, "09:00")).toISOString());
  });

  it("serves the files it carries: Swagger UI's stylesheet and the booking page", async () => {
    const css = await fetch(`${host.base}/docs/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toMatch(/swagger-ui/);
    const page = await fetch(`${host.url}/api/book/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  });
});
