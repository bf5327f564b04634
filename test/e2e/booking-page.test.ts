/**
 * The booking page end to end: Debian's Chromium (playwright-core) against the real local stack
 * (embedded Cosmos, Azurite, the local Functions host serving /book and /api/public/booking).
 * Screenshots of each step land in test-results/booking-page/.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { Api } from "../support/fixtures.js";
import { seedPageDirectory, type PageDirectory } from "../support/booking-page.js";
import {
  activeId,
  CHROMIUM,
  clearScreenshots,
  documentLang,
  HAVE_CHROMIUM,
  openBrowser,
  scrollWidth,
  screenshot,
  seriousViolations,
  tabTo,
  type Browser,
} from "../support/browser.js";
import { startStack, type HostProcess, type Stack } from "../support/stack.js";
import { notePersonal, recordBody } from "../support/logs/personal-values.js";

if (!HAVE_CHROMIUM && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: CI must install it (.ci/run does: apt-get install -y chromium)`);
if (!HAVE_CHROMIUM)
  console.warn(`SKIPPED the booking page's browser tests: ${CHROMIUM} is missing (install it with: sudo apt-get install -y chromium)`);

const TEST_TIMEOUT = 120_000;
let stack: Stack;
let api: Api;
let dir: PageDirectory;
/** A second host whose holds last 8 s, to watch one run out. */
let shortHold: HostProcess;
const browsers: Browser[] = [];

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  clearScreenshots();
  stack = await startStack();
  api = new Api(stack);
  dir = await seedPageDirectory(api);
  shortHold = await stack.startHost({ RESERVATION_TTL_SECONDS: "8" });
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
  await stack?.stop();
});

async function browser(options: Parameters<typeof openBrowser>[0] = {}): Promise<Page> {
  const b = await openBrowser(options);
  browsers.push(b);
  return b.page;
}

const details = { name: "Karen Blixen", email: "karen@example.com", phone: "+45 12 34 56 78" };

/** Topic, how to meet and branch by pointer, then the week view. */
async function chooseAndShowTimes(page: Page, branch: string, url = stack.hosts[0].url, meetingLabel = "At a branch") {
  await page.goto(`${url}/book/`);
  await page.getByRole("radio", { name: dir.customerTypeName }).check();
  await page.getByRole("radio", { name: new RegExp(dir.topicName) }).check();
  await page.getByRole("radio", { name: meetingLabel }).check();
  // "Branch" for a meeting there; "Preferred branch (optional)" online and by phone.
  await page.locator("#branch").selectOption(branch);
  await page.getByRole("button", { name: "Show free times" }).click();
  await page.locator(".days button.time").first().waitFor();
}

async function fillDetails(page: Page, values: Partial<typeof details & { cpr: string }> = details) {
  recordBody({ customer: values }); // for the run's log check: typed in the browser, not sent by this process
  for (const [key, value] of Object.entries(values)) await page.locator(`#field-${key}`).fill(value);
}

const timeButtons = (page: Page) => page.locator(".days button.time");
const countdownSeconds = async (page: Page) => {
  const [m, s] = (await page.locator("#countdown").innerText()).split(":").map(Number);
  return m * 60 + s;
};

describe.skipIf(!HAVE_CHROMIUM)("booking page in Chromium", () => {
  let manageUrl = "";

  it(
    "books from scratch: choices, a week grouped by day in the customer's zone, hold, inline errors, confirmation with .ics and manage link",
    { timeout: TEST_TIMEOUT },
    async () => {
      const page = await browser({ timezoneId: "America/New_York" });
      await chooseAndShowTimes(page, dir.soloBranch);
      await expect.poll(() => page.locator("#zone-note").innerText()).toContain("America/New_York");
      expect(await page.locator(".days h3").count()).toBe(7);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "week-view");

      const first = timeButtons(page).first();
      const start = await first.getAttribute("data-start");
      // Shown in New York time: the label's clock is the UTC instant in that zone.
      const expectedClock = new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }).format(
        Date.parse(start!),
      );
      expect(await first.innerText()).toBe(expectedClock);
      await first.click();
      await expect.poll(() => page.locator("#hold-status").innerText()).toContain("We are holding");
      expect(await countdownSeconds(page)).toBeGreaterThan(290);
      expect(await first.getAttribute("aria-pressed")).toBe("true");
      await screenshot(page, "held");

      await fillDetails(page, { name: "", email: "not-an-email", phone: details.phone, cpr: "320190-1234" });
      await page.getByRole("button", { name: "Book meeting" }).click();
      await page.locator("#error-summary").waitFor();
      await expect.poll(() => activeId(page)).toBe("error-summary");
      expect(await page.locator("#field-cpr").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#field-email").getAttribute("aria-describedby")).toContain("field-email-error");
      expect(await page.locator("#field-name-error").innerText()).not.toBe("");
      expect(await page.locator("#field-phone").getAttribute("aria-invalid")).toBeNull();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "inline-errors");

      await fillDetails(page, { ...details, cpr: "010190-1234" });
      await page.locator("#field-notes").fill("About my pension");
      await page.getByRole("button", { name: "Book meeting" }).click();
      await page.locator("#booked-title").waitFor();
      await expect.poll(() => activeId(page)).toBe("booked-title");
      expect(await page.locator("dd").allInnerTexts()).toContain(dir.soloBranch);
      manageUrl = (await page.locator("#manage-link").getAttribute("href"))!;
      expect(manageUrl).toMatch(/\/book\/manage\/[0-9a-f-]{36}#secret=.+/);
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Add to calendar (.ics)" }).click();
      const ics = fs.readFileSync(await (await download).path(), "utf8");
      expect(ics).toContain("BEGIN:VCALENDAR");
      expect(ics).toContain(`DTSTART:${start!.replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "booked");

      const id = /manage\/([0-9a-f-]{36})/.exec(manageUrl)![1];
      const stored = await api.get(`/meetings/${id}`);
      expect(stored.body).toMatchObject({
        status: "Booked",
        bookedBy: "Customer",
        startDate: start,
        employeeId: dir.soloAdvisor,
        type: "Physical",
      });
    },
  );

  it(
    "the hold counts down, picking another time moves it, and a hold that ran out can be held again",
    { timeout: TEST_TIMEOUT },
    async () => {
      const page = await browser();
      await chooseAndShowTimes(page, dir.pairBranch, shortHold.url, "Online (video)");
      const [a, b] = [timeButtons(page).nth(3), timeButtons(page).nth(6)];
      const [aStart, bStart] = [await a.getAttribute("data-start"), await b.getAttribute("data-start")];
      await a.click();
      await page.locator("#countdown").waitFor();
      const before = await countdownSeconds(page);
      expect(before).toBeGreaterThan(4);
      expect(before).toBeLessThanOrEqual(8);
      await page.waitForTimeout(2_100);
      expect(await countdownSeconds(page)).toBeLessThan(before);
      await screenshot(page, "countdown");

      await b.click();
      await expect.poll(() => page.locator(`button.time[data-start="${bStart}"]`).getAttribute("aria-pressed")).toBe("true");
      expect(await page.locator(`button.time[data-start="${aStart}"]`).getAttribute("aria-pressed")).toBe("false");
      // Under a minute left (always, with 8 s holds): the page warns and offers to keep holding the same time.
      await page.getByRole("button", { name: "Keep holding this time" }).waitFor();
      await page.waitForTimeout(2_100);
      const beforeKeep = await countdownSeconds(page);
      await page.getByRole("button", { name: "Keep holding this time" }).click();
      await expect.poll(() => countdownSeconds(page), { timeout: 8_000 }).toBeGreaterThan(beforeKeep);
      expect(await page.locator(`button.time[data-start="${bStart}"]`).getAttribute("aria-pressed")).toBe("true");
      await page.getByRole("button", { name: "Hold this time again" }).waitFor({ timeout: 15_000 });
      expect(await page.locator("#hold-status").innerText()).toContain("has ended");
      expect(await page.getByRole("button", { name: "Book meeting" }).isDisabled()).toBe(true);
      await screenshot(page, "hold-ended");

      await page.getByRole("button", { name: "Hold this time again" }).click();
      await expect.poll(() => page.locator("#hold-status").innerText()).toContain("We are holding");
      expect(await countdownSeconds(page)).toBeGreaterThan(4);
      await fillDetails(page);
      await page.getByRole("button", { name: "Book meeting" }).click();
      await page.locator("#booked-title").waitFor();
      await screenshot(page, "booked-after-hold-again");
    },
  );

  it("loses a race to a second browser and recovers through the alternatives", { timeout: TEST_TIMEOUT }, async () => {
    const [alice, bob] = [await browser(), await browser({ locale: "en-US" })];
    await Promise.all([chooseAndShowTimes(alice, dir.soloBranch), chooseAndShowTimes(bob, dir.soloBranch)]);
    const wanted = await timeButtons(alice).nth(5).getAttribute("data-start");
    await alice.locator(`button.time[data-start="${wanted}"]`).click();
    await alice.locator("#countdown").waitFor();
    // Bob's week view was loaded before Alice's hold: the time still shows there.
    await bob.locator(`button.time[data-start="${wanted}"]`).click();
    await bob.locator("#notice").waitFor();
    expect(await bob.locator("#notice").innerText()).toContain("just taken");
    await expect.poll(() => activeId(bob)).toBe("notice");
    const alternatives = bob.locator("#notice button");
    expect(await alternatives.count()).toBeGreaterThan(0);
    await expect.poll(() => bob.locator(`button.time[data-start="${wanted}"]`).count()).toBe(0);
    await screenshot(bob, "race-lost-alternatives");

    await alternatives.first().click();
    await expect.poll(() => bob.locator("#hold-status").innerText()).toContain("We are holding");
    await fillDetails(bob, { name: "Bob Bager", email: "bob@example.com", phone: "+45 87 65 43 21" });
    await bob.getByRole("button", { name: "Book meeting" }).click();
    await bob.locator("#booked-title").waitFor();
    await fillDetails(alice);
    await alice.getByRole("button", { name: "Book meeting" }).click();
    await alice.locator("#booked-title").waitFor();
    await screenshot(bob, "race-recovered");
  });

  it("an API outage keeps what was typed and offers a retry", { timeout: TEST_TIMEOUT }, async () => {
    const page = await browser();
    await chooseAndShowTimes(page, dir.pairBranch, stack.hosts[0].url, "By phone");
    await timeButtons(page).nth(2).click();
    await page.locator("#countdown").waitFor();
    await fillDetails(page);
    await page.route("**/api/public/booking/meetings", (route) => route.abort("connectionrefused"), { times: 1 });
    await page.getByRole("button", { name: "Book meeting" }).click();
    await page.locator("#notice").waitFor();
    expect(await page.locator("#notice").innerText()).toContain("cannot reach");
    expect(await page.locator("#field-name").inputValue()).toBe(details.name);
    expect(await page.locator("#field-email").inputValue()).toBe(details.email);
    await screenshot(page, "outage");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.locator("#booked-title").waitFor();
  });

  it("reschedules and cancels with a reason through the manage link", { timeout: TEST_TIMEOUT }, async () => {
    expect(manageUrl).not.toBe("");
    const page = await browser();
    await page.goto(manageUrl);
    await page.locator("#manage-title").waitFor();
    expect(await page.locator("#status").innerText()).toBe("Booked");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "manage");
    const id = /manage\/([0-9a-f-]{36})/.exec(manageUrl)![1];
    const was = (await api.get(`/meetings/${id}`)).body.startDate;

    await page.getByRole("button", { name: "Change time" }).click();
    await timeButtons(page).first().waitFor();
    const target = timeButtons(page).nth(4);
    const newStart = await target.getAttribute("data-start");
    await target.click();
    await page.getByRole("button", { name: "Move meeting" }).click();
    await page.locator("#done").waitFor();
    expect(await page.locator("#done").innerText()).toContain("moved");
    await screenshot(page, "moved");
    const moved = (await api.get(`/meetings/${id}`)).body;
    expect(moved).toMatchObject({ id, status: "Booked", startDate: newStart });
    expect(moved.startDate).not.toBe(was);

    await page.getByRole("button", { name: "Cancel meeting" }).click();
    await page.getByRole("button", { name: "Cancel the meeting" }).click();
    await page.locator("#cancel-reason-error").waitFor();
    expect(await page.locator("#cancel-reason").getAttribute("aria-invalid")).toBe("true");
    await page.locator("#cancel-reason").fill("I found a time with my own bank");
    await page.getByRole("button", { name: "Cancel the meeting" }).click();
    await expect.poll(() => page.locator("#status").innerText()).toBe("Cancelled");
    await screenshot(page, "cancelled");
    const secret = decodeURIComponent(/#secret=(.+)$/.exec(manageUrl)![1]);
    const after = await fetch(`${stack.hosts[0].url}/api/public/booking/manage/${id}`, { headers: { "bookme-manage-secret": secret } });
    expect(((await after.json()) as { status: string }).status).toBe("Cancelled");

    // A wrong secret shows the invalid-link message, not the meeting.
    await page.goto(manageUrl.replace(/#secret=.*/, "#secret=wrong"));
    await page.getByText("This link is not valid").waitFor();
  });

  it("books with the keyboard only, in Danish, at phone width (360 px)", { timeout: TEST_TIMEOUT }, async () => {
    const page = await browser({ locale: "da-DK", width: 360, height: 780 });
    await page.goto(`${stack.hosts[0].url}/book/`);
    await page.getByRole("heading", { name: "Book et møde" }).waitFor();
    await page.locator("input[name=topic]").first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);

    // Customer types are sorted by name: Business, then Private.
    await tabTo(page, "input[name=customerType]");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.getByRole("radio", { name: new RegExp(dir.topicName) }).count()).toBe(1);
    expect(await page.getByRole("radio", { name: dir.customerTypeName }).isChecked()).toBe(true);
    await tabTo(page, "input[name=topic]:checked");
    expect(await page.locator("input[name=topic]:checked").evaluate((el) => (el as unknown as { id: string }).id)).toBe(
      `topic-${dir.topicId}`,
    );
    await tabTo(page, "input[name=meetingType]");
    await page.keyboard.press("Space"); // "I en filial"
    await tabTo(page, "#branch");
    const options = await page.locator("#branch option").allInnerTexts();
    for (let i = 0; i < options.indexOf(dir.soloBranch); i++) await page.keyboard.press("ArrowDown");
    expect(await page.locator("#branch").inputValue()).toBe(dir.soloBranch);
    await tabTo(page, "#show-times");
    await page.keyboard.press("Enter");
    await page.locator(".days button.time").first().waitFor();
    await expect.poll(() => activeId(page)).toBe("times-title");
    await screenshot(page, "keyboard-week-360");

    await tabTo(page, ".days button.time");
    await page.keyboard.press("Enter");
    await page.locator("#countdown").waitFor();
    expect(await page.locator("#hold-status").innerText()).toContain("Vi holder");
    await tabTo(page, "#field-name");
    notePersonal("name", "Søren Kierkegaard");
    notePersonal("email", "soren@example.com");
    notePersonal("phone", "+45 11 22 33 44");
    await page.keyboard.type("Søren Kierkegaard");
    await page.keyboard.press("Tab");
    await page.keyboard.type("soren@example.com");
    await page.keyboard.press("Tab");
    await page.keyboard.type("+45 11 22 33 44");
    await tabTo(page, "#book");
    await page.keyboard.press("Enter");
    await page.locator("#booked-title").waitFor();
    await expect.poll(() => activeId(page)).toBe("booked-title");
    expect(await page.locator("#booked-title").innerText()).toBe("Dit møde er booket");
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "keyboard-booked-360");

    // The language switch keeps the page where it is.
    await tabTo(page, "#lang", 50, true);
    await page.keyboard.press("Enter");
    expect(await page.locator("#booked-title").innerText()).toBe("Your meeting is booked");
    expect(await documentLang(page)).toBe("en");
  });
});
