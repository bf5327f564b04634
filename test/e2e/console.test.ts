/**
 * The back-office console end to end: Debian's Chromium (playwright-core) against the real local
 * stack with the dev issuer's sign-in (OpenID metadata and token endpoint over the dev CA's TLS,
 * the sign-in page over http://localhost). A demo branch manager signs in (authorization code with
 * PKCE through the console's back end), sees the branch's week, and the analytics table shows the
 * numbers the analytics API gives the same person. Screenshots land in test-results/booking-page/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { CHROMIUM, HAVE_CHROMIUM, openBrowser, screenshot, seriousViolations, type Browser } from "../support/browser.js";
import { startStack, stackRepositories, SUBSCRIPTION_KEY, type Stack } from "../support/stack.js";
import { customerTypes, demoClients, employees, rooms, topics } from "../../dev/seed/demo-directory.js";
import { CONSOLE_STAFF_CLIENT_ID, demoPeople } from "../../dev/dev-issuer-people.js";
import { DEMO_BACKOFFICE_CLIENT_ID } from "../../dev/dev-issuer.js";

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`);

const TEST_TIMEOUT = 120_000;
let stack: Stack;
let browser: Browser;
const manager = demoPeople.find((p) => p.kind === "branch-manager")!;
const branch = employees.find((e) => e.entraObjectId === manager.oid)!.locations[0];

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  stack = await startStack({ console: true });
  const repos = await stackRepositories(stack);
  try {
    for (const c of customerTypes) await repos.directory.put("customerType", c);
    for (const t of topics) await repos.directory.put("topic", t);
    for (const r of rooms) await repos.directory.put("room", r);
    for (const e of employees) await repos.directory.put("employee", e);
    await repos.directory.put("client", { id: DEMO_BACKOFFICE_CLIENT_ID, name: "BookMe demo back office", channel: "Backoffice" });
    for (const c of demoClients) await repos.directory.put("client", c);
  } finally {
    repos.dispose();
  }
  browser = await openBrowser({ width: 1280, height: 900 });
}, TEST_TIMEOUT);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stack?.stop();
});

const consoleUrl = () => `http://localhost:${stack.hosts[0].port}/console/`;

async function signIn(page: Page) {
  await page.goto(consoleUrl());
  await page.getByRole("link", { name: "Sign in (advisors and branch managers)" }).click();
  await page.getByRole("heading", { name: "Sign in to BookMe" }).waitFor();
  expect(new URL(page.url()).protocol).toBe("http:");
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "console-sign-in");
  await page.getByRole("button", { name: manager.name }).click();
  await page.getByRole("heading", { name: /^Week at / }).waitFor();
  await page.getByLabel("Branch").selectOption(branch);
  await page
    .getByRole("heading", { name: `Week at ${branch}` })
    .waitFor({ timeout: 20_000 })
    .catch(async (err: unknown) => {
      throw new Error(`not at the week: ${page.url()}: ${(await page.locator("body").innerText()).replace(/\s+/g, " ").slice(0, 800)}`, {
        cause: err,
      });
    });
}

describe.skipIf(!HAVE_CHROMIUM)("the console", () => {
  it(
    "a branch manager signs in (code + PKCE through the back end) and sees the branch's week",
    async () => {
      const page = browser.page;
      await signIn(page);
      const cookies = await browser.context.cookies();
      const session = cookies.find((c) => c.name === "bookme_console");
      expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/console" });
      expect(await page.evaluate("document.cookie")).toBe("");
      const advisors = employees.filter((e) => e.locations.includes(branch)).map((e) => e.name);
      for (const name of advisors) await page.getByRole("rowheader", { name, exact: true }).waitFor({ timeout: 20_000 });
      await expect(page.locator("#who").innerText()).resolves.toContain(manager.name);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-week");
    },
    TEST_TIMEOUT,
  );

  it(
    "the analytics table shows the numbers the analytics API gives the same person",
    async () => {
      const page = browser.page;
      await page.getByRole("button", { name: "Analytics" }).click();
      await page.locator("#utilisation-table tbody tr").first().waitFor();
      const caption = await page.locator("#utilisation-table caption").innerText();
      const [, from, to] = /(\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})/.exec(caption)!;
      const token = await stack.token({
        roles: manager.roles,
        scopes: ["BookMe.Read"],
        subject: manager.oid,
        clientId: CONSOLE_STAFF_CLIENT_ID,
      });
      const res = await fetch(`${stack.base}/analytics/utilisation?from=${from}&to=${to}&branch=${encodeURIComponent(branch)}`, {
        headers: { authorization: `Bearer ${token}`, "ocp-apim-subscription-key": SUBSCRIPTION_KEY },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        timeZone: string;
        advisors: { employeeId: string; totals: { workingMinutes: number; bookedMinutes: number } }[];
      };
      expect(body.timeZone).toBe("Europe/Copenhagen");
      expect(body.advisors.length).toBe(employees.filter((e) => e.locations.includes(branch)).length);
      for (const a of body.advisors) {
        const row = page.locator(`#utilisation-table tr[data-employee="${a.employeeId}"]`);
        await expect(row.locator('td[data-col="0"]').innerText()).resolves.toBe(String(a.totals.workingMinutes));
        await expect(row.locator('td[data-col="1"]').innerText()).resolves.toBe(String(a.totals.bookedMinutes));
      }
      expect(body.advisors.some((a) => a.totals.workingMinutes > 0)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-analytics");
    },
    TEST_TIMEOUT,
  );

  it(
    "without a session the console's API answers 401, and changes need the console's header",
    async () => {
      const anonymous = await fetch(`${consoleUrl()}api/meetings`);
      expect(anonymous.status).toBe(401);
      const forged = await fetch(`${consoleUrl()}auth/logout`, { method: "POST" });
      expect(forged.status).toBe(403);
    },
    TEST_TIMEOUT,
  );
});
