/** The message job over memory ports: a reminder whose meeting moved after planning is never sent for the old time; a cancelled one is removed. */
import { describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import type { MessagesDeps } from "../../../shared/messages/deps.js";
import { handleCustomerMessage } from "../../../shared/messages/handle.js";
import type { CustomerMessage, OutgoingEmail, OutgoingSms } from "../../../shared/messages/ports.js";
import { claimDueReminders, replanReminders } from "../../../shared/messages/reminders.js";
import { meetingDoc } from "./fixtures.js";
import { MemoryMessageStore } from "./memory-store.js";

const NOW = Date.parse("2027-01-10T08:00:00Z");

function setup(meeting: MeetingDoc) {
  const sent: (OutgoingEmail | OutgoingSms)[] = [];
  const queued: CustomerMessage[] = [];
  const current = { meeting };
  const deps: MessagesDeps = {
    store: new MemoryMessageStore(),
    provider: {
      sendEmail: async (m) => (sent.push(m), { outcome: "sent", providerId: m.operationId }),
      sendSms: async (m) => (sent.push(m), { outcome: "sent", providerId: m.operationId }),
    },
    queue: { send: async (m) => void queued.push(m) },
    events: { get: async () => undefined },
    meetings: { get: async () => ({ meeting: current.meeting }) },
    directory: { get: async () => undefined } as unknown as MessagesDeps["directory"],
    offsets: ["PT2H"],
  };
  return { deps, sent, queued, current };
}

const meeting = meetingDoc;

describe("the reminder job", () => {
  it("a due reminder is claimed once (a second timer run finds nothing) and sent once", async () => {
    const { deps, sent, queued } = setup(meeting());
    await replanReminders(deps, meeting(), NOW - 7_200_000);
    expect(await claimDueReminders(deps, NOW)).toBe(1);
    expect(await claimDueReminders(deps, NOW)).toBe(0);
    const report = await handleCustomerMessage(deps, queued[0], NOW);
    expect(report).toMatchObject({ outcome: "done", sent: 1, kinds: ["reminder"] });
    expect((await handleCustomerMessage(deps, queued[0], NOW)).sent).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it("moved between planning and sending: the old time is never reminded, the reminder follows the new time", async () => {
    const { deps, sent, queued, current } = setup(meeting());
    await replanReminders(deps, meeting(), NOW - 7_200_000);
    await claimDueReminders(deps, NOW);
    current.meeting = meeting({ rev: 2, startDate: "2027-01-11T09:00:00.000Z", endDate: "2027-01-11T09:30:00.000Z" });
    const report = await handleCustomerMessage(deps, queued[0], NOW);
    expect(report).toMatchObject({ outcome: "dropped", reason: "reminder stale" });
    expect(sent).toEqual([]);
    const [r] = await deps.store.reminders("m1");
    expect(r.doc).toMatchObject({ startDate: "2027-01-11T09:00:00.000Z", dueAt: "2027-01-11T07:00:00.000Z", status: "planned" });
  });

  it("cancelled between planning and sending: nothing is sent and the reminder is removed", async () => {
    const { deps, sent, queued, current } = setup(meeting());
    await replanReminders(deps, meeting(), NOW - 7_200_000);
    await claimDueReminders(deps, NOW);
    current.meeting = meeting({ rev: 2, status: "Cancelled" });
    expect((await handleCustomerMessage(deps, queued[0], NOW)).outcome).toBe("dropped");
    expect(sent).toEqual([]);
    expect(await deps.store.reminders("m1")).toEqual([]);
  });
});
