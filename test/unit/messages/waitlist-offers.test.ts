/**
 * The waitlist job over memory ports: a cancel offers the freed time to the open entries in join
 * order, once per (entry, time, channel) however often the job runs; a provider outage asks for a
 * retry and records no offer; a time taken meanwhile is offered to no one; a booking marks the
 * contact's entry booked. The offer links to the booking page on the offered time: a page entry's choice, or
 * the one derived from the meeting type (only the type when no customer can book its topic).
 */
import { describe, expect, it } from "vitest";
import type { OutboxEvent } from "../../../shared/booking/model/events.js";
import type { MessagesDeps } from "../../../shared/messages/deps.js";
import { handleCustomerMessage } from "../../../shared/messages/handle.js";
import type { OutgoingEmail, OutgoingSms, ProviderOutcome } from "../../../shared/messages/ports.js";
import type { Interval, StoredEntry, WaitlistEntry, WaitlistStore } from "../../../shared/messages/waitlist.js";
import { MemoryMessageStore } from "./memory-store.js";

const MT = "8f0c7d2e-1b2a-4c3d-9e8f-0a1b2c3d4e5f";
const NOW = Date.parse("2030-03-03T12:00:00Z");
const START = "2030-03-04T09:00:00.000Z";
const END = "2030-03-04T09:30:00.000Z";

class MemoryWaitlist implements WaitlistStore {
  docs = new Map<string, StoredEntry>();
  private n = 0;
  async create(e: WaitlistEntry) {
    this.docs.set(e.id, { doc: structuredClone(e), etag: String(++this.n) });
  }
  async get(id: string) {
    const s = this.docs.get(id);
    return s && structuredClone(s);
  }
  async replace(e: WaitlistEntry, etag: string) {
    if (this.docs.get(e.id)?.etag !== etag) return undefined;
    const next = String(++this.n);
    this.docs.set(e.id, { doc: structuredClone(e), etag: next });
    return next;
  }
  async delete(id: string) {
    return this.docs.delete(id);
  }
  async open(target: string, start: string, end: string) {
    return [...this.docs.values()]
      .filter((s) => s.doc.target === target && s.doc.status !== "booked" && s.doc.fromTime < end && s.doc.toTime > start)
      .map((s) => structuredClone(s));
  }
  async ofSubjects() {
    return [];
  }
}

const entry = (id: string, joinedAt: string, over: Partial<WaitlistEntry> = {}): WaitlistEntry => ({
  id,
  type: "waitlist",
  target: `mt:${MT}`,
  meetingTypeId: MT,
  choice: null,
  bookingLinkId: null,
  durationMinutes: null,
  timeZone: "Europe/Copenhagen",
  fromTime: "2030-03-04T00:00:00.000Z",
  toTime: "2030-03-05T00:00:00.000Z",
  contact: { name: id, email: `${id}@example.test`, phone: null },
  language: "en",
  status: "waiting",
  offers: [],
  joinedAt,
  updatedAt: joinedAt,
  owner: { tenantId: "t", clientId: "c" },
  subjects: [],
  ttl: 1000,
  ...over,
});

const cancelled: OutboxEvent = {
  id: "evt_meeting_m1_2",
  type: "meeting.cancelled",
  timestamp: "2030-03-03T11:00:00.000Z",
  aggregate: "meeting:m1",
  seq: 2,
  data: { startDate: START, endDate: END, employeeId: "e1", additionalEmployees: [], meetingTypeId: MT, status: "Cancelled" },
};

/** The meeting type's page choice: its topic (customer-visible, for customer type ct-b), Online. */
const TOPIC = { id: "tp1", name: "Advice", customerTypeIds: ["ct-b"], isCustomerVisible: true };
const TYPE = { id: MT, name: "Advice", topicId: "tp1", customerTypeIds: [], meetingTypes: ["Online"], pool: { employeeIds: ["e1"] } };

function memoryDirectory(docs: Record<string, Record<string, unknown>[]> = {}): MessagesDeps["directory"] {
  const all: Record<string, Record<string, unknown>[]> = {
    meetingType: [TYPE],
    topic: [TOPIC],
    customerType: [
      { id: "ct-b", name: "B" },
      { id: "ct-a", name: "A" },
    ],
    ...docs,
  };
  return {
    get: async (kind: string, id: string) => all[kind]?.find((d) => d.id === id),
    list: async (kind: string) => all[kind] ?? [],
  } as unknown as MessagesDeps["directory"];
}

function setup(free: Interval[] = [{ start: Date.parse(START), end: Date.parse(END) }]) {
  const sent: (OutgoingEmail | OutgoingSms)[] = [];
  const outcome: { next: ProviderOutcome } = { next: { outcome: "sent", providerId: "p" } };
  const waitlist = new MemoryWaitlist();
  const events = new Map<string, OutboxEvent>([[cancelled.id, cancelled]]);
  const deps: MessagesDeps = {
    store: new MemoryMessageStore(),
    provider: {
      sendEmail: async (m) => (outcome.next.outcome === "sent" && sent.push(m), outcome.next),
      sendSms: async (m) => (outcome.next.outcome === "sent" && sent.push(m), outcome.next),
    },
    queue: { send: async () => undefined },
    events: { get: async (id) => events.get(id) },
    meetings: { get: async () => undefined },
    directory: memoryDirectory(),
    offsets: [],
    links: { baseUrl: "https://bookme.example", key: "k" },
    optOuts: {
      keyOf: (c) => ("email" in c ? `key-of-${c.email}` : `key-of-${c.phone}`),
      store: { isOptedOut: async () => false, optOut: async () => undefined, optIn: async () => undefined },
    },
    waitlist: { store: waitlist, freeTimes: async () => free, targetsFor: async () => [`mt:${MT}`] },
  };
  return { deps, sent, outcome, waitlist, events };
}

const run = (deps: MessagesDeps, eventId = cancelled.id) => handleCustomerMessage(deps, { type: "waitlist", eventId }, NOW);

describe("the waitlist job", () => {
  it("offers the freed time to every open entry in join order, once each however often it runs", async () => {
    const { deps, sent, waitlist } = setup();
    await waitlist.create(entry("late", "2030-03-02T10:00:00.000Z"));
    await waitlist.create(
      entry("early", "2030-03-01T10:00:00.000Z", { contact: { name: "E", email: "early@example.test", phone: "+4512345678" } }),
    );
    await waitlist.create(
      entry("other-day", "2030-03-01T09:00:00.000Z", { fromTime: "2030-03-06T00:00:00.000Z", toTime: "2030-03-07T00:00:00.000Z" }),
    );
    expect(await run(deps)).toMatchObject({ outcome: "done", sent: 3, offers: 2 });
    expect(sent.map((m) => ("subject" in m ? m.to[0].address : m.to))).toEqual(["early@example.test", "+4512345678", "late@example.test"]);
    const mail = sent[0] as OutgoingEmail;
    expect(mail.subject).toBe("A time has become free");
    expect(mail.meetingId).toBe("m1");
    // The booking page on the meeting type's choice and the offered time.
    const link = `https://bookme.example/book/?customerTypeId=ct-b&topicId=tp1&meetingType=Online&branch=&meetingTypeId=${MT}&at=${encodeURIComponent(START)}`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
    expect((sent[1] as OutgoingSms).text).toContain(link);
    // Like every message: the recipient's own unsubscribe link (text, HTML, List-Unsubscribe; SMS too).
    expect(mail.unsubscribeUrl).toContain("/api/messages/unsubscribe?c=key-of-early%40example.test");
    expect(mail.text).toContain(mail.unsubscribeUrl);
    expect((sent[1] as OutgoingSms).text).toContain("/api/messages/unsubscribe?c=key-of-%2B4512345678");
    expect((await waitlist.get("early"))?.doc).toMatchObject({ status: "offered", offers: [{ start: START }] });
    // A replayed queue message, a second host: the same messages, none sent again, the offer recorded once.
    expect(await run(deps)).toMatchObject({ outcome: "done", sent: 0, alreadySent: 3 });
    expect(sent).toHaveLength(3);
    expect((await waitlist.get("early"))?.doc.offers).toHaveLength(1);
    expect((await waitlist.get("other-day"))?.doc.status).toBe("waiting");
  });

  it("each offer's final delivery is one notification.sent event naming its waitlist entry, no meeting and no address", async () => {
    const { deps, waitlist } = setup();
    const added: OutboxEvent[] = [];
    deps.outbox = { add: async (e) => void added.push(e), get: async (id) => added.find((e) => e.id === id) };
    await waitlist.create(entry("early", "2030-03-01T10:00:00.000Z"));
    await run(deps);
    await run(deps);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      type: "notification.sent",
      data: { meetingId: null, waitlistEntryId: "early", kind: "waitlist_offer", channel: "email" },
    });
    expect(JSON.stringify(added)).not.toContain("example.test");
  });

  it("a meeting type no customer can book on the page (no customer-visible topic): the link names only the type, time and booking link", async () => {
    const { deps, sent, waitlist } = setup();
    deps.directory = memoryDirectory({ topic: [{ ...TOPIC, isCustomerVisible: false }] });
    await waitlist.create(entry("a", "2030-03-01T10:00:00.000Z", { bookingLinkId: "link_abc" }));
    expect(await run(deps)).toMatchObject({ outcome: "done", sent: 1 });
    const mail = sent[0] as OutgoingEmail;
    expect(mail.text).toContain(`https://bookme.example/book/?meetingTypeId=${MT}&at=${encodeURIComponent(START)}&link=link_abc`);
    expect(mail.text).not.toContain("topicId");
  });

  it("a page entry links to its own choice", async () => {
    const { deps, sent, waitlist } = setup();
    const choice = { topicId: "tp9", customerTypeId: "ct-9", meetingType: "Physical", branch: "Aarhus C" };
    await waitlist.create(entry("p", "2030-03-01T10:00:00.000Z", { meetingTypeId: null, target: `mt:${MT}`, choice }));
    expect(await run(deps)).toMatchObject({ outcome: "done", sent: 1 });
    expect((sent[0] as OutgoingEmail).text).toContain(
      `https://bookme.example/book/?customerTypeId=ct-9&topicId=tp9&meetingType=Physical&branch=Aarhus+C&at=${encodeURIComponent(START)}`,
    );
  });

  it("an outage asks for a retry and records no offer; the retry sends it", async () => {
    const { deps, sent, outcome, waitlist } = setup();
    await waitlist.create(entry("a", "2030-03-01T10:00:00.000Z"));
    outcome.next = { outcome: "retry", status: 503, retryAfterMs: 5000 };
    expect(await run(deps)).toMatchObject({ outcome: "retry", status: 503, retryAfterMs: 5000, sent: 0 });
    expect((await waitlist.get("a"))?.doc.status).toBe("waiting");
    outcome.next = { outcome: "sent", providerId: "p" };
    expect(await run(deps)).toMatchObject({ outcome: "done", sent: 1 });
    expect(sent).toHaveLength(1);
    expect((await waitlist.get("a"))?.doc.status).toBe("offered");
  });

  it("offers nothing when the time is no longer free (booked meanwhile), or past", async () => {
    const { deps, sent, waitlist } = setup([]);
    await waitlist.create(entry("a", "2030-03-01T10:00:00.000Z"));
    expect(await run(deps)).toMatchObject({ outcome: "done", offers: 0, sent: 0 });
    const past = setup();
    await past.waitlist.create(entry("a", "2030-03-01T10:00:00.000Z"));
    expect(await handleCustomerMessage(past.deps, { type: "waitlist", eventId: cancelled.id }, Date.parse(END) + 1)).toMatchObject({
      outcome: "dropped",
      reason: "freed time is past",
    });
    expect([...sent, ...past.sent]).toEqual([]);
  });

  it("a booking by the contact marks their entry booked; others stay", async () => {
    const { deps, waitlist, events } = setup();
    await waitlist.create(entry("a", "2030-03-01T10:00:00.000Z"));
    await waitlist.create(entry("b", "2030-03-01T11:00:00.000Z"));
    const created: OutboxEvent = {
      ...cancelled,
      id: "evt_meeting_m2_1",
      type: "meeting.created",
      aggregate: "meeting:m2",
      seq: 1,
      data: { ...cancelled.data, status: "Booked", externalAttendees: [{ name: "A", email: "A@Example.test" }] },
    };
    events.set(created.id, created);
    expect(await run(deps, created.id)).toMatchObject({ outcome: "done", booked: 1 });
    expect((await waitlist.get("a"))?.doc.status).toBe("booked");
    expect((await waitlist.get("b"))?.doc.status).toBe("waiting");
  });

  it("a page booking of the meeting type's topic (from an offer's link) marks the contact's meeting-type entry booked; another topic's does not", async () => {
    const { deps, waitlist, events } = setup();
    await waitlist.create(entry("a", "2030-03-01T10:00:00.000Z"));
    const byTopic = (id: string, topicId: string): OutboxEvent => ({
      ...cancelled,
      id: `evt_meeting_${id}_1`,
      type: "meeting.created",
      aggregate: `meeting:${id}`,
      seq: 1,
      data: {
        startDate: START,
        endDate: END,
        topicId,
        meetingTypeId: null,
        status: "Booked",
        externalAttendees: [{ name: "A", email: "a@example.test" }],
      },
    });
    for (const e of [byTopic("m3", "tp-other"), byTopic("m4", "tp1")]) events.set(e.id, e);
    expect(await run(deps, "evt_meeting_m3_1")).toMatchObject({ booked: 0 });
    expect((await waitlist.get("a"))?.doc.status).toBe("waiting");
    expect(await run(deps, "evt_meeting_m4_1")).toMatchObject({ outcome: "done", booked: 1 });
    expect((await waitlist.get("a"))?.doc.status).toBe("booked");
  });
});
