/**
 * The booking page on the demo directory (dev/seed/demo-directory.ts, as `npm start` loads it):
 * it offers only what can be booked, opens on the first free week and says so, online is not bound
 * to a branch, a choice with nothing free says why and offers alternatives, and the page's hold is
 * its own. Debian's Chromium at 390 px wide, axe-core clean. Screenshots in test-results/booking-page/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { Api, fieldsOf } from "../support/fixtures.js";
import { CHROMIUM, HAVE_CHROMIUM, openBrowser, screenshot, scrollWidth, seriousViolations, type Browser } from "../support/browser.js";
import { startStack, stackRepositories, type Stack } from "../support/stack.js";
import { recordBody } from "../support/logs/personal-values.js";
import { customerTypes, demoId, employees, rooms, topics } from "../../dev/seed/demo-directory.js";
import type { Employee } from "../../shared/directory/directory.js";

if (!HAVE_CHROMIUM && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: CI must install it (.ci/run does: apt-get install -y chromium)`);

const TEST_TIMEOUT = 120_000;
const DAY_MS = 86_400_000;
const WIDTH = 390;
let stack: Stack;
let api: Api;
const browsers: Browser[] = [];

/**
 * Besides the demo: "Succession planning" for private customers, given at a branch only by an
 * Odense advisor who is away for the whole horizon, and by an Aarhus advisor at the branch or online.
 */
const SUCCESSION = { id: demoId("test:topic:succession"), name: "Succession planning" };
const awayAdvisor = demoId("test:employee:away");
const aarhusAdvisor = demoId("test:employee:aarhus");
const business = (e: Employee) => e.customerTypeIds.includes(demoId("ct:business"));

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  stack = await startStack();
  api = new Api(stack);
  const repos = await stackRepositories(stack);
  const { directory } = repos;
  for (const c of customerTypes) await directory.put("customerType", c);
  for (const t of topics) await directory.put("topic", t);
  for (const r of rooms) await directory.put("room", r);
  // Outlook sync is the dev Graph's business (npm start seeds it); here every calendar is BookMe's own.
  for (const e of employees) await directory.put("employee", { ...e, calendarSync: false });
  await directory.put("topic", { ...SUCCESSION, customerTypeIds: [demoId("ct:private")], isCustomerVisible: true, durationMinutes: 60 });
  const base = employees[0];
  const now = Date.now();
  await directory.put("employee", {
    ...base,
    id: awayAdvisor,
    name: "Ulla Fraværende",
    email: "ulla@bank.example",
    entraObjectId: undefined,
    calendarSync: false,
    meetingTypes: ["Physical"],
    locations: ["Odense"],
    topicIds: [SUCCESSION.id],
    customerTypeIds: [demoId("ct:private")],
    absences: [{ start: new Date(now - DAY_MS).toISOString(), end: new Date(now + 200 * DAY_MS).toISOString(), reason: "Leave" }],
  });
  await directory.put("employee", {
    ...base,
    id: aarhusAdvisor,
    name: "Aage Aarhus",
    email: "aage@bank.example",
    entraObjectId: undefined,
    calendarSync: false,
    meetingTypes: ["Physical", "Online"],
    locations: ["Aarhus"],
    topicIds: [SUCCESSION.id],
    customerTypeIds: [demoId("ct:private")],
    absences: [],
  });
  repos.dispose();
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
  await stack?.stop();
});

async function phone(locale = "en-GB"): Promise<Page> {
  const b = await openBrowser({ width: WIDTH, height: 844, locale });
  browsers.push(b);
  await b.page.goto(`${stack.hosts[0].url}/book/`);
  await b.page.locator("input[name=meetingType]").first().waitFor();
  return b.page;
}

const radioLabels = (page: Page, name: string) =>
  page
    .locator(`input[name=${name}]`)
    .evaluateAll((els) => els.map((el) => (el.parentElement as unknown as { innerText: string }).innerText));
const branchOptions = (page: Page) => page.locator("#branch option").allInnerTexts();
const timeButtons = (page: Page) => page.locator(".days button.time");
const dayName = (iso: string, locale = "en-GB") =>
  new Intl.DateTimeFormat(locale, { timeZone: "Europe/Copenhagen", weekday: "long", day: "numeric", month: "long" }).format(
    Date.parse(iso),
  );

describe.skipIf(!HAVE_CHROMIUM)("booking page on the demo directory (390 px)", () => {
  it(
    "the first choices (Business, Business credit, At a branch) offer only Aalborg and open on the first free week, saying so",
    { timeout: TEST_TIMEOUT },
    async () => {
      const page = await phone();
      expect(
        await page
          .locator("input[name=customerType]:checked")
          .evaluate((el) => (el.parentElement as unknown as { innerText: string }).innerText),
      ).toBe("Business");
      expect(
        await page.locator("input[name=topic]:checked").evaluate((el) => (el.parentElement as unknown as { innerText: string }).innerText),
      ).toContain("Business credit");
      expect(await page.locator("input[name=meetingType]:checked").getAttribute("value")).toBe("Physical");
      // The demo's business advisors all work in Aalborg: the only branch offered for a meeting at a branch.
      expect(await branchOptions(page)).toEqual(["Aalborg"]);
      expect(await page.locator("#branch").inputValue()).toBe("Aalborg");
      expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "demo-first-choices-390");

      const nextFree = page.waitForResponse((r) => r.url().includes("/api/public/booking/next-free"));
      await page.getByRole("button", { name: "Show free times" }).click();
      const answer = (await (await nextFree).json()) as { next: { start: string } };
      await timeButtons(page).first().waitFor();
      // Opened on the week of the first free time, without pressing "Next week", and says which day that is.
      expect(await page.locator("#next-free").innerText()).toBe(`Next free time: ${dayName(answer.next.start)}`);
      expect(await timeButtons(page).first().getAttribute("data-start")).toBe(answer.next.start);
      expect(await page.locator("#empty-week").count()).toBe(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "demo-first-free-week-390");
    },
  );

  it(
    "offers ways to meet only when a qualified advisor offers them; online needs no branch and books any qualified advisor",
    { timeout: TEST_TIMEOUT },
    async () => {
      const page = await phone();
      expect(await radioLabels(page, "meetingType")).toEqual(["At a branch", "Online (video)", "By phone"]);
      await page.getByRole("radio", { name: "Online (video)" }).check();
      expect(await page.locator("label[for=branch]").innerText()).toBe("Preferred branch (optional)");
      // The branch chosen for a meeting there stays as a preference; "No preference" is there too.
      expect(await page.locator("#branch").inputValue()).toBe("Aalborg");
      expect(await branchOptions(page)).toEqual(["No preference", "Aalborg"]);
      await page.locator("#branch").selectOption("");
      expect(await page.getByRole("button", { name: "Show free times" }).isDisabled()).toBe(false);
      await page.getByRole("button", { name: "Show free times" }).click();
      await timeButtons(page).first().waitFor();
      await timeButtons(page).first().click();
      await page.locator("#countdown").waitFor();
      const details = { name: "Birte Erhverv", email: "birte@example.com", phone: "+45 22 33 44 55" };
      recordBody({ customer: details });
      for (const [key, value] of Object.entries(details)) await page.locator(`#field-${key}`).fill(value);
      await page.getByRole("button", { name: "Book meeting" }).click();
      await page.locator("#booked-title").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "demo-online-no-branch-390");
      const id = /manage\/([0-9a-f-]{36})/.exec((await page.locator("#manage-link").getAttribute("href"))!)![1];
      const stored = (await api.get(`/meetings/${id}`)).body;
      expect(stored).toMatchObject({ type: "Online", bookedBy: "Customer" });
      expect(employees.filter(business).map((e) => e.id)).toContain(stored.employeeId);

      // A private customer's topic: its own branches (Aalborg's demo advisors are all business advisors).
      await page.getByRole("button", { name: "Book another meeting" }).click();
      await page.getByRole("radio", { name: "Private" }).check();
      await page.getByRole("radio", { name: /Pension/ }).check();
      await page.getByRole("radio", { name: "At a branch" }).check();
      expect((await branchOptions(page)).sort()).toEqual(["Aarhus", "København", "Odense"]);
    },
  );

  it(
    "a choice with nothing free in the horizon says why and offers the nearest alternatives, in Danish too",
    { timeout: TEST_TIMEOUT },
    async () => {
      const page = await phone();
      await page.getByRole("radio", { name: "Private" }).check();
      await page.getByRole("radio", { name: /Succession planning/ }).check();
      await page.getByRole("radio", { name: "At a branch" }).check();
      // Only the two branches where an advisor gives the topic in a room; Odense first (Danish order: Aa sorts last).
      expect(await branchOptions(page)).toEqual(["Odense", "Aarhus"]);
      expect(await page.locator("#branch").inputValue()).toBe("Odense");
      await page.getByRole("button", { name: "Show free times" }).click();
      const notice = page.locator("#nothing-free");
      await notice.waitFor();
      expect(await notice.innerText()).toContain("There are no free times for this choice in the next 90 days.");
      expect(await page.locator("#nothing-free-reason").innerText()).toBe(
        "The advisors who can help with this are fully booked or away until then.",
      );
      // Never a bare empty grid: no days at all, only the way out.
      expect(await page.locator(".days").count()).toBe(0);
      const alternatives = notice.locator("button");
      const labels = await alternatives.allInnerTexts();
      expect(labels.length).toBe(2);
      expect(labels.some((l) => l.startsWith("Online (video): first free "))).toBe(true);
      expect(labels.some((l) => l.startsWith("At a branch in Aarhus: first free "))).toBe(true);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(WIDTH);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "demo-nothing-free-390");

      // Taking an alternative switches the choice and opens its first free week.
      await notice.getByRole("button", { name: /^Online/ }).click();
      await timeButtons(page).first().waitFor();
      expect(await page.locator("input[name=meetingType]:checked").getAttribute("value")).toBe("Online");
      expect(await page.locator("#next-free").innerText()).toMatch(/^Next free time: /);

      // The same in Danish.
      await page.locator("#lang").click();
      await page.getByRole("radio", { name: "I en filial" }).check();
      await page.locator("#branch").selectOption("Odense");
      await page.getByRole("button", { name: "Vis ledige tider" }).click();
      await page.locator("#nothing-free").waitFor();
      expect(await page.locator("#nothing-free").innerText()).toContain("Der er ingen ledige tider for dette valg de næste 90 dage.");
      expect(await page.locator("#nothing-free").innerText()).toContain("Online (video): første ledige ");
      expect(await seriousViolations(page)).toEqual([]);
    },
  );

  it("an empty later week says so and jumps back to the next free time", { timeout: TEST_TIMEOUT }, async () => {
    const page = await phone();
    await page.getByRole("radio", { name: "Private" }).check();
    await page.getByRole("radio", { name: /Succession planning/ }).check();
    await page.getByRole("radio", { name: "At a branch" }).check();
    await page.locator("#branch").selectOption("Aarhus");
    await page.getByRole("button", { name: "Show free times" }).click();
    await timeButtons(page).first().waitFor();
    const first = await timeButtons(page).first().getAttribute("data-start");
    // Far past the horizon (90 days): nothing free from there on, and the notice offers the first free time.
    for (let i = 0; i < 14; i++) {
      await page.locator("#next-week").click();
      await page.locator(".week-label").waitFor();
    }
    await page.locator("#nothing-free").waitFor();
    expect(await page.locator("#nothing-free").innerText()).toContain("from this week on");
    expect(await page.locator("#nothing-free-reason").innerText()).toBe("Meetings can be booked up to 90 days ahead.");
    expect(await page.locator(".days").count()).toBe(0);
    const earlier = page.locator("#nothing-free button").first();
    expect(await earlier.innerText()).toContain(`At a branch in Aarhus: first free ${dayName(first!)}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "demo-beyond-horizon-390");
    await earlier.click();
    await timeButtons(page).first().waitFor();
    expect(await timeButtons(page).first().getAttribute("data-start")).toBe(first);
  });

  it(
    "the page's hold is the page session's: another caller with its id cannot book it, the page can",
    { timeout: TEST_TIMEOUT },
    async () => {
      const page = await phone();
      await page.getByRole("button", { name: "Show free times" }).click();
      await timeButtons(page).first().waitFor();
      const held = page.waitForResponse((r) => r.url().endsWith("/api/public/booking/reservations"));
      await timeButtons(page).nth(1).click();
      const hold = (await (await held).json()) as { reservationId: string };
      await page.locator("#countdown").waitFor();

      // The back office's token (the widest there is) with the reservation's id: as if there were no such reservation.
      const stolen = await api.post("/meetings", {
        bookedBy: "Customer",
        salesforceId: "sf-1",
        timeSlotId: hold.reservationId,
        employeeId: employees.find(business)!.id,
        customerId: "c-1",
        type: "Physical",
      });
      expect(stolen.status, stolen.text).toBe(400);
      expect(fieldsOf(stolen.body)).toEqual(["timeSlotId"]);
      expect(stolen.body.errors[0]).toMatchObject({ rule: "exists" });
      expect(stolen.body.errors[0].message).toContain("no reservation has this id");

      const details = { name: "Carl Holder", email: "carl@example.com", phone: "+45 33 44 55 66" };
      recordBody({ customer: details });
      for (const [key, value] of Object.entries(details)) await page.locator(`#field-${key}`).fill(value);
      await page.getByRole("button", { name: "Book meeting" }).click();
      await page.locator("#booked-title").waitFor();
    },
  );
});
