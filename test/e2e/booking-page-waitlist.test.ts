/**
 * The booking page's waitlist in Chromium on the real stack with the dev ACS: a week whose every
 * time is booked offers to join its waitlist; a cancel in it sends the customer an offer e-mail
 * (from the outbox event); its link opens the page on that choice and week and holds the freed time;
 * a second customer opening the same offer is told the time is gone.
 */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { InboxMessage } from "../../dev/acs/inbox-store.js";
import { ALL_DAYS, Api, bookMeeting, createCustomerType, createEmployee, createTopic, hours, sleep } from "../support/fixtures.js";
import { CHROMIUM, HAVE_CHROMIUM, openBrowser, screenshot, seriousViolations, type Browser } from "../support/browser.js";
import { startStack, type Stack } from "../support/stack.js";
import { recordBody } from "../support/logs/personal-values.js";

if (!HAVE_CHROMIUM && process.env.CI)
  throw new Error(`${CHROMIUM} is missing: CI must install it (.ci/run does: apt-get install -y chromium)`);

const ZONE = "Europe/Copenhagen";
const TEST_TIMEOUT = 150_000;
let stack: Stack;
let api: Api;
const browsers: Browser[] = [];
const tag = randomUUID().slice(0, 6);
const names = { customerType: `Waiting ${tag}`, topic: `Waitlisted advice ${tag}` };
/** The advisor's one time a day (10:00-10:30 Copenhagen), booked for the page's first week (today and six more days). */
const booked = new Map<string, string>();

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  stack = await startStack({ acs: true });
  api = new Api(stack);
  const customerTypeId = (await createCustomerType(api, names.customerType)).id;
  const topicId = (await createTopic(api, { name: names.topic, customerTypeIds: [customerTypeId], durationMinutes: 30 })).id;
  const advisor = await createEmployee(api, {
    name: "Vera Venteliste",
    workingHours: hours(ALL_DAYS, "10:00", "10:30"),
    timeZone: ZONE,
    meetingTypes: ["Online"],
    topicIds: [topicId],
    customerTypeIds: [customerTypeId],
  });
  const today = DateTime.now().setZone(ZONE).startOf("day");
  for (let d = 0; d < 7; d++) {
    const start = today.plus({ days: d, hours: 10 });
    if (start.toMillis() < Date.now()) continue;
    const iso = start.toUTC().toISO()!;
    // Today's time may be too close to book (then the page cannot offer it either).
    const made = await bookMeeting(api, advisor.id, iso, start.plus({ minutes: 30 }).toUTC().toISO()!, { topicId }).catch(() => undefined);
    if (made) booked.set(new Date(iso).toISOString(), made.id);
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
  await stack?.stop();
});

async function browser(): Promise<Page> {
  const b = await openBrowser({ timezoneId: ZONE });
  browsers.push(b);
  return b.page;
}

const inbox = async (): Promise<InboxMessage[]> => (await fetch(`${stack.acs!.inboxUrl}/messages`)).json() as Promise<InboxMessage[]>;

describe.skipIf(!HAVE_CHROMIUM)("the booking page's waitlist", () => {
  it(
    "an empty week offers the waitlist; a cancel sends an offer whose link opens the page holding the freed time",
    { timeout: TEST_TIMEOUT },
    async () => {
      const customer = { name: "Wanda Waiting", email: `wanda-${tag}@example.com` };
      recordBody({ customer });
      const page = await browser();
      await page.goto(`${stack.hosts[0].url}/book/`);
      await page.getByRole("radio", { name: names.customerType }).check();
      await page.getByRole("radio", { name: new RegExp(names.topic) }).check();
      await page.getByRole("radio", { name: "Online (video)" }).check();
      await page.getByRole("button", { name: "Show free times" }).click();
      await page.locator(".days button.time").first().waitFor();
      // The page opens on the first free week (the next one); the week before is full.
      await page.locator("#prev-week").click();
      await page.locator("#empty-week").waitFor();
      await page.locator("#waitlist").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator("#waitlist-name").fill(customer.name);
      await page.locator("#waitlist-email").fill("not an address");
      await page.locator("#waitlist-join").click();
      await page.locator("#waitlist-email-error").waitFor();
      await page.locator("#waitlist-email").fill(customer.email);
      const joined = page.waitForResponse((r) => r.url().endsWith("/api/public/booking/waitlist"));
      await page.locator("#waitlist-join").click();
      expect((await joined).status()).toBe(201);
      await page.locator("#waitlist-joined").waitFor();
      await screenshot(page, "waitlist-joined-390");

      const [freed, meetingId] = [...booked.entries()][Math.min(3, booked.size - 1)];
      expect((await api.post(`/meetings/${meetingId}/cancel`, { reason: "ill" })).status).toBe(200);
      let offer: InboxMessage | undefined;
      for (let i = 0; i < 120 && !offer; i++) {
        offer = (await inbox()).find((m) => m.to.includes(customer.email) && m.subject === "A time has become free");
        if (!offer) await sleep(250);
      }
      expect(offer, "the offer e-mail").toBeDefined();
      const link = /https?:\/\/\S+\/book\/\?\S+/.exec(offer!.text)![0];
      expect(new URL(link).searchParams.get("at")).toBe(freed);

      const second = await browser();
      const held = second.waitForResponse((r) => r.url().endsWith("/api/public/booking/reservations"));
      await second.goto(link);
      const hold = (await (await held).json()) as { start: string };
      expect(hold.start).toBe(freed);
      await second.locator("#countdown").waitFor();
      expect(new URL(second.url()).search, "the link's query is dropped once used").toBe("");

      // Someone else with the same offer: the time is held, so the page says it is gone and offers what is free.
      const third = await browser();
      await third.goto(link);
      await third.locator("#notice").waitFor();
      expect(await third.locator("#notice").innerText()).toContain("Sorry, that time was just taken by someone else.");
      expect(await third.locator("#countdown").count()).toBe(0);
      expect(await seriousViolations(third)).toEqual([]);
    },
  );
});
