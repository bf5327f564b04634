/**
 * Opt-out: the unsubscribe link is signed per contact (keyed hash, no address in it); an opted-out
 * contact gets no message of any kind (its delivery record says suppressed), others still do; a
 * final record puts exactly one notification.sent / notification.failed on the outbox.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import type { OutboxEvent } from "../../../shared/booking/model/events.js";
import type { MessagesDeps } from "../../../shared/messages/deps.js";
import { handleCustomerMessage } from "../../../shared/messages/handle.js";
import { optOutTokenMatches, unsubscribeUrl } from "../../../shared/messages/opt-out-link.js";
import { withOptOuts, type OptOuts } from "../../../shared/messages/opt-out.js";
import type { Contact, MessageProvider, OptOutStore, OutgoingEmail, OutgoingSms, ProviderOutcome } from "../../../shared/messages/ports.js";
import { claimDueReminders, replanReminders } from "../../../shared/messages/reminders.js";
import { createdEvent, meetingDoc } from "./fixtures.js";
import { MemoryMessageStore } from "./memory-store.js";

const NOW = Date.parse("2027-01-10T08:00:00Z");
const keyOf = (c: Contact) =>
  createHmac("sha256", "index-key")
    .update("email" in c ? `email:${c.email.trim().toLowerCase()}` : `phone:${c.phone.replace(/\s/g, "")}`)
    .digest("base64url");

class MemoryOptOuts implements OptOutStore {
  keys = new Set<string>();
  async isOptedOut(k: string) {
    return this.keys.has(k);
  }
  async optOut(k: string) {
    this.keys.add(k);
  }
  async optIn(k: string) {
    this.keys.delete(k);
  }
}

const meeting = (over: Partial<MeetingDoc> = {}): MeetingDoc =>
  meetingDoc({
    externalAttendees: [
      { name: "Karen Kunde", email: "karen@example.com" },
      { name: "Bo Bror", email: "bo@example.com" },
    ],
    customFields: [
      { key: "phone", value: "+4512345678" },
      { key: "language", value: "de" },
    ],
    startDate: "2027-01-12T09:00:00.000Z",
    endDate: "2027-01-12T09:30:00.000Z",
    ...over,
  });

const created = createdEvent;

function setup(outcome: (m: OutgoingEmail | OutgoingSms) => ProviderOutcome = (m) => ({ outcome: "sent", providerId: m.operationId })) {
  const sent: (OutgoingEmail | OutgoingSms)[] = [];
  const raw: MessageProvider = {
    sendEmail: async (m) => (sent.push(m), outcome(m)),
    sendSms: async (m) => (sent.push(m), outcome(m)),
  };
  const store = new MemoryOptOuts();
  const optOuts: OptOuts = { keyOf, store };
  const log = new Map<string, OutboxEvent>();
  const added: OutboxEvent[] = [];
  const m = meeting();
  const event = created(m);
  const deps: MessagesDeps = {
    store: new MemoryMessageStore(),
    provider: withOptOuts(raw, optOuts),
    queue: { send: async () => undefined },
    events: { get: async (id) => (id === event.id ? event : undefined) },
    meetings: { get: async () => ({ meeting: m }) },
    directory: { get: async () => undefined } as unknown as MessagesDeps["directory"],
    offsets: ["P1D"],
    links: { baseUrl: "https://bookme.example/", key: "link-key" },
    optOuts,
    outbox: {
      add: async (e) => {
        added.push(e);
        log.set(e.id, e);
      },
      get: async (id) => log.get(id),
    },
  };
  return { deps, sent, store, added, event };
}

describe("the unsubscribe link", () => {
  it("names the contact by its keyed hash, signed: no address in it, another contact's token does not match", () => {
    const key = keyOf({ email: "Karen@Example.com " });
    const url = new URL(unsubscribeUrl("https://bookme.example/", "link-key", key, "de"));
    expect(url.pathname).toBe("/api/messages/unsubscribe");
    expect(url.href).not.toMatch(/karen|example\.com\/.*@/i);
    expect(url.searchParams.get("c")).toBe(key);
    expect(url.searchParams.get("l")).toBe("de");
    const token = url.searchParams.get("t")!;
    expect(token).toHaveLength(22);
    expect(optOutTokenMatches("link-key", key, token)).toBe(true);
    expect(optOutTokenMatches("link-key", keyOf({ email: "bo@example.com" }), token)).toBe(false);
    expect(optOutTokenMatches("other-key", key, token)).toBe(false);
    expect(optOutTokenMatches("link-key", key, "")).toBe(false);
  });
});

describe("opted-out contacts", () => {
  it("every e-mail and SMS carries its recipient's own unsubscribe link, and the e-mail its List-Unsubscribe URL", async () => {
    const { deps, sent, event } = setup();
    const report = await handleCustomerMessage(deps, { type: "event", eventIds: [event.id] }, NOW);
    expect(report).toMatchObject({ outcome: "done", sent: 2 });
    const emails = sent.filter((m): m is OutgoingEmail => "subject" in m);
    expect(emails.map((m) => m.to[0].address)).toEqual(["karen@example.com", "bo@example.com"]);
    for (const m of emails) {
      const c = new URL(m.unsubscribeUrl!).searchParams.get("c");
      expect(c).toBe(keyOf({ email: m.to[0].address }));
      expect(m.text).toContain(`Hier abmelden: ${m.unsubscribeUrl}`);
      expect(m.subject).toBe("Ihr Termin ist bestätigt");
    }
  });

  it("get nothing, of any kind, on any channel; the others still do; the records say suppressed", async () => {
    const { deps, sent, store, event } = setup();
    await store.optOut(keyOf({ email: "KAREN@example.com" }));
    await store.optOut(keyOf({ phone: "+4512345678" }));
    const report = await handleCustomerMessage(deps, { type: "event", eventIds: [event.id] }, NOW);
    expect(report).toMatchObject({ outcome: "done", sent: 1, suppressed: 1, failed: 0 });
    expect(sent.map((m) => ("subject" in m ? m.to[0].address : m.to))).toEqual(["bo@example.com"]);
    const records = await deps.store.deliveries("m1");
    expect(records.map((r) => r.status).sort()).toEqual(["sent", "suppressed"]);
    // A retry of the job sends nothing more.
    expect(await handleCustomerMessage(deps, { type: "event", eventIds: [event.id] }, NOW)).toMatchObject({
      sent: 0,
      alreadySent: 1,
      suppressed: 1,
    });
    // The SMS of a reminder: the phone opted out, nothing goes.
    const sms = await deps.provider.sendSms({ operationId: "o", meetingId: "m1", to: "+4512345678", text: "x" });
    expect(sms).toEqual({ outcome: "suppressed" });
    // An e-mail to several: the opted-out one is left out.
    const both = await deps.provider.sendEmail({
      operationId: "o2",
      meetingId: "m1",
      to: [{ address: "karen@example.com" }, { address: "bo@example.com" }],
      subject: "s",
      text: "t",
      html: "h",
      attachments: [],
    });
    expect(both.outcome).toBe("sent");
    expect((sent.at(-1) as OutgoingEmail).to).toEqual([{ address: "bo@example.com" }]);
  });
});

describe("opted-out contacts' reminders", () => {
  it("a due reminder goes only to the contacts still in: e-mail and SMS of the opted-out are suppressed", async () => {
    const { deps, sent, store } = setup();
    const queued: Parameters<MessagesDeps["queue"]["send"]>[0][] = [];
    deps.queue = { send: async (m) => void queued.push(m) };
    const m = (await deps.meetings.get("m1"))!.meeting;
    await replanReminders(deps, m, Date.parse(m.startDate) - 2 * 86_400_000);
    await store.optOut(keyOf({ email: "karen@example.com" }));
    await store.optOut(keyOf({ phone: "+4512345678" }));
    expect(await claimDueReminders(deps, Date.parse(m.startDate) - 86_400_000 + 1000)).toBe(1);
    const report = await handleCustomerMessage(deps, queued[0], Date.parse(m.startDate) - 86_400_000 + 2000);
    expect(report).toMatchObject({ outcome: "done", kinds: ["reminder"], sent: 1, suppressed: 2 });
    expect(sent.map((x) => ("subject" in x ? x.to[0].address : x.to))).toEqual(["bo@example.com"]);
  });
});

describe("notification events", () => {
  it("one notification.sent per sent message with a deterministic id, no address or body, not again on a retry", async () => {
    const { deps, added, event } = setup();
    await handleCustomerMessage(deps, { type: "event", eventIds: [event.id] }, NOW);
    await handleCustomerMessage(deps, { type: "event", eventIds: [event.id] }, NOW);
    expect(added.map((e) => e.type)).toEqual(["notification.sent", "notification.sent"]);
    const records = await deps.store.deliveries("m1");
    expect(added.map((e) => e.id).sort()).toEqual(records.map((r) => `evt_notification_${r.operationId}_1`).sort());
    expect(added[0].data).toMatchObject({ meetingId: "m1", kind: "confirmation", channel: "email", status: "sent", attempts: 1 });
    expect(JSON.stringify(added)).not.toMatch(/karen|bo@|Kunde|Termin/);
  });

  it("a refused message is notification.failed; a throttled one is neither until it is final", async () => {
    let status = 429;
    const { deps, added, event } = setup(() =>
      status === 429 ? { outcome: "retry", status: 429 } : { outcome: "rejected", status: 400, code: "bad" },
    );
    expect((await handleCustomerMessage(deps, { type: "event", eventIds: [event.id] }, NOW)).outcome).toBe("retry");
    expect(added).toEqual([]);
    status = 400;
    await handleCustomerMessage(deps, { type: "event", eventIds: [event.id] }, NOW);
    expect(added.map((e) => e.type)).toEqual(["notification.failed", "notification.failed"]);
    expect(added[0].data).toMatchObject({ status: "failed", attempts: 2, providerStatus: 400 });
  });
});
