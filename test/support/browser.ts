/**
 * Debian's Chromium driven by playwright-core for the booking page's end-to-end tests: a fresh
 * profile per browser, the flags these machines need, screenshots under test-results/.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SHOTS = path.resolve("test-results", "booking-page");

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface BrowserOptions {
  locale?: string;
  timezoneId?: string;
  width?: number;
  height?: number;
}

export async function openBrowser(o: BrowserOptions = {}): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "bookme-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale: o.locale ?? "en-GB",
    timezoneId: o.timezoneId ?? "Europe/Copenhagen",
    viewport: { width: o.width ?? 1100, height: o.height ?? 900 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

let shotNumber = 0;
/** Starts the screenshot folder afresh (one run's steps, numbered in order). */
export function clearScreenshots(): void {
  fs.rmSync(SHOTS, { recursive: true, force: true });
  shotNumber = 0;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  shotNumber += 1;
  await page.screenshot({ path: path.join(SHOTS, `${String(shotNumber).padStart(2, "0")}-${name}.png`), fullPage: true });
}

/** axe-core's WCAG 2.1 A/AA rules: the serious and critical violations, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

/** Presses Tab (Shift+Tab when back) until the focused element matches the selector; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 600, back = false): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(`!!document.activeElement?.matches(${JSON.stringify(selector)})`)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`keyboard focus never reached ${selector} in ${max} presses`);
}

/** The focused element's id (tests run without the DOM library: page code goes as text). */
export const activeId = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''");
export const scrollWidth = (page: Page) => page.evaluate<number>("document.documentElement.scrollWidth");
export const documentLang = (page: Page) => page.evaluate<string>("document.documentElement.lang");
