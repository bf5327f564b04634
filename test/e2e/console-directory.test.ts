/**
 * The console's directory views end to end (Debian's Chromium against the real local stack, as
 * console.test.ts): a branch manager (no BookMe.Admin) sees no directory tab; the back
 * office creates an employee with working hours (a split day), after an end-before-start range and
 * an unknown time zone were shown at their inputs and nothing was saved; the API then gives the
 * employee as entered; editing a seeded employee keeps the fields the form does not show; a room's
 * capacity is changed; a customer type and a topic for it are created (a missing name and a
 * duration off the quarter hour shown at their inputs first). Each view is axe-clean and fits 768 px. Screenshots in test-results/booking-page/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { CHROMIUM, HAVE_CHROMIUM, openBrowser, screenshot, seriousViolations, type Browser } from "../support/browser.js";
import { SUBSCRIPTION_KEY, type Stack } from "../support/stack.js";
import { signInAs, startConsoleStack } from "../support/console-stack.js";
import { employees, rooms } from "../../dev/seed/demo-directory.js";
import { CONSOLE_BACKOFFICE_CLIENT_ID, demoPeople } from "../../dev/dev-issuer-people.js";

if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`);

const TEST_TIMEOUT = 120_000;
let stack: Stack;
let browser: Browser;
const manager = demoPeople.find((p) => p.kind === "branch-manager")!;
const backOffice = demoPeople.find((p) => p.kind === "back-office")!;
const branch = employees.find((e) => e.entraObjectId === manager.oid)!.locations[0];
const NEW_NAME = "Directory Test Advisor";

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  stack = await startConsoleStack();
  browser = await openBrowser({ width: 1280, height: 900 });
}, TEST_TIMEOUT);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stack?.stop();
});

/** The API as the back office (BookMe.Admin), not through the console. */
async function apiGet(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await stack.token({
    roles: backOffice.roles,
    scopes: ["BookMe.Read", "BookMe.Admin"],
    subject: backOffice.oid,
    clientId: CONSOLE_BACKOFFICE_CLIENT_ID,
  });
  const res = await fetch(`${stack.base}/${path}`, {
    headers: { authorization: `Bearer ${token}`, "ocp-apim-subscription-key": SUBSCRIPTION_KEY },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const fits = (page: Page) => page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth");

describe.skipIf(!HAVE_CHROMIUM)("the console's directory", () => {
  it(
    "a branch manager (no BookMe.Admin) sees no directory tabs",
    async () => {
      const page = browser.page;
      await signInAs(page, stack, "Sign in (advisors and branch managers)", manager.name);
      await page.getByRole("button", { name: "Webhooks" }).waitFor();
      expect(
        await page
          .locator('#tabs :is([data-view="employees"], [data-view="rooms"], [data-view="topics"], [data-view="customer-types"])')
          .count(),
      ).toBe(0);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("link", { name: "Sign in (back office)" }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    "the back office creates an employee with working hours; bad hours and an unknown zone show at their inputs and save nothing",
    async () => {
      const page = browser.page;
      await signInAs(page, stack, "Sign in (back office)", backOffice.name);
      await page.getByRole("button", { name: "Employees", exact: true }).click();
      await page.locator("#employees-table tbody tr").first().waitFor();
      expect(await page.locator("#employees-table tbody tr").count()).toBe(employees.length);
      await page.getByRole("button", { name: "New employee" }).click();
      const form = page.locator("#employee-form");
      await form.waitFor();
      await page.getByLabel("Name", { exact: true }).fill(NEW_NAME);
      await page.getByLabel("Email (their Outlook mailbox)").fill("directory.test@example.com");
      await page.getByLabel("Title (optional)").fill("Advisor");
      await page.getByLabel(/^Time zone/).fill("Mars/Olympus_Mons");
      // Monday ends before it starts; Tuesday is split in two.
      await page.locator("#emp-hours-monday-0-start").fill("17:00");
      await page.locator("#emp-hours-monday-0-end").fill("09:00");
      await page.locator("#emp-hours-tuesday-1-start").fill("08:30");
      await page.locator("#emp-hours-tuesday-1-end").fill("12:00");
      await page.getByRole("button", { name: "Add Tuesday hours" }).click();
      await page.locator('[data-day="tuesday"] .range').nth(1).locator(".start").fill("13:00");
      await page.locator('[data-day="tuesday"] .range').nth(1).locator(".end").fill("16:00");
      await page.getByLabel("Locations (branches) (comma-separated)").fill(`${branch}, Online team`);
      await page.getByLabel("Telephone").uncheck();
      await page.getByRole("button", { name: "Create employee" }).click();

      const mondayEnd = page.locator("#emp-hours-monday-0-end");
      await expect.poll(() => mondayEnd.getAttribute("aria-invalid")).toBe("true");
      const endNote = page.locator(`#${(await mondayEnd.getAttribute("aria-describedby"))!}`);
      await expect(endNote.innerText()).resolves.toContain("end must be after start");
      const zone = page.locator("#emp-tz");
      expect(await zone.getAttribute("aria-invalid")).toBe("true");
      await expect(page.locator(`#${(await zone.getAttribute("aria-describedby"))!}`).innerText()).resolves.toContain("IANA");
      await expect(page.locator("#employee-form .error-summary").innerText()).resolves.toContain("workingHours.0.end");
      // The input stays; nothing was saved.
      expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe(NEW_NAME);
      expect(await mondayEnd.inputValue()).toBe("09:00");
      const listed = await apiGet("employees");
      expect((listed.body as unknown as { name: string }[]).some((e) => e.name === NEW_NAME)).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-employee-errors");

      await zone.fill("Europe/Copenhagen");
      await mondayEnd.fill("17:30");
      await page.getByRole("button", { name: "Create employee" }).click();
      const row = page.locator("#employees-table tbody tr", { hasText: NEW_NAME });
      await row.waitFor();
      await expect(row.innerText()).resolves.toContain(`${branch}, Online team`);
      await expect(row.innerText()).resolves.toContain("Europe/Copenhagen");
      const id = (await row.getAttribute("data-employee"))!;
      const { status, body } = await apiGet(`employees/${id}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        name: NEW_NAME,
        title: "Advisor",
        timeZone: "Europe/Copenhagen",
        locations: [branch, "Online team"],
        meetingTypes: ["Physical", "Online"],
        workingHours: [
          { day: "monday", start: "17:00", end: "17:30" },
          { day: "tuesday", start: "08:30", end: "12:00" },
          { day: "tuesday", start: "13:00", end: "16:00" },
        ],
      });
      const admin = await apiGet(`config/employees/${id}`);
      expect(admin.body).toMatchObject({ email: "directory.test@example.com", calendarSync: false });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-employees");
    },
    TEST_TIMEOUT,
  );

  it(
    "editing a seeded employee changes what the form shows and keeps the rest",
    async () => {
      const page = browser.page;
      const seeded = employees.find((e) => e.entraObjectId === manager.oid)!;
      const before = (await apiGet(`config/employees/${seeded.id}`)).body;
      await page.getByRole("button", { name: `Edit ${seeded.name}` }).click();
      await page.getByRole("heading", { name: `Edit ${seeded.name}` }).waitFor();
      expect(await page.getByLabel("Email (their Outlook mailbox)").inputValue()).toBe(seeded.email);
      await page.getByLabel("Title (optional)").fill("Head of branch");
      await page.getByLabel("Calendar sync (Outlook busy times shape availability)").check();
      await page.getByRole("button", { name: "Save employee" }).click();
      await page.locator("#employee-form").waitFor({ state: "detached" });
      const after = (await apiGet(`config/employees/${seeded.id}`)).body;
      expect(after).toEqual({ ...before, title: "Head of branch", calendarSync: true });
    },
    TEST_TIMEOUT,
  );

  it(
    "the back office changes a room's capacity; a capacity of 0 shows at its input and saves nothing",
    async () => {
      const page = browser.page;
      const room = rooms.find((r) => r.location === branch)!;
      const before = (await apiGet(`config/rooms/${room.id}`)).body;
      expect(before.openingHours).toBeDefined();
      await page.getByRole("button", { name: "Rooms", exact: true }).click();
      await page.locator("#rooms-table tbody tr").first().waitFor();
      await page.getByRole("button", { name: `Edit ${room.name}` }).click();
      const capacity = page.getByLabel("Capacity (people)");
      expect(await capacity.inputValue()).toBe(String(room.capacity));
      await capacity.fill("0");
      await page.getByRole("button", { name: "Save room" }).click();
      await expect.poll(() => capacity.getAttribute("aria-invalid")).toBe("true");
      expect((await apiGet(`rooms/${room.id}`)).body.capacity).toBe(room.capacity);
      await capacity.fill(String(room.capacity + 2));
      await page.getByRole("button", { name: "Save room" }).click();
      const row = page.locator(`#rooms-table tr[data-room="${room.id}"]`);
      await expect.poll(() => row.locator("td").nth(1).innerText()).toBe(String(room.capacity + 2));
      const { body } = await apiGet(`rooms/${room.id}`);
      expect(body).toMatchObject({ name: room.name, capacity: room.capacity + 2, location: room.location, features: room.features });
      // What the form does not show (opening hours, mailbox, calendar sync) is kept.
      expect((await apiGet(`config/rooms/${room.id}`)).body).toEqual({ ...before, capacity: room.capacity + 2 });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-rooms");
    },
    TEST_TIMEOUT,
  );

  it(
    "the back office creates a customer type and a topic for it; a missing name and an odd duration show at their inputs",
    async () => {
      const page = browser.page;
      await page.getByRole("button", { name: "Customer types", exact: true }).click();
      await page.getByRole("button", { name: "New customer type" }).click();
      await page.getByLabel("Description (optional)").fill("Farms and estates");
      await page.getByRole("button", { name: "Create customer type" }).click();
      const name = page.getByLabel("Name", { exact: true });
      await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("Description (optional)").inputValue()).toBe("Farms and estates");
      await name.fill("Agriculture");
      await page.getByRole("button", { name: "Create customer type" }).click();
      const typeRow = page.locator("#customer-types-table tbody tr", { hasText: "Agriculture" });
      await typeRow.waitFor();
      const typeId = (await typeRow.getAttribute("data-customer-type"))!;
      expect((await apiGet(`config/customer-types/${typeId}`)).body).toMatchObject({
        name: "Agriculture",
        description: "Farms and estates",
      });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-customer-types");

      await page.getByRole("button", { name: "Topics", exact: true }).click();
      await page.getByRole("button", { name: "New topic" }).click();
      await page.getByLabel("Name", { exact: true }).fill("Farm succession");
      await page.getByLabel("Agriculture").check();
      const duration = page.getByLabel("Duration in minutes (optional, a multiple of 15)");
      await duration.fill("50");
      await page.getByRole("button", { name: "Create topic" }).click();
      await expect.poll(() => duration.getAttribute("aria-invalid")).toBe("true");
      await duration.fill("60");
      await page.getByRole("button", { name: "Create topic" }).click();
      const topicRow = page.locator("#topics-table tbody tr", { hasText: "Farm succession" });
      await topicRow.waitFor();
      const topicId = (await topicRow.getAttribute("data-topic"))!;
      const all = (await apiGet("meeting-topics?isCustomer=false")).body as unknown as { id: string }[];
      expect(all.find((t) => t.id === topicId)).toMatchObject({
        name: "Farm succession",
        customerTypeIds: [typeId],
        isCustomerVisible: true,
        durationMinutes: 60,
      });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-topics");
    },
    TEST_TIMEOUT,
  );

  it(
    "at tablet width (768 px) the employee form and the rooms fit the screen",
    async () => {
      const page = browser.page;
      await page.setViewportSize({ width: 768, height: 1024 });
      try {
        await page.getByRole("button", { name: "Employees", exact: true }).click();
        await page.getByRole("button", { name: "New employee" }).click();
        await page.locator("#employee-form").waitFor();
        expect(await fits(page)).toBe(true);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, "console-employee-form-768");
        await page.getByRole("button", { name: "Rooms", exact: true }).click();
        await page.locator("#rooms-table tbody tr").first().waitFor();
        expect(await fits(page)).toBe(true);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    },
    TEST_TIMEOUT,
  );
});
