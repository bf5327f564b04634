/**
 * The console's privacy view lists past requests from the API (issue 30), not only those started in the
 * tab: the back office starts an export, reloads the page (the tab's memory is gone) and finds it listed,
 * asked by "you"; once the privacy-jobs timer has run it turns Succeeded in place and downloads through
 * GET by id (the list carries no document). Same stack and sign-in as console.test.ts.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAVE_CHROMIUM, openBrowser, screenshot, seriousViolations, type Browser } from "../support/browser.js";
import type { Stack } from "../support/stack.js";
import { signInAs, startConsoleStack } from "../support/console-stack.js";
import { demoPeople } from "../../dev/dev-issuer-people.js";

let stack: Stack;
let browser: Browser;
const TEST_TIMEOUT = 120_000;
const backOffice = demoPeople.find((p) => p.kind === "back-office")!;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  stack = await startConsoleStack();
  browser = await openBrowser({ width: 1280, height: 900 });
}, TEST_TIMEOUT);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stack?.stop();
});

async function openPrivacy() {
  const page = browser.page;
  await page.getByRole("button", { name: "Privacy requests" }).click();
  await page.getByRole("heading", { name: "Privacy requests" }).waitFor({ timeout: 20_000 });
}

describe.skipIf(!HAVE_CHROMIUM)("the console's past privacy requests", () => {
  it(
    "an export started before a reload is listed from the API, then downloads once finished",
    async () => {
      const page = browser.page;
      await signInAs(page, stack, "Sign in (back office)", backOffice.name);
      await openPrivacy();
      await page.locator("#export-email").fill("nobody.listed@example.com");
      await page.getByRole("button", { name: "Start export" }).click();
      const first = page.locator("#privacy-table tbody tr").first();
      await first.waitFor();
      const id = (await first.getAttribute("data-operation"))!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);

      await page.reload();
      await openPrivacy();
      const row = page.locator(`#privacy-table tr[data-operation="${id}"]`);
      await row.waitFor();
      await expect(row.innerText()).resolves.toContain("you");
      await expect(row.innerText()).resolves.toContain("export");
      await fetch(`${stack.hosts[0].url}/admin/functions/privacy-jobs`, { method: "POST" });
      await page.locator(`#privacy-table tr[data-operation="${id}"][data-status="Succeeded"]`).waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([page.waitForEvent("download"), row.locator("a", { hasText: "Download export" }).click()]);
      const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as { schema?: string; meetings?: unknown[] };
      expect(exported.schema).toBe("bookme.personal-data-export/1");
      expect(exported.meetings).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, "console-privacy-list");
    },
    TEST_TIMEOUT,
  );
});
