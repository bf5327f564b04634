/**
 * The dev ACS driven by the real SDKs (@azure/communication-email's beginSend + poller,
 * @azure/communication-sms) through the adapter: HMAC-signed with the connection string's key,
 * one message per Operation-Id, faults as retry, a wrong key refused; and deliverOnce over it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevAcs, DEV_ACS_ACCESS_KEY, type DevAcs } from "../../../dev/acs/server.js";
import type { InboxMessage } from "../../../dev/acs/inbox-store.js";
import { acsProvider } from "../../../shared/adapters/acs/acs-provider.js";
import { deliverOnce } from "../../../shared/messages/deliver.js";
import { operationIdOf } from "../../../shared/messages/ids.js";
import type { OutgoingEmail } from "../../../shared/messages/ports.js";
import { MemoryMessageStore } from "./memory-store.js";

let acs: DevAcs;
let dir: string;
let ca: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dev-acs-"));
  acs = await startDevAcs({ dataDir: dir, port: 0, inboxPort: 0 });
  ca = fs.readFileSync(acs.caFile, "utf8");
});
afterAll(async () => {
  await acs?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const provider = (connectionString = acs.connectionString) =>
  acsProvider({ connectionString, emailSender: "DoNotReply@bookme.local", smsSender: "BookMe", ca, pollIntervalMs: 50 });

const email = (key: string): OutgoingEmail => ({
  operationId: operationIdOf(key),
  meetingId: "meeting-1",
  to: [{ address: "karen@example.com", displayName: "Karen Kunde" }],
  subject: "Bekræftelse af dit møde",
  text: "Dit møde er booket.",
  html: "<p>Dit møde er booket.</p>",
  attachments: [
    {
      name: "invite.ics",
      contentType: "text/calendar",
      contentBase64: Buffer.from("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").toString("base64"),
    },
  ],
});

const inbox = async (): Promise<InboxMessage[]> => (await fetch(`${acs.inboxUrl}/messages`)).json() as Promise<InboxMessage[]>;
const admin = (p: string, init?: RequestInit) => fetch(new URL(p, acs.inboxUrl), init);

describe("the dev ACS with the real SDKs", () => {
  it("an e-mail is accepted (202, Operation-Location polled to Succeeded) and lands in the inbox with its attachment", async () => {
    const outcome = await provider().sendEmail(email("a"));
    expect(outcome.outcome).toBe("sent");
    const [m] = (await inbox()).filter((x) => x.operationId === operationIdOf("a"));
    expect(m).toMatchObject({ channel: "email", to: ["karen@example.com"], subject: "Bekræftelse af dit møde", meetingId: "meeting-1" });
    expect(m.attachments).toEqual([expect.objectContaining({ name: "invite.ics", contentType: "text/calendar" })]);
    const page = await (await fetch(acs.inboxUrl)).text();
    expect(page).toContain("Bekræftelse af dit møde");
  });

  it("the same Operation-Id again is the same operation: still one message", async () => {
    const p = provider();
    expect((await p.sendEmail(email("b"))).outcome).toBe("sent");
    expect((await p.sendEmail(email("b"))).outcome).toBe("sent");
    expect((await inbox()).filter((x) => x.operationId === operationIdOf("b"))).toHaveLength(1);
  });

  it("a request signed with another key is refused (401), and nothing is kept", async () => {
    const wrong = acs.connectionString.replace(DEV_ACS_ACCESS_KEY, Buffer.from("another key").toString("base64"));
    const outcome = await provider(wrong).sendEmail(email("c"));
    expect(outcome).toMatchObject({ outcome: "rejected", status: 401 });
    expect((await inbox()).filter((x) => x.operationId === operationIdOf("c"))).toHaveLength(0);
  });

  it("an SMS is sent through SmsClient", async () => {
    const outcome = await provider().sendSms({
      operationId: operationIdOf("s"),
      meetingId: "meeting-2",
      to: "+4512345678",
      text: "Påmindelse",
    });
    expect(outcome.outcome).toBe("sent");
    expect((await inbox()).find((x) => x.channel === "sms" && x.meetingId === "meeting-2")).toMatchObject({
      to: ["+4512345678"],
      text: "Påmindelse",
    });
  });

  it("an outage (503 with Retry-After) is a retry; deliverOnce sends after it, once", async () => {
    expect(
      (await admin("/dev-acs/faults", { method: "POST", body: JSON.stringify({ status: 503, count: 2, retryAfter: 3 }) })).status,
    ).toBe(204);
    const store = new MemoryMessageStore();
    const p = provider();
    const plan = { key: "d", operationId: operationIdOf("d"), kind: "confirmation" as const, channel: "email" as const, recipient: 0 };
    const first = await deliverOnce(store, p, "meeting-3", plan, () => email("d"), Date.now());
    expect(first).toMatchObject({ result: "retry", status: 503, delayMs: 3000 });
    expect((await deliverOnce(store, p, "meeting-3", plan, () => email("d"), Date.now())).result).toBe("retry");
    expect((await deliverOnce(store, p, "meeting-3", plan, () => email("d"), Date.now())).result).toBe("sent");
    expect((await deliverOnce(store, p, "meeting-3", plan, () => email("d"), Date.now())).result).toBe("already_sent");
    expect((await inbox()).filter((x) => x.operationId === operationIdOf("d"))).toHaveLength(1);
    const [record] = await store.deliveries("meeting-3");
    expect(record).toMatchObject({ status: "sent", attempts: 3, kind: "confirmation", channel: "email" });
    expect(JSON.stringify(record)).not.toContain("karen");
  });

  it("a host that died mid-send (lease still held) makes the next try wait; after the lease the same operation id sends once", async () => {
    const store = new MemoryMessageStore();
    const plan = { key: "e", operationId: operationIdOf("e"), kind: "reminder" as const, channel: "email" as const, recipient: 0 };
    const t0 = Date.now();
    // The first host: leased, sent to ACS, died before recording it.
    const record = await store.createDelivery({
      id: `delivery:${plan.operationId}`,
      type: "delivery",
      meetingId: "meeting-4",
      operationId: plan.operationId,
      kind: "reminder",
      channel: "email",
      status: "sending",
      attempts: 1,
      leaseUntil: new Date(t0 + 60_000).toISOString(),
      lastStatus: null,
      createdAt: new Date(t0).toISOString(),
      updatedAt: new Date(t0).toISOString(),
      sentAt: null,
    });
    expect(record.doc.status).toBe("sending");
    expect((await provider().sendEmail(email("e"))).outcome).toBe("sent");
    expect((await deliverOnce(store, provider(), "meeting-4", plan, () => email("e"), t0 + 1000)).result).toBe("retry");
    expect((await deliverOnce(store, provider(), "meeting-4", plan, () => email("e"), t0 + 61_000)).result).toBe("sent");
    expect((await inbox()).filter((x) => x.operationId === operationIdOf("e"))).toHaveLength(1);
  });
});
