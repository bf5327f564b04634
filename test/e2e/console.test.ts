/**
 * The back-office console end to end: Debian's Chromium (playwright-core) against the real local
 * stack with the dev issuer's sign-in (OpenID metadata and token endpoint over the dev CA's TLS,
 * the sign-in page over http://localhost). A demo branch manager signs in (authorization code with
 * PKCE through the console's back end), sees the branch's week, and the analytics table shows the
 * numbers the analytics API gives the same person. The page opens on the person's own branch
 * (/console/auth/me). The back office adds a closure for a day of the shown week through the
 * Closures view: the week shows the day closed and the availability API offers none of the branch's
 * advisors on it. Screenshots land in test-results/booking-page/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { CHROMIUM, HAVE_CHROMIUM, openBrowser, screenshot, seriousViolations, type Browser } from "../support/browser.js";
import { startStack, stackRepositories, SUBSCRIPTION_KEY, type Stack } from "../support/stack.js";
import { customerTypes, demoClients, employees, rooms, topics } from "../../dev/seed/demo-directory.js";
import { CONSOLE_BACKOFFICE_CLIENT_ID, CONSOLE_STAFF_CLIENT_ID, demoPeople } from "../../dev/dev-issuer-people.js";
import { DEMO_BACKOFFICE_CLIENT_ID } from "../../dev/dev-issuer.js";

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`);

const TEST_TIMEOUT = 120_000;
let stack: Stack;
let browser: Browser;
const manager = demoPeople.find((p) => p.kind === "branch-manager")!;
const backOffice = demoPeople.find((p) => p.kind === "back-office")!;
const managerEmployee = employees.find((e) => e.entraObjectId === manager.oid)!;
const branch = managerEmployee.locations[0];
// The last branch in the list, so the manager's opening on their own (the first) is not the default.
const otherBranch = employees.map((e) => e.locations[0]).findLast((b) => b !== branch)!;
const branchAdvisors = employees.filter((e) => e.locations.includes(branch));
const CPH = "Europe/Copenhagen";

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
  // No choice made: the page opens on the manager's own branch (/console/auth/me).
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
      const me = (await page.evaluate(async () => (await fetch("/console/auth/me")).json())) as Record<string, unknown>;
      expect(me).toMatchObject({ oid: manager.oid, employeeId: managerEmployee.id, branch });
      expect(me).not.toHaveProperty("accessToken");
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
    "the back office adds a closure for a day of the shown week: the week shows it closed and availability offers none of the branch's advisors",
    async () => {
      const page = browser.page;
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("link", { name: "Sign in (back office)" }).click();
      await page.getByRole("heading", { name: "Sign in to BookMe" }).waitFor();
      await page.getByRole("button", { name: backOffice.name }).click();
      await page.getByRole("heading", { name: /^Week at / }).waitFor({ timeout: 20_000 });
      const me = (await page.evaluate(async () => (await fetch("/console/auth/me")).json())) as Record<string, unknown>;
      expect(me).toMatchObject({ oid: backOffice.oid, employeeId: null, branch: null, audience: "backoffice" });
      await page.getByLabel("Branch").selectOption(branch);
      await page.getByRole("heading", { name: `Week at ${branch}` }).waitFor();
      // Next week: wholly in the future whatever day the test runs.
      await page.getByRole("button", { name: "Next week" }).click();
      const week = /Week of (\d{4}-\d{2}-\d{2})/.exec(await page.locator(".toolbar span").innerText())![1];

      const token = await stack.token({
        roles: backOffice.roles,
        scopes: ["BookMe.Read"],
        subject: backOffice.oid,
        clientId: CONSOLE_BACKOFFICE_CLIENT_ID,
      });
      const offeredDays = async () => {
        const q = new URLSearchParams({
          explicitEmployeeIds: branchAdvisors.map((e) => e.id).join(","),
          employeeTypes: "Explicit",
          requireEmployeeParticipation: "false",
          startDate: `${week}T00:00:00Z`,
          lookForwardTime: "7.00:00:00",
          meetingDuration: "60",
        });
        const res = await fetch(`${stack.base}/time-slots/available?${q}`, {
          headers: { authorization: `Bearer ${token}`, "ocp-apim-subscription-key": SUBSCRIPTION_KEY },
        });
        expect(res.status, await res.clone().text()).toBe(200);
        const slots = (await res.json()) as { employeeId: string; startDate: string }[];
        return slots.map((s) => `${s.employeeId} ${new Date(s.startDate).toLocaleDateString("en-CA", { timeZone: CPH })}`);
      };
      const before = await offeredDays();
      // The weekdays every advisor of the branch is offered on (a bank holiday may fall in the week):
      // the first is closed, the second must stay offered.
      const open = Array.from({ length: 5 }, (_, i) =>
        new Date(Date.parse(`${week}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
      ).filter((d) => branchAdvisors.every((e) => before.includes(`${e.id} ${d}`)));
      expect(open.length, before.join("\n")).toBeGreaterThanOrEqual(2);
      const [closedDay, stillOpen] = open;
      await page.locator(`th[data-date="${closedDay}"]`).waitFor();
      expect(await page.locator(`th[data-date="${closedDay}"]`).getAttribute("data-closed")).toBeNull();

      await page.getByRole("button", { name: "Closures", exact: true }).click();
      await page.getByRole("heading", { name: `Closures at ${branch}` }).waitFor();
      // An error first: the reason is missing; the API's problem shows at the field and the input stays.
      await page.getByLabel("First day").fill(closedDay);
      await page.getByRole("button", { name: "Add closure" }).click();
      await page.locator("#closure-form .field-error").first().waitFor();
      expect(await page.locator("#closure-form .field-error").first().innerText()).toContain("reason");
      expect(await page.getByLabel("First day").inputValue()).toBe(closedDay);
      await page.getByLabel("Reason", { exact: true }).fill("Staff training");
      await page.getByRole("button", { name: "Add closure" }).click();
      const row = page.locator("#closures-table tbody tr", { hasText: "Staff training" });
      await row.waitFor();
      await expect(row.innerText()).resolves.toContain(closedDay);
      await expect(row.innerText()).resolves.toContain(branch);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-closures");

      await page.getByRole("button", { name: "Week", exact: true }).click();
      await page.getByRole("heading", { name: `Week at ${branch}` }).waitFor();
      const closedHead = page.locator(`th[data-date="${closedDay}"]`);
      await closedHead.waitFor();
      expect(await closedHead.getAttribute("data-closed")).toBe("true");
      await expect(closedHead.innerText()).resolves.toContain("Closed: Staff training");
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-week-closed");

      const after = await offeredDays();
      for (const e of branchAdvisors) {
        expect(after).not.toContain(`${e.id} ${closedDay}`);
        expect(after).toContain(`${e.id} ${stillOpen}`);
      }
      // Another branch is not closed by it.
      await page.getByLabel("Branch").selectOption(otherBranch);
      await page.getByRole("heading", { name: `Week at ${otherBranch}` }).waitFor();
      await page.locator(`th[data-date="${closedDay}"]`).waitFor();
      expect(await page.locator(`th[data-date="${closedDay}"]`).getAttribute("data-closed")).toBeNull();

      // Deleting it from the Closures view reopens the day.
      await page.getByLabel("Branch").selectOption(branch);
      await page.getByRole("button", { name: "Closures", exact: true }).click();
      await page.getByRole("button", { name: /^Delete closure .*Staff training/ }).click();
      await page.getByText(`No closures at ${branch}.`).waitFor();
      const reopened = await offeredDays();
      for (const e of branchAdvisors) expect(reopened).toContain(`${e.id} ${closedDay}`);
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
