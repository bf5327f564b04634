/**
 * Customer messages end to end on the real local stack: a V2 booking's committed event goes
 * outbox -> dispatcher -> customer-messages queue -> messages-send -> the real ACS SDKs -> the dev
 * ACS, whose inbox the test reads. One confirmation with a correct .ics; a move sends an update
 * and re-plans the reminder (the old time is never reminded); a cancel sends a notice and removes
 * the reminders; an ACS outage (503 for a while) delays the confirmation but sends it once.
 * Reminder offsets are set for this run so that the first meeting's reminder falls due in seconds.
 */
import { randomUUID } from "node:crypto";
import ical from "node-ical";
import { DateTime } from "luxon";
import { CosmosClient } from "@azure/cosmos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxMessage } from "../../dev/acs/inbox-store.js";
import { Api, bookMeeting, createEmployee, hours, sleep } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";
import { ensureContainers } from "../../shared/adapters/cosmos/cosmos.js";
import { CosmosMessageStore } from "../../shared/adapters/cosmos/message-repository.js";

const ALL = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
/** A later meeting: 10:00 Copenhagen time, days ahead (never across a local midnight). */
const dayAt10 = (days: number) =>
  DateTime.now().setZone("Europe/Copenhagen").plus({ days }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toUTC();
const REMINDER_LEAD_S = 25;

let stack: Stack;
let api: Api;
let client: CosmosClient;
let store: CosmosMessageStore;
/** The first meeting's start: 30-45 minutes ahead, on a quarter hour. */
let start: DateTime;
let offset: string;

beforeAll(async () => {
  const now = DateTime.utc();
  start = now
    .plus({ minutes: 30 })
    .startOf("hour")
    .plus({ minutes: Math.ceil(now.plus({ minutes: 30 }).minute / 15) * 15 });
  // Due REMINDER_LEAD_S seconds after the stack is up (give or take its start-up).
  offset = `PT${Math.round(start.diff(now, "seconds").seconds) - REMINDER_LEAD_S - 20}S`;
  stack = await startStack({ acs: true, hostEnv: { REMINDER_OFFSETS: `${offset},P1D` } });
  api = new Api(stack);
  client = new CosmosClient({ endpoint: stack.cosmosEndpoint, key: stack.cosmosKey, connectionPolicy: { enableEndpointDiscovery: false } });
  store = new CosmosMessageStore((await ensureContainers(client, "bookme")).messages);
}, 120_000);
afterAll(async () => {
  client?.dispose();
  await stack?.stop();
});

const inbox = async (): Promise<InboxMessage[]> => (await fetch(`${stack.acs!.inboxUrl}/messages`)).json() as Promise<InboxMessage[]>;
const of = async (meetingId: string) => (await inbox()).filter((m) => m.meetingId === meetingId);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function icsOf(m: InboxMessage) {
  const a = m.attachments.find((x) => x.contentType.startsWith("text/calendar"));
  if (!a) throw new Error(`no .ics on ${m.subject}`);
  const text = Buffer.from(a.contentBase64, "base64").toString("utf8");
  const event = Object.values(ical.sync.parseICS(text)).find((c) => c?.type === "VEVENT") as ical.VEvent;
  return { text, event, method: /METHOD:(\w+)/.exec(text)?.[1] };
}

/**
 * An advisor who works around the clock in a zone where the first meeting falls near local noon, so
 * no meeting of this file crosses the advisor's local midnight whatever the time of the run.
 */
async function advisor() {
  const k = 12 - start.hour; // hours east of UTC
  const timeZone = k === 0 ? "Etc/GMT" : k > 0 ? `Etc/GMT-${k}` : `Etc/GMT+${-k}`;
  return createEmployee(api, { workingHours: hours(ALL, "00:00", "24:00"), timeZone });
}

const attendees = [{ name: "Karen Kunde", email: "karen.kunde@example.com" }];

describe("customer messages through the dev ACS", () => {
  let firstId = "";

  it("a V2 booking produces exactly one confirmation e-mail with a correct .ics, within seconds", async () => {
    const a = await advisor();
    const t0 = Date.now();
    const { id } = await bookMeeting(api, a.id, start.toISO()!, start.plus({ minutes: 30 }).toISO()!, { externalAttendees: attendees });
    firstId = id;
    const [mail] = await waitFor("the confirmation", async () => ((await of(id)).length ? of(id) : undefined));
    const seconds = (Date.now() - t0) / 1000;
    console.log(`booking -> confirmation in the dev inbox: ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(15);
    expect(mail).toMatchObject({ channel: "email", to: ["karen.kunde@example.com"], subject: "Bekræftelse af dit møde" });
    expect(mail.text).toContain(a.name);
    const ics = icsOf(mail);
    expect(ics.method).toBe("REQUEST");
    expect(ics.event.uid).toBe(`${id}@bookme`);
    expect(Number(ics.event.sequence)).toBe(0);
    expect(ics.event.start.toISOString()).toBe(start.toJSDate().toISOString());
    await sleep(3000);
    expect(await of(id), "still one message").toHaveLength(1);
    const records = await store.deliveries(id);
    expect(records).toEqual([expect.objectContaining({ kind: "confirmation", channel: "email", status: "sent", attempts: 1 })]);
  });

  it("its reminder is planned, claimed when due and sent once", async () => {
    const reminders = await store.reminders(firstId);
    expect(reminders.map((r) => r.doc.offset).sort()).toEqual([offset].sort());
    const reminder = await waitFor(
      "the reminder",
      async () => (await of(firstId)).find((m) => m.subject === "Påmindelse om dit møde"),
      (REMINDER_LEAD_S + 60) * 1000,
    );
    expect(reminder.attachments).toEqual([]);
    await sleep(6000);
    expect((await of(firstId)).filter((m) => m.subject === "Påmindelse om dit møde")).toHaveLength(1);
    expect((await store.reminder(firstId, reminders[0].doc.id))?.doc.status).toBe("sent");
  }, 150_000);

  it("a move sends an update (same UID, higher SEQUENCE) and re-plans the reminders to the new time", async () => {
    const a = await advisor();
    const s = dayAt10(2);
    const { id } = await bookMeeting(api, a.id, s.toISO()!, s.plus({ minutes: 30 }).toISO()!, { externalAttendees: attendees });
    await waitFor("the confirmation", async () => ((await of(id)).length === 1 ? true : undefined));
    const before = await store.reminders(id);
    expect(before.map((r) => r.doc.startDate)).toEqual([s.toJSDate().toISOString(), s.toJSDate().toISOString()]);
    const moved = s.plus({ days: 1, hours: 2 });
    const res = await api.post(`/meetings/${id}/reschedule`, { startDate: moved.toISO(), endDate: moved.plus({ minutes: 30 }).toISO() });
    expect(res.status, res.text).toBe(200);
    const update = await waitFor("the update", async () => (await of(id)).find((m) => m.subject === "Dit møde er flyttet"));
    const ics = icsOf(update);
    expect(ics.method).toBe("REQUEST");
    expect(ics.event.uid).toBe(`${id}@bookme`);
    expect(Number(ics.event.sequence)).toBe(1);
    expect(ics.event.start.toISOString()).toBe(moved.toJSDate().toISOString());
    const after = await store.reminders(id);
    expect(after.map((r) => [r.doc.startDate, r.doc.dueAt]).sort()).toEqual(
      [
        [moved.toJSDate().toISOString(), moved.minus({ days: 1 }).toJSDate().toISOString()],
        [
          moved.toJSDate().toISOString(),
          DateTime.fromISO(moved.toISO()!)
            .minus({ seconds: Number(offset.slice(2, -1)) })
            .toUTC()
            .toJSDate()
            .toISOString(),
        ],
      ].sort(),
    );
  });

  it("a cancel sends a cancellation (METHOD:CANCEL, with the reason) and removes the reminders", async () => {
    const a = await advisor();
    const s = dayAt10(3);
    const { id } = await bookMeeting(api, a.id, s.toISO()!, s.plus({ minutes: 30 }).toISO()!, { externalAttendees: attendees });
    await waitFor("the confirmation", async () => ((await of(id)).length === 1 ? true : undefined));
    expect((await store.reminders(id)).length).toBe(2);
    const res = await api.post(`/meetings/${id}/cancel`, { reason: "Rådgiveren er syg" });
    expect(res.status, res.text).toBe(200);
    const notice = await waitFor("the cancellation", async () => (await of(id)).find((m) => m.subject === "Dit møde er aflyst"));
    expect(notice.text).toContain("Rådgiveren er syg");
    const ics = icsOf(notice);
    expect(ics.method).toBe("CANCEL");
    expect(ics.event.uid).toBe(`${id}@bookme`);
    expect(Number(ics.event.sequence)).toBe(1);
    await waitFor("the reminders removed", async () => ((await store.reminders(id)).length === 0 ? true : undefined), 10_000);
  });

  it("an ACS outage (503 for 8 s) delays the confirmation; it is sent after, exactly once", async () => {
    const fault = await fetch(new URL("/dev-acs/faults", stack.acs!.inboxUrl), {
      method: "POST",
      body: JSON.stringify({ status: 503, seconds: 8 }),
    });
    expect(fault.status).toBe(204);
    const a = await advisor();
    const s = dayAt10(4);
    const t0 = Date.now();
    const { id } = await bookMeeting(api, a.id, s.toISO()!, s.plus({ minutes: 30 }).toISO()!, {
      externalAttendees: [{ name: "Bo English", email: "bo@example.com" }],
      customFields: [{ key: "language", value: "en" }],
    });
    const [mail] = await waitFor("the confirmation after the outage", async () => ((await of(id)).length ? of(id) : undefined), 90_000);
    const seconds = (Date.now() - t0) / 1000;
    console.log(`confirmation through an 8 s ACS outage: ${seconds.toFixed(1)} s`);
    expect(seconds).toBeGreaterThanOrEqual(7);
    expect(mail.subject).toBe("Your meeting is confirmed");
    const [record] = await store.deliveries(id);
    expect(record).toMatchObject({ status: "sent", kind: "confirmation" });
    expect(record.attempts).toBeGreaterThan(1);
    await sleep(4000);
    expect(await of(id)).toHaveLength(1);
  }, 120_000);

  it("double opt-in: the e-mail asks to confirm with a link; GET shows a button and changes nothing; its POST books; then the confirmation", async () => {
    const group = randomUUID();
    await createEmployee(api, { workingHours: hours(ALL, "09:00", "16:00"), serviceGroups: [group], meetingTypes: ["Online"] });
    const typeId = randomUUID();
    const type = await api.put(`/config/meeting-types/${typeId}`, {
      name: `Type ${typeId.slice(0, 6)}`,
      durations: { defaultMinutes: 60, allowedMinutes: [60] },
      pool: { serviceGroup: group },
      confirmation: { mode: "attendee", expiryMinutes: 60 },
    });
    expect(type.status, type.text).toBe(201);
    const s = dayAt10(5);
    const res = await api.post(`/meetings`, {
      bookedBy: "Customer",
      salesforceId: "sf",
      customerId: "c1",
      meetingTypeId: typeId,
      startDate: s.toISO(),
      endDate: s.plus({ hours: 1 }).toISO(),
      externalAttendees: attendees,
    });
    expect(res.status, res.text).toBe(201);
    const id = res.body.id as string;
    const ask = await waitFor("the confirm request", async () => (await of(id)).find((m) => m.subject === "Bekræft venligst dit møde"));
    expect(ask.attachments).toEqual([]);
    const link = /https?:\/\/\S+\/api\/messages\/confirm\?\S+/.exec(ask.text)?.[0];
    expect(link, ask.text).toBeDefined();
    const url = new URL(link!);
    const hostUrl = `${stack.hosts[0].url}${url.pathname}${url.search}`;
    const page = await fetch(hostUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Bekræft mødet");
    expect((await api.get(`/meetings/${id}`)).body.status, "a GET changes nothing").toBe("Pending");
    const forged = await fetch(hostUrl.replace(/token=[^&]+/, "token=forged"), {
      method: "POST",
      body: url.search.slice(1).replace(/token=[^&]+/, "token=forged"),
    });
    expect(forged.status).toBe(404);
    const post = await fetch(`${stack.hosts[0].url}${url.pathname}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: url.search.slice(1),
    });
    expect(post.status).toBe(200);
    expect((await api.get(`/meetings/${id}`)).body.status).toBe("Booked");
    const confirmation = await waitFor("the confirmation", async () => (await of(id)).find((m) => m.subject === "Bekræftelse af dit møde"));
    expect(icsOf(confirmation).method).toBe("REQUEST");
    expect((await of(id)).map((m) => m.subject).sort()).toEqual(["Bekræft venligst dit møde", "Bekræftelse af dit møde"]);
  });

  it("host logs name message ids and kinds, never the customer's address or name", () => {
    const lines = stack.hosts.flatMap((h) => h.output).filter((l) => l.includes("customer messages"));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).not.toMatch(/karen|kunde|bo@example|Bo English/i);
  });
});
