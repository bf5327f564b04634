/**
 * Customer messages ride the queue a dispatched chunk at a time: the dispatcher queues one message
 * for a chunk's meeting events (before they leave the outbox), and a message whose meetings partly
 * must wait comes back with only those events, so none is lost and none is sent twice.
 */
import { describe, expect, it } from "vitest";
import type { OutboxEvent } from "../../../shared/booking/model/events.js";
import { dispatch } from "../../../shared/events/dispatcher.js";
import type { EventsDeps } from "../../../shared/events/events-deps.js";
import type { MessagesDeps } from "../../../shared/messages/deps.js";
import { handleCustomerMessage } from "../../../shared/messages/handle.js";
import { customerMessageOutlet } from "../../../shared/messages/outlet.js";
import { CustomerMessage, MAX_EVENTS_PER_MESSAGE, type OutgoingEmail, type OutgoingSms } from "../../../shared/messages/ports.js";
import { createdEvent, meetingDoc } from "./fixtures.js";
import { MemoryMessageStore } from "./memory-store.js";

const NOW = Date.parse("2027-01-10T08:00:00Z");

const meeting = (id: string) =>
  meetingDoc({
    id,
    externalAttendees: [{ name: "Karen Kunde", email: `${id}@example.com` }],
    startDate: "2027-01-12T09:00:00.000Z",
    endDate: "2027-01-12T09:30:00.000Z",
  });
const created = createdEvent;

const reservation = (id: string): OutboxEvent => ({
  id: `evt_reservation_${id}_1`,
  type: "reservation.created",
  timestamp: "2027-01-09T08:00:00.000Z",
  aggregate: `reservation:${id}`,
  seq: 1,
  data: {},
});

describe("the dispatcher's customer messages", () => {
  it("queues one message per chunk of meeting events, before any of them leaves the outbox; other events are not queued", async () => {
    const pending = [...Array.from({ length: 20 }, (_, i) => created(meeting(`m${i}`))), reservation("r1")];
    const dispatched: string[] = [];
    const queued: { message: CustomerMessage; dispatchedBefore: number }[] = [];
    const deps = {
      outbox: {
        pending: async () => pending.filter((e) => !dispatched.includes(e.id)),
        markDispatched: async (id: string) => void dispatched.push(id),
      },
      subscriptions: { list: async () => [] },
      customerMessages: customerMessageOutlet({
        send: async (message) => void queued.push({ message, dispatchedBefore: dispatched.length }),
      }),
    } as unknown as EventsDeps;

    await dispatch(deps, NOW);

    expect(dispatched.sort()).toEqual(pending.map((e) => e.id).sort());
    // 21 events in chunks of 16: two messages, each queued before its chunk left the outbox.
    expect(queued.map((q) => q.message.type)).toEqual(["event", "event"]);
    expect(queued.map((q) => q.dispatchedBefore)).toEqual([0, 16]);
    const ids = queued.flatMap((q) => (q.message.type === "event" ? q.message.eventIds : []));
    expect(ids.sort()).toEqual(
      pending
        .slice(0, 20)
        .map((e) => e.id)
        .sort(),
    );
  });

  it("a queue that fails keeps the chunk in the outbox for the next run", async () => {
    const pending = [created(meeting("m1"))];
    const dispatched: string[] = [];
    const deps = {
      outbox: { pending: async () => pending, markDispatched: async (id: string) => void dispatched.push(id) },
      subscriptions: { list: async () => [] },
      customerMessages: customerMessageOutlet({ send: async () => Promise.reject(new Error("queue unavailable")) }),
    } as unknown as EventsDeps;
    await expect(dispatch(deps, NOW)).rejects.toThrow(/queue unavailable/);
    expect(dispatched).toEqual([]);
  });

  it("a message holds at most MAX_EVENTS_PER_MESSAGE events", () => {
    const ids = Array.from({ length: MAX_EVENTS_PER_MESSAGE + 1 }, (_, i) => `evt_${i}`);
    expect(CustomerMessage.safeParse({ type: "event", eventIds: ids.slice(1) }).success).toBe(true);
    expect(CustomerMessage.safeParse({ type: "event", eventIds: ids }).success).toBe(false);
    expect(CustomerMessage.safeParse({ type: "event", eventIds: [] }).success).toBe(false);
  });
});

describe("an event message of several meetings", () => {
  function setup(throttled: Set<string>) {
    const meetings = ["m1", "m2", "m3"].map(meeting);
    const events = meetings.map(created);
    const sent: (OutgoingEmail | OutgoingSms)[] = [];
    const deps: MessagesDeps = {
      store: new MemoryMessageStore(),
      provider: {
        sendEmail: async (m) => {
          if (throttled.has(m.to[0].address)) return { outcome: "retry", status: 429, retryAfterMs: 3000 };
          sent.push(m);
          return { outcome: "sent", providerId: m.operationId };
        },
        sendSms: async (m) => (sent.push(m), { outcome: "sent", providerId: m.operationId }),
      },
      queue: { send: async () => undefined },
      events: { get: async (id) => events.find((e) => e.id === id) },
      meetings: { get: async (id) => ({ meeting: meetings.find((m) => m.id === id)! }) },
      directory: { get: async () => undefined } as unknown as MessagesDeps["directory"],
      offsets: [],
    };
    return { deps, sent, events };
  }

  it("sends each meeting's confirmation; one throttled meeting comes back alone, and its retry sends it once", async () => {
    const throttled = new Set(["m2@example.com"]);
    const { deps, sent, events } = setup(throttled);
    const report = await handleCustomerMessage(deps, { type: "event", eventIds: events.map((e) => e.id) }, NOW);
    expect(report).toMatchObject({ outcome: "retry", sent: 2, meetings: 3, retryAfterMs: 3000, retryEventIds: ["evt_meeting_m2_1"] });
    expect(sent.map((m) => ("subject" in m ? m.to[0].address : m.to))).toEqual(["m1@example.com", "m3@example.com"]);

    throttled.clear();
    const again = await handleCustomerMessage(deps, { type: "event", eventIds: report.retryEventIds! }, NOW + 3000);
    expect(again).toMatchObject({ outcome: "done", sent: 1 });
    // The whole message again (a host died before deleting it): nothing is sent twice.
    const replay = await handleCustomerMessage(deps, { type: "event", eventIds: events.map((e) => e.id) }, NOW + 4000);
    expect(replay).toMatchObject({ outcome: "done", sent: 0, alreadySent: 3 });
    expect(sent).toHaveLength(3);
  });

  it("a database outage on one event retries that event only", async () => {
    const { deps, events } = setup(new Set());
    const unavailable = Object.assign(new Error("cosmos down"), { code: 503 });
    deps.events = { get: async (id) => (id === events[0].id ? Promise.reject(unavailable) : events.find((e) => e.id === id)) };
    const report = await handleCustomerMessage(deps, { type: "event", eventIds: events.map((e) => e.id) }, NOW);
    expect(report).toMatchObject({ outcome: "retry", sent: 2, retryEventIds: [events[0].id] });
  });
});
