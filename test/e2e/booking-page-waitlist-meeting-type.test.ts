/**
 * A meeting type's waitlist offer (an entry made through V2, as the bots API makes them) in Chromium
 * on the real stack with the dev ACS: the meeting type's one time that day is booked; the customer
 * joins its waitlist; a cancel sends the offer e-mail, whose link is the booking page on the page
 * choice derived from the meeting type (its topic, customer type, way to meet) and the offered time;
 * the page opens on it, holds it, and the customer books it; someone else with the same offer is told
 * it is gone.
 */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { InboxMessage } from "../../dev/acs/inbox-store.js";
import { ALL_DAYS, Api, bookMeeting, createCustomerType, createEmployee, createTopic, hours, sleep } from "../support/fixtures.js";
import { CHROMIUM, HAVE_CHROMIUM, openBrowser, seriousViolations, type Browser } from "../support/browser.js";
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
let customerTypeId = "";
let topicId = "";
let typeId = "";
/** The advisor's one time three days ahead (10:00-10:30 Copenhagen), booked. */
let freed = "";
let meetingId = "";
let day: DateTime;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  stack = await startStack({ acs: true });
  api = new Api(stack);
  customerTypeId = (await createCustomerType(api, `Typed ${tag}`)).id;
  topicId = (await createTopic(api, { name: `Typed advice ${tag}`, customerTypeIds: [customerTypeId], durationMinutes: 30 })).id;
  const advisor = await createEmployee(api, {
    name: "Tove Typeliste",
    workingHours: hours(ALL_DAYS, "10:00", "10:30"),
    timeZone: ZONE,
    meetingTypes: ["Online"],
    topicIds: [topicId],
    customerTypeIds: [customerTypeId],
  });
  typeId = randomUUID();
  const type = await api.put(`/config/meeting-types/${typeId}`, {
    name: `Typed advice ${tag}`,
    durations: { defaultMinutes: 30 },
    meetingTypes: ["Online"],
    topicId,
    customerTypeIds: [customerTypeId],
    pool: { employeeIds: [advisor.id] },
    timeZone: ZONE,
  });
  expect(type.status, type.text).toBe(201);
  day = DateTime.now().setZone(ZONE).startOf("day").plus({ days: 3 });
  const start = day.set({ hour: 10 });
  freed = start.toUTC().toISO({ suppressMilliseconds: false })!;
  meetingId = (await bookMeeting(api, advisor.id, freed, start.plus({ minutes: 30 }).toUTC().toISO()!, { topicId })).id;
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

describe.skipIf(!HAVE_CHROMIUM)("a meeting type's waitlist offer on the booking page", () => {
  it(
    "its link opens the page on the offered time, held; the customer books it; a second opener is told it is gone",
    { timeout: TEST_TIMEOUT },
    async () => {
      const customer = { name: "Tilde Typeventer", email: `tilde-${tag}@example.com`, phone: "+45 11 22 33 44" };
      recordBody({ customer });
      const joined = await api.post("/waitlist", {
        meetingTypeId: typeId,
        from: day.toUTC().toISO({ suppressMilliseconds: true }),
        to: day.plus({ days: 1 }).toUTC().toISO({ suppressMilliseconds: true }),
        attendee: { name: customer.name, email: customer.email },
        language: "en",
      });
      expect(joined.status, joined.text).toBe(201);
      expect(joined.body).toMatchObject({ meetingTypeId: typeId, status: "waiting" });

      expect((await api.post(`/meetings/${meetingId}/cancel`, { reason: "ill" })).status).toBe(200);
      let offer: InboxMessage | undefined;
      for (let i = 0; i < 120 && !offer; i++) {
        offer = (await inbox()).find((m) => m.to.includes(customer.email) && m.subject === "A time has become free");
        if (!offer) await sleep(250);
      }
      expect(offer, "the offer e-mail").toBeDefined();
      const link = /https?:\/\/\S+\/book\/\?\S+/.exec(offer!.text)?.[0];
      expect(link, offer!.text).toBeDefined();
      // The page choice derived from the meeting type, the type itself, and the offered time.
      expect(Object.fromEntries(new URL(link!).searchParams)).toEqual({
        customerTypeId,
        topicId,
        meetingType: "Online",
        branch: "",
        meetingTypeId: typeId,
        at: freed,
      });

      const page = await browser();
      const held = page.waitForResponse((r) => r.url().endsWith("/api/public/booking/reservations"));
      await page.goto(link!);
      const hold = await held;
      expect(hold.status()).toBe(200);
      expect(((await hold.json()) as { start: string }).start).toBe(freed);
      await page.locator("#countdown").waitFor();
      expect(await page.locator(`button.time[data-start="${freed}"]`).getAttribute("aria-pressed")).toBe("true");
      expect(await seriousViolations(page)).toEqual([]);
      for (const [key, value] of Object.entries(customer)) await page.locator(`#field-${key}`).fill(value);
      const booked = page.waitForResponse((r) => r.url().endsWith("/api/public/booking/meetings"));
      await page.getByRole("button", { name: "Book meeting" }).click();
      const made = await booked;
      expect(made.status()).toBe(201);
      expect(((await made.json()) as { meeting: { start: string; topicId: string } }).meeting).toMatchObject({ start: freed, topicId });
      await page.locator("#booked-title").waitFor();

      // Someone else with the same offer: the time is booked, so the page says it is gone.
      const second = await browser();
      await second.goto(link!);
      await second.locator("#notice").waitFor();
      expect(await second.locator("#notice").innerText()).toContain("Sorry, that time was just taken by someone else.");
      expect(await second.locator("#countdown").count()).toBe(0);
    },
  );
});
