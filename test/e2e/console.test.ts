/**
 * The back-office console end to end: Debian's Chromium (playwright-core) against the real local
 * stack with the dev issuer's sign-in (OpenID metadata and token endpoint over the dev CA's TLS,
 * the sign-in page over http://localhost). A demo branch manager signs in (authorization code with
 * PKCE through the console's back end), sees the branch's week, and the analytics table shows the
 * numbers the analytics API gives the same person. The page opens on the person's own branch
 * (/console/auth/me). The back office adds a closure for a day of the shown week through the
 * Closures view: the week shows the day closed and the availability API offers none of the branch's
 * advisors on it. The access token lives 130 s here: the back end renews it with the refresh token
 * (msal-node, the dev issuer's refresh_token grant) and the session goes on. The back office moves a
 * meeting (a field error, then a concurrent change shown, then the move), confirms and declines
 * bookings awaiting the host, and reads their history; the analytics per week and month show the
 * API's numbers in a chart, a table and a CSV; each view is checked at 1280 and 768 px.
 * Screenshots land in test-results/booking-page/.
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { CHROMIUM, HAVE_CHROMIUM, openBrowser, screenshot, seriousViolations, type Browser } from "../support/browser.js";
import { SUBSCRIPTION_KEY, type Stack } from "../support/stack.js";
import { consoleUrl as consoleUrlOf, startConsoleStack } from "../support/console-stack.js";
import { Api, bookMeeting, isoAt } from "../support/fixtures.js";
import { employees } from "../../dev/seed/demo-directory.js";
import { CONSOLE_BACKOFFICE_CLIENT_ID, CONSOLE_STAFF_CLIENT_ID, demoPeople } from "../../dev/dev-issuer-people.js";

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`);

const TEST_TIMEOUT = 120_000;
const TOKEN_SECONDS = 130;
/** shared/api/console/console-http.ts RENEW_BEFORE_SECONDS: an access this close to expiry is renewed. */
const RENEW_BEFORE_SECONDS = 120;
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
  // Short access tokens: every test here also runs across renewals through the refresh token.
  stack = await startConsoleStack({ consoleTokenSeconds: TOKEN_SECONDS });
  browser = await openBrowser({ width: 1280, height: 900 });
}, TEST_TIMEOUT);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stack?.stop();
});

const consoleUrl = () => consoleUrlOf(stack);

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
      // The sign-in (msal-node's cache with the refresh token) in its own cookie, as strict.
      const signInCookie = cookies.find((c) => c.name === "bookme_console_rt");
      expect(signInCookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/console" });
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
    "the session outlives the access token: the back end renews it with the refresh token",
    async () => {
      const page = browser.page;
      const me = async () =>
        (await page.evaluate(async () => {
          const res = await fetch("/console/auth/me");
          return { status: res.status, body: res.ok ? ((await res.json()) as Record<string, string>) : undefined };
        })) as { status: number; body?: Record<string, string> };
      const before = await me();
      expect(before.status).toBe(200);
      const expiresAt = Date.parse(before.body!.expiresAt);
      expect(expiresAt - Date.now()).toBeLessThanOrEqual(TOKEN_SECONDS * 1000);
      // Past the renewal point of this access token (at most TOKEN_SECONDS - RENEW_BEFORE_SECONDS away).
      await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - RENEW_BEFORE_SECONDS * 1000 - Date.now() + 1500)));
      const after = await me();
      expect(after.status).toBe(200);
      expect(Date.parse(after.body!.expiresAt)).toBeGreaterThan(expiresAt);
      expect(after.body!.sessionEndsAt).toBe(before.body!.sessionEndsAt);
      const api = await page.evaluate(async () => (await fetch("/console/api/employees")).status);
      expect(api).toBe(200);
    },
    TEST_TIMEOUT,
  );

  it(
    "the back office moves a meeting (field error, concurrent change shown, then moved), confirms and declines bookings awaiting the host, and reads the history",
    async () => {
      const page = browser.page;
      const api = new Api(stack);
      const advisor = branchAdvisors[0];
      await page.getByRole("button", { name: "Week", exact: true }).click();
      await page.getByLabel("Branch").selectOption(branch);
      await page.getByRole("heading", { name: `Week at ${branch}` }).waitFor();
      const week = /Week of (\d{4}-\d{2}-\d{2})/.exec(await page.locator(".toolbar span").innerText())![1];
      // Tuesday to Thursday of the shown week (next week: wholly in the future), 13:00 in every demo advisor's hours.
      const day = (offset: number) => DateTime.fromISO(week, { zone: CPH }).plus({ days: offset });
      const moved = await bookMeeting(api, advisor.id, isoAt(day(1), "13:00"), isoAt(day(1), "14:00"), { title: "Move me" });
      const typeId = randomUUID();
      const type = await api.put(`/config/meeting-types/${typeId}`, {
        name: "Host confirms",
        durations: { defaultMinutes: 60, allowedMinutes: [60] },
        pool: { employeeIds: [advisor.id] },
        confirmation: { mode: "host", expiryMinutes: 2880 },
      });
      expect(type.status, type.text).toBe(201);
      const pending = async (offset: number, title: string) => {
        const res = await api.post("/meetings", {
          bookedBy: "Customer",
          salesforceId: "sf",
          customerId: "c1",
          meetingTypeId: typeId,
          title,
          startDate: isoAt(day(offset), "13:00"),
          endDate: isoAt(day(offset), "14:00"),
        });
        expect(res.status, res.text).toBe(201);
        expect(res.body.status).toBe("Pending");
        return res.body.id as string;
      };
      const toConfirm = await pending(2, "Confirm me");
      const toDecline = await pending(3, "Decline me");
      await page.getByRole("button", { name: "Previous week" }).click();
      await page.getByRole("button", { name: "Next week" }).click();
      await page.locator(`button[data-meeting="${moved.id}"]`).click();
      await page.getByRole("heading", { name: "Move me" }).waitFor();
      await page.locator("#history-table tbody tr").first().waitFor();
      await expect(page.locator("#history-table").innerText()).resolves.toContain("meeting.created");

      // Someone moves it meanwhile (13:30); the console still holds the version it opened.
      const elsewhere = await api.post(`/meetings/${moved.id}/reschedule`, {
        startDate: isoAt(day(1), "13:30"),
        endDate: isoAt(day(1), "14:30"),
      });
      expect(elsewhere.status, elsewhere.text).toBe(200);
      // A field error first: the end before the start, shown at the end time; the input stays.
      await page.getByLabel("Start time").fill("14:30");
      await page.getByLabel("End time").fill("14:00");
      await page.getByRole("button", { name: "Move meeting" }).click();
      const fieldError = page.locator("#move-form .field-error");
      await fieldError.first().waitFor();
      await expect(fieldError.first().innerText()).resolves.toContain("endDate");
      expect(await page.getByLabel("Start time").inputValue()).toBe("14:30");
      // Then the concurrent change: 412, shown with what changed; the input is kept.
      await page.getByLabel("End time").fill("15:30");
      await page.getByRole("button", { name: "Move meeting" }).click();
      const changed = page.locator("#move-changed");
      await changed.locator("li").first().waitFor();
      await expect(changed.innerText()).resolves.toMatch(/Start: \S+ 13:00 → \S+ 13:30/);
      expect(await page.getByLabel("Start time").inputValue()).toBe("14:30");
      expect(await page.getByLabel("End time").inputValue()).toBe("15:30");
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-meeting-concurrent-change");
      // Saved again, against the meeting as it now is.
      await page.getByRole("button", { name: "Move meeting" }).click();
      await page.locator('[data-field="start"]', { hasText: "14:30" }).waitFor();
      const after = await api.get(`/meetings/${moved.id}`);
      expect(after.body).toMatchObject({ startDate: isoAt(day(1), "14:30"), endDate: isoAt(day(1), "15:30"), status: "Booked" });
      await page.locator(`button[data-meeting="${moved.id}"]`, { hasText: "14:30" }).waitFor();
      await expect(page.locator("#history-table tbody tr").count()).resolves.toBeGreaterThanOrEqual(3);
      await screenshot(page, "console-meeting-moved");

      // Awaiting the host: confirmed.
      await page.locator(`button[data-meeting="${toConfirm}"]`).click();
      await page.getByRole("heading", { name: "Confirm me" }).waitFor();
      await expect(page.locator('[data-field="status"]').innerText()).resolves.toContain("awaiting the host");
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-meeting-awaiting-host");
      await page.getByRole("button", { name: "Confirm meeting" }).click();
      await page.locator('[data-field="status"]', { hasText: /^Booked$/ }).waitFor();
      expect((await api.get(`/meetings/${toConfirm}`)).body.status).toBe("Booked");

      // And declined with a reason.
      await page.locator(`button[data-meeting="${toDecline}"]`).click();
      await page.getByRole("heading", { name: "Decline me" }).waitFor();
      await page.getByLabel("Reason for declining (optional)").fill("No advisor free");
      await page.getByRole("button", { name: "Decline meeting" }).click();
      await page.locator('[data-field="status"]', { hasText: /^Cancelled$/ }).waitFor();
      expect((await api.get(`/meetings/${toDecline}`)).body).toMatchObject({ status: "Cancelled", cancellationReason: "No advisor free" });
      await page.locator(`button[data-meeting="${toDecline}"]`).waitFor({ state: "detached" });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-meeting-declined");
    },
    TEST_TIMEOUT,
  );

  it(
    "analytics per week and per month: the charts' tables and CSVs hold the analytics API's numbers",
    async () => {
      const page = browser.page;
      await page.getByRole("button", { name: "Analytics" }).click();
      await page.locator("#meetings-table tbody tr").first().waitFor();
      const range = /Per week, (\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2}), counted in (\S+)\./.exec(
        await page.locator("#periodic > p").first().innerText(),
      )!;
      expect(range[3]).toBe(CPH);
      const token = await stack.token({
        roles: backOffice.roles,
        scopes: ["BookMe.Read"],
        subject: backOffice.oid,
        clientId: CONSOLE_BACKOFFICE_CLIENT_ID,
      });
      const analytics = async (period: string, from: string, to: string) => {
        const res = await fetch(`${stack.base}/analytics/meetings?${new URLSearchParams({ from, to, branch, period })}`, {
          headers: { authorization: `Bearer ${token}`, "ocp-apim-subscription-key": SUBSCRIPTION_KEY },
        });
        expect(res.status, await res.clone().text()).toBe(200);
        return (await res.json()) as { bucketTotals: { bucket: string; meetings: number; cancellations: number; noShows: number }[] };
      };
      const tableRows = async (id: string) =>
        page
          .locator(`#${id}-table tbody tr`)
          .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())));
      const weekly = await analytics("week", range[1], range[2]);
      const expected = weekly.bucketTotals.map((b) => [b.bucket, String(b.meetings), String(b.cancellations), String(b.noShows)]);
      expect(await tableRows("meetings")).toEqual(expected);
      // The meetings of the test before: in the last week, two held (moved, confirmed) and one declined.
      expect(expected[expected.length - 1].slice(1, 3)).toEqual(["2", "1"]);
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#meetings-csv").click()]);
      const csv = fs
        .readFileSync(await download.path(), "utf8")
        .trim()
        .split("\n");
      expect(csv[0]).toBe("week,Meetings,Cancellations,No-shows");
      expect(csv.slice(1)).toEqual(expected.map((r) => r.join(",")));
      await page.locator("#assignments-table tbody tr").first().waitFor();
      await expect(page.locator("#assignments-table").innerText()).resolves.toContain("Host confirms");
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-analytics-weeks");

      await page.getByLabel("Period", { exact: true }).selectOption("month");
      await page.locator("#periodic > p", { hasText: "Per month" }).waitFor();
      const monthRange = /Per month, (\d{4}-\d{2}-\d{2}) – (\d{4}-\d{2}-\d{2})/.exec(
        await page.locator("#periodic > p").first().innerText(),
      )!;
      const monthly = await analytics("month", monthRange[1], monthRange[2]);
      expect(await tableRows("meetings")).toEqual(
        monthly.bucketTotals.map((b) => [b.bucket, String(b.meetings), String(b.cancellations), String(b.noShows)]),
      );
      expect(monthly.bucketTotals.map((b) => b.bucket).every((k) => /^\d{4}-\d{2}$/.test(k))).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-analytics-months");
    },
    TEST_TIMEOUT,
  );

  it(
    "at tablet width (768 px) the week, a meeting's detail and the analytics fit the screen",
    async () => {
      const page = browser.page;
      await page.setViewportSize({ width: 768, height: 1024 });
      try {
        const fits = () => page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth");
        await page.getByRole("button", { name: "Week", exact: true }).click();
        await page.getByRole("heading", { name: `Week at ${branch}` }).waitFor();
        const meeting = page.locator("button[data-meeting]").first();
        await meeting.waitFor();
        expect(await fits()).toBe(true);
        await screenshot(page, "console-week-768");
        await meeting.click();
        await page.locator("#meeting-detail h2").waitFor();
        await page.locator("#meeting-history h3").waitFor();
        expect(await fits()).toBe(true);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, "console-meeting-768");
        await page.getByRole("button", { name: "Analytics" }).click();
        await page.locator("#meetings-table tbody tr").first().waitFor();
        expect(await fits()).toBe(true);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, "console-analytics-768");
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    },
    TEST_TIMEOUT,
  );

  it(
    "the back office exports a person's data and erases it from the Privacy requests view (errors at their fields first)",
    async () => {
      const page = browser.page;
      await page.getByRole("button", { name: "Privacy requests" }).click();
      await page.getByRole("heading", { name: "Privacy requests" }).waitFor();
      // Two identifiers: the API's rule (exactly one) shows at the field, and the input stays.
      await page.locator("#export-customerId").fill("customer-1");
      await page.locator("#export-email").fill("someone@example.com");
      await page.getByRole("button", { name: "Start export" }).click();
      const exportError = page.locator("#export-form .field-error").first();
      await exportError.waitFor();
      await expect(exportError.innerText()).resolves.toContain("exactly one");
      expect(await page.locator("#export-customerId").inputValue()).toBe("customer-1");
      await page.locator("#export-email").fill("");
      await page.getByRole("button", { name: "Start export" }).click();
      const row = page.locator("#privacy-table tbody tr").first();
      await row.waitFor();
      const id = (await row.getAttribute("data-operation"))!;
      await fetch(`${stack.hosts[0].url}/admin/functions/privacy-jobs`, { method: "POST" });
      await page.locator(`#privacy-table tr[data-operation="${id}"][data-status="Succeeded"]`).waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator(`#privacy-table tr[data-operation="${id}"] a`, { hasText: "Download export" }).click(),
      ]);
      const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as { meetings?: unknown[] };
      expect(exported.meetings?.length).toBe(1);

      // An erasure needs a reason and the explicit confirmation.
      await page.locator("#erasure-customerId").fill("customer-1");
      await page.getByRole("button", { name: "Start erasure" }).click();
      await page.locator("#erasure-form .field-error").first().waitFor();
      await expect(page.locator("#erasure-form").innerText()).resolves.toContain("cannot be undone");
      await page.getByLabel("Reason (case reference, no personal data)").fill("Case 42");
      await page.getByLabel("I understand this cannot be undone").check();
      await page.getByRole("button", { name: "Start erasure" }).click();
      await page.locator("#privacy-table tbody tr", { hasText: "erasure" }).waitFor();
      expect(await page.locator("#erasure-customerId").inputValue()).toBe("");
      await fetch(`${stack.hosts[0].url}/admin/functions/privacy-jobs`, { method: "POST" });
      await page.locator('#privacy-table tr[data-status="Succeeded"]', { hasText: "erasure" }).waitFor({ timeout: 60_000 });
      // The erasure removed the person's export too: it stays listed, as gone.
      await page.locator(`#privacy-table tr[data-operation="${id}"]`, { hasText: "gone" }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-privacy");
    },
    TEST_TIMEOUT,
  );

  it(
    "signing out ends the session though the last access token has not expired",
    async () => {
      const page = browser.page;
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("link", { name: "Sign in (back office)" }).waitFor();
      const cookies = await browser.context.cookies();
      expect(cookies.find((c) => c.name === "bookme_console_rt")).toBeUndefined();
      expect(await page.evaluate(async () => (await fetch("/console/auth/me")).status)).toBe(401);
      expect(await page.evaluate(async () => (await fetch("/console/api/employees")).status)).toBe(401);
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
