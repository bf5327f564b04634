/**
 * The waitlist end to end on the real local stack: an advisor with one time a day, booked; two
 * customers join the waitlist of the booking link for that day (the bots API); the booking is
 * cancelled; the committed meeting.cancelled goes outbox -> dispatcher -> customer-messages queue ->
 * the waitlist job, which offers the freed time to both (policy: everyone waiting, at once, in join
 * order) by e-mail through the real ACS SDK to the dev ACS. The first books the link's time (201);
 * the second gets the normal conflict (409 slot_taken). Offers are sent once each; the first's entry
 * reads booked. Bad input gets 400 naming the field, in the bots API's shape and as V2 problem+json.
 */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxMessage } from "../../dev/acs/inbox-store.js";
import { Api, createEmployee, hours, sleep } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

const ALL = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const ZONE = "Europe/Copenhagen";

let stack: Stack;
let api: Api;
let root: string;
let key: string;
let linkId: string;
let typeId: string;
/** The advisor's only time that day: 10:00-10:30 Copenhagen, three days ahead (any weekday: the advisor works every day). */
let day: DateTime;
let slotStart: string;

beforeAll(async () => {
  stack = await startStack({ acs: true });
  api = new Api(stack);
  root = stack.hosts[0].url;
  const advisor = await createEmployee(api, { workingHours: hours(ALL, "10:00", "10:30"), timeZone: ZONE });
  typeId = randomUUID();
  const type = await api.put(`/config/meeting-types/${typeId}`, {
    name: "Waitlisted advice",
    durations: { defaultMinutes: 30 },
    pool: { employeeIds: [advisor.id] },
    timeZone: ZONE,
  });
  expect(type.status, type.text).toBe(201);
  linkId = `link_wl${randomUUID().slice(0, 8)}`;
  const link = await api.put(`/config/booking-links/${linkId}`, {
    slug: `wl-${linkId.slice(7)}`,
    title: "Advice",
    durationMinutes: 30,
    meetingTypeId: typeId,
  });
  expect(link.status, link.text).toBe(201);
  const created = await api.post("/config/api-keys", { name: "waitlist bot", scopes: ["bookings:read", "bookings:write"] });
  expect(created.status, created.text).toBe(201);
  key = (created.body as { key: string }).key;
  day = DateTime.now().setZone(ZONE).startOf("day").plus({ days: 3 });
  slotStart = day.set({ hour: 10 }).toUTC().toISO({ suppressMilliseconds: false })!;
}, 120_000);
afterAll(async () => stack?.stop());

/** A call as the bots make it: the API key as bearer. */
async function bots(method: string, path: string, body?: unknown) {
  const res = await fetch(`${root}/api/v1${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

const inbox = async (): Promise<InboxMessage[]> => (await fetch(`${stack.acs!.inboxUrl}/messages`)).json() as Promise<InboxMessage[]>;
const offersTo = async (address: string) =>
  (await inbox()).filter((m) => m.channel === "email" && m.to.includes(address) && m.subject === "En tid er blevet ledig");

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const window = () => ({
  from: day.toUTC().toISO({ suppressMilliseconds: true })!,
  to: day.plus({ days: 1 }).toUTC().toISO({ suppressMilliseconds: true })!,
});
const first = { name: "Freja Først", email: `first-${randomUUID().slice(0, 8)}@example.com` };
const second = { name: "Anders Anden", email: `second-${randomUUID().slice(0, 8)}@example.com` };

describe("the waitlist", () => {
  it("rejects bad input naming the field (bots shape and V2 problem+json)", async () => {
    const base = { booking_link_id: linkId, contact_name: "X", contact_email: "x@example.com", ...window() };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, to: base.from, from: base.to }, "to"],
      [{ ...base, from: "tomorrow" }, "from"],
      [{ ...base, contact_phone: "12 34 56 78" }, "contact_phone"],
      [{ ...base, contact_email: undefined }, "contact_email"],
      [{ ...base, booking_link_id: "nope" }, "booking_link_id"],
    ];
    for (const [body, field] of cases) {
      const res = await bots("POST", "/waitlist", body);
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
    const v2 = await api.post("/waitlist", {
      meetingTypeId: typeId,
      ...window(),
      attendee: { name: "X", email: "not-an-email", phone: "+45" },
    });
    expect(v2.status, v2.text).toBe(400);
    expect(v2.headers.get("content-type")).toContain("application/problem+json");
    const fields = (v2.body as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["attendee.email", "attendee.phone"]));
  });

  it("V2: join, read one's own entry, leave", async () => {
    const joined = await api.post("/waitlist", {
      meetingTypeId: typeId,
      ...window(),
      attendee: { name: "V To", email: "v2@example.com", phone: "+4512345678" },
      language: "en",
    });
    expect(joined.status, joined.text).toBe(201);
    expect(joined.body).toMatchObject({ meetingTypeId: typeId, status: "waiting", language: "en", offers: [] });
    const id = (joined.body as { id: string }).id;
    const read = await api.get(`/waitlist/${id}`);
    expect(read.status, read.text).toBe(200);
    expect((await api.delete(`/waitlist/${id}`)).status).toBe(204);
    expect((await api.get(`/waitlist/${id}`)).status).toBe(404);
  });

  it("a cancel in the window offers the time to both, once each; the first books it, the second gets 409", async () => {
    const taken = await bots("POST", "/bookings", {
      booking_link_id: linkId,
      contact_name: "Optaget Person",
      contact_email: "taken@example.com",
      start_time: slotStart,
    });
    expect(taken.status, taken.text).toBe(201);
    const free = await bots("GET", `/availability?booking_link_id=${linkId}&date=${day.toISODate()}`);
    expect(free.body.data.slots, "the day is full").toEqual([]);

    const ids: string[] = [];
    for (const who of [first, second]) {
      const res = await bots("POST", "/waitlist", {
        booking_link_id: linkId,
        contact_name: who.name,
        contact_email: who.email,
        ...window(),
      });
      expect(res.status, res.text).toBe(201);
      expect(res.body.data).toMatchObject({ booking_link_id: linkId, status: "waiting", contact_email: who.email });
      ids.push(res.body.data.id);
    }

    const t0 = Date.now();
    const cancelled = await bots("PATCH", `/bookings/${taken.body.id}/cancel`, { reason: "moved abroad" });
    expect(cancelled.status, cancelled.text).toBe(200);

    const [offer1] = await waitFor("the first offer", async () =>
      (await offersTo(first.email)).length ? offersTo(first.email) : undefined,
    );
    const [offer2] = await waitFor("the second offer", async () =>
      (await offersTo(second.email)).length ? offersTo(second.email) : undefined,
    );
    console.log(`cancel -> both waitlist offers in the dev inbox: ${((Date.now() - t0) / 1000).toFixed(2)} s`);
    for (const offer of [offer1, offer2]) {
      expect(offer.meetingId).toBe(taken.body.id);
      expect(offer.text).toContain("10:00–10:30");
    }
    const linkOf = (m: InboxMessage) => new URL(/https?:\/\/\S+\/book\/\?\S+/.exec(m.text)![0]);
    const url = linkOf(offer1);
    expect(url.searchParams.get("at")).toBe(slotStart);
    expect(url.searchParams.get("link")).toBe(linkId);
    expect(offer1.html).toContain(url.search.replace(/&/g, "&amp;"));

    const booked = await bots("POST", "/bookings", {
      booking_link_id: linkId,
      contact_name: first.name,
      contact_email: first.email,
      start_time: url.searchParams.get("at"),
    });
    expect(booked.status, booked.text).toBe(201);
    const late = await bots("POST", "/bookings", {
      booking_link_id: linkId,
      contact_name: second.name,
      contact_email: second.email,
      start_time: linkOf(offer2).searchParams.get("at"),
    });
    expect(late.status, late.text).toBe(409);
    expect(late.body.error.code).toBe("slot_taken");

    // The first one's entry reads booked (from the booking's event); each offer went once.
    const { CosmosClient } = await import("@azure/cosmos");
    const client = new CosmosClient({
      endpoint: stack.cosmosEndpoint,
      key: stack.cosmosKey,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const container = client.database("bookme").container("waitlist");
      const statusOf = async (id: string) => (await container.item(id, `mt:${typeId}`).read<{ status: string }>()).resource?.status;
      await waitFor("the first entry booked", async () => ((await statusOf(ids[0])) === "booked" ? true : undefined));
      expect(await statusOf(ids[1])).toBe("offered");
    } finally {
      client.dispose();
    }
    await sleep(3000);
    expect(await offersTo(first.email)).toHaveLength(1);
    expect(await offersTo(second.email)).toHaveLength(1);
  }, 90_000);

  it("waitlist entries are personal data: in the person's export, deleted by their erasure", async () => {
    const runJobs = async () => expect((await fetch(`${root}/admin/functions/privacy-jobs`, { method: "POST" })).status).toBe(202);
    const finished = async (path: string) => {
      await runJobs();
      return waitFor(
        path,
        async () => {
          const res = await api.get(path);
          return res.body.status === "Succeeded" ? res.body : undefined;
        },
        60_000,
      );
    };
    const exported = await api.post("/privacy/exports", { email: second.email });
    expect(exported.status, exported.text).toBe(202);
    const doc = (await finished(`/privacy/exports/${exported.body.id}`)).result;
    expect(doc.waitlist).toEqual([
      expect.objectContaining({
        meetingTypeId: typeId,
        bookingLinkId: linkId,
        status: "offered",
        contact: expect.objectContaining(second),
      }),
    ]);
    expect(doc.waitlist[0].offers.map((o: { start: string }) => o.start)).toEqual([slotStart]);
    const erased = await api.post("/privacy/erasures", { email: second.email, reason: "waitlist test" });
    expect(erased.status, erased.text).toBe(202);
    await finished(`/privacy/erasures/${erased.body.id}`);
    const again = await api.post("/privacy/exports", { email: second.email });
    expect((await finished(`/privacy/exports/${again.body.id}`)).result.waitlist).toEqual([]);
  }, 120_000);
});
