/** Reminder offsets per meeting type: the type's own list, else the deployment's REMINDER_OFFSETS; an empty list plans none. */
import { describe, expect, it } from "vitest";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import type { MessagesDeps } from "../../../shared/messages/deps.js";
import { replanReminders } from "../../../shared/messages/reminders.js";
import { meetingDoc } from "./fixtures.js";
import { MemoryMessageStore } from "./memory-store.js";

const NOW = Date.parse("2027-03-01T08:00:00Z");
const START = "2027-03-05T10:00:00.000Z";

const meeting = (meetingTypeId: string | null) =>
  meetingDoc({ id: `m-${meetingTypeId ?? "none"}`, meetingTypeId, startDate: START, endDate: "2027-03-05T10:30:00.000Z" });

function deps(types: Record<string, { reminders?: string[] }>): Pick<MessagesDeps, "store" | "offsets" | "directory"> {
  return {
    store: new MemoryMessageStore(),
    offsets: ["P1D", "PT2H"],
    directory: {
      get: async (kind: string, id: string) => (kind === "meetingType" ? types[id] : undefined),
    } as unknown as MessagesDeps["directory"],
  };
}

const dueTimes = async (d: Pick<MessagesDeps, "store">, m: MeetingDoc) => (await d.store.reminders(m.id)).map((r) => r.doc.dueAt).sort();

describe("reminder offsets per meeting type", () => {
  it("a type's own reminders replace the deployment's", async () => {
    const d = deps({ short: { reminders: ["PT30M", "P3D"] } });
    await replanReminders(d, meeting("short"), NOW);
    expect(await dueTimes(d, meeting("short"))).toEqual(["2027-03-02T10:00:00.000Z", "2027-03-05T09:30:00.000Z"]);
  });

  it("a type without reminders, an unknown type and a meeting without a type use REMINDER_OFFSETS", async () => {
    const d = deps({ plain: {} });
    for (const m of [meeting("plain"), meeting("gone"), meeting(null)]) {
      await replanReminders(d, m, NOW);
      expect(await dueTimes(d, m)).toEqual(["2027-03-04T10:00:00.000Z", "2027-03-05T08:00:00.000Z"]);
    }
  });

  it("an empty list plans none, and removes those planned before the type changed", async () => {
    const types: Record<string, { reminders?: string[] }> = { t: {} };
    const d = deps(types);
    await replanReminders(d, meeting("t"), NOW);
    expect(await dueTimes(d, meeting("t"))).toHaveLength(2);
    types.t = { reminders: [] };
    await replanReminders(d, meeting("t"), NOW);
    expect(await dueTimes(d, meeting("t"))).toEqual([]);
  });
});
