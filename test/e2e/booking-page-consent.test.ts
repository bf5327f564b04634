/**
 * The booking page with a privacy notice configured (PRIVACY_NOTICE_URL, issue 27), in Debian's Chromium: a
 * required checkbox labelled with the notice linked; booking without ticking it names it in the error
 * summary and inline (aria-invalid, described by its error), axe-core clean; ticked, the meeting is booked
 * and the acceptance recorded with it (notice version, time, channel booking-page).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api } from "../support/fixtures.js";
import { seedPageDirectory, type PageDirectory } from "../support/booking-page.js";
import { activeId, CHROMIUM, HAVE_CHROMIUM, openBrowser, screenshot, seriousViolations, type Browser } from "../support/browser.js";
import { startStack, type Stack } from "../support/stack.js";
import { recordBody } from "../support/logs/personal-values.js";

if (!HAVE_CHROMIUM && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: CI must install it (.ci/run does: apt-get install -y chromium)`);

const NOTICE = { url: "https://bank.example/privacy", version: "2026-12" };
let stack: Stack;
let api: Api;
let dir: PageDirectory;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  stack = await startStack({ hostEnv: { PRIVACY_NOTICE_URL: NOTICE.url, PRIVACY_NOTICE_VERSION: NOTICE.version } });
  api = new Api(stack);
  dir = await seedPageDirectory(api);
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stack?.stop();
});

describe.skipIf(!HAVE_CHROMIUM)("booking page: the privacy notice", () => {
  it(
    "must be accepted (a labelled checkbox, the notice linked); the error is named accessibly; the acceptance is recorded",
    { timeout: 120_000 },
    async () => {
      browser = await openBrowser();
      const page = browser.page;
      await page.goto(`${stack.hosts[0].url}/book/`);
      await page.getByRole("radio", { name: dir.customerTypeName }).check();
      await page.getByRole("radio", { name: new RegExp(dir.topicName) }).check();
      await page.getByRole("radio", { name: "At a branch" }).check();
      await page.locator("#branch").selectOption(dir.soloBranch);
      await page.getByRole("button", { name: "Show free times" }).click();
      await page.locator(".days button.time").first().click();
      await page.locator("#countdown").waitFor();

      const details = { name: "Tove Ditlevsen", email: "tove@example.com", phone: "+45 23 45 67 89" };
      recordBody({ customer: details }); // for the run's log check: typed in the browser
      for (const [key, value] of Object.entries(details)) await page.locator(`#field-${key}`).fill(value);
      const checkbox = page.getByRole("checkbox", { name: /I have read and accept the privacy notice/ });
      expect(await checkbox.isChecked()).toBe(false);
      expect(await checkbox.getAttribute("aria-required")).toBe("true");
      expect(await page.getByRole("link", { name: "privacy notice" }).getAttribute("href")).toBe(NOTICE.url);

      await page.getByRole("button", { name: "Book meeting" }).click();
      await page.locator("#error-summary").waitFor();
      await expect.poll(() => activeId(page)).toBe("error-summary");
      expect(await page.locator("#error-summary").innerText()).toContain("Accept the privacy notice to book.");
      expect(await checkbox.getAttribute("aria-invalid")).toBe("true");
      expect(await checkbox.getAttribute("aria-describedby")).toBe("field-privacyNoticeAccepted-error");
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "consent-required");

      await checkbox.check();
      await page.getByRole("button", { name: "Book meeting" }).click();
      await page.locator("#booked-title").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      const id = /manage\/([0-9a-f-]{36})/.exec((await page.locator("#manage-link").getAttribute("href"))!)![1];
      const fields = Object.fromEntries(
        ((await api.get(`/meetings/${id}`)).body.customFields as { key: string; value: string }[]).map((f) => [f.key, f.value]),
      );
      expect(fields).toMatchObject({ "consent.policyVersion": NOTICE.version, "consent.channel": "booking-page" });
      expect(fields["consent.acceptedAt"]).toMatch(/Z$/);
    },
  );
});
