/** No-shows over the in-memory ports: after the start only, not for cancelled meetings, undone within 24 hours; the time stays held. */
import { describe, expect, it } from "vitest";
import { bookingDeps, type BookingDeps } from "../../../shared/booking/write/deps.js";
import { createMeeting } from "../../../shared/booking/commands/book-meeting.js";
import { cancelMeeting } from "../../../shared/booking/commands/cancel-meeting.js";
import { markNoShow, NO_SHOW_UNDO_MS, undoNoShow } from "../../../shared/booking/commands/no-show.js";
import type { BookMeetingCommand } from "../../../shared/booking/model/commands.js";
import type { Caller } from "../../../shared/booking/model/caller.js";
import { HOLDING_STATUSES } from "../../../shared/booking/model/documents.js";
import type { Employee } from "../../../shared/directory/directory.js";
import { analyseConsistency, violations } from "../../../dev/consistency.js";
import { memoryStores, type MemoryStores } from "../../support/memory/stores.js";
import { meetingDetails } from "../../support/memory/meeting-details.js";

const NOW = Date.parse("2030-01-07T06:00:00Z");
const AT = Date.parse("2030-01-08T10:00:00Z");
const HOUR = 3_600_000;
const E1 = "00000000-0000-4000-8000-000000000001";
const E2 = "00000000-0000-4000-8000-000000000002";

async function world(): Promise<{ stores: MemoryStores; deps: BookingDeps }> {
  const stores = memoryStores();
  for (const id of [E1, E2])
    await stores.directory.put("employee", {
      id,
      name: "A",
      email: `${id}@bank.example`,
      timeZone: "UTC",
      overrides: [],
      meetingTypes: ["Online"],
      locations: [],
      serviceGroups: [],
      topicIds: [],
      customerTypeIds: [],
      absences: [],
      workingHours: ["monday", "tuesday", "wednesday"].map((day) => ({ day, start: "08:00", end: "18:00" })),
    } as Employee);
  return { stores, deps: bookingDeps(stores, { reservationTtlMs: 300_000 }) };
}

const command: BookMeetingCommand = {
  version: "v2",
  employeeId: E1,
  type: "Online",
  time: { start: AT, end: AT + HOUR },
  details: meetingDetails({ bookedBy: "Employee" }),
};
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (err: { code?: string }) => err.code,
  );
const advisor = (employeeId: string): Caller => ({ channel: "Employee", tenantId: "t", clientId: "desk", userId: "u", employeeId });

describe("no-shows", () => {
  it("only after the start; then NoShow with meeting.no_show and an audit line; the time stays held; undone within 24 hours", async () => {
    const { stores, deps } = await world();
    const { meeting } = await createMeeting(deps, command, NOW);
    expect(await code(markNoShow(deps, { id: meeting.id }, AT - 1))).toBe("meeting_not_started");
    const marked = await markNoShow(deps, { id: meeting.id }, AT + 5 * 60_000);
    expect(marked.meeting).toMatchObject({ status: "NoShow", noShowAt: new Date(AT + 5 * 60_000).toISOString(), rev: meeting.rev + 1 });
    expect(HOLDING_STATUSES).toContain("NoShow");
    const events = [...stores.outbox.events.values()].filter((e) => e.aggregate === `meeting:${meeting.id}`);
    expect(events.map((e) => [e.type, e.seq])).toEqual([
      ["meeting.created", 1],
      ["meeting.no_show", 2],
    ]);
    expect([...stores.audit.entries.values()].map((a) => a.action)).toContain("meeting.no_show");
    expect(await code(markNoShow(deps, { id: meeting.id }, AT + HOUR))).toBe("already_no_show");
    expect(violations(analyseConsistency(stores.snapshot(), AT + HOUR))).toEqual([]);

    const undone = await undoNoShow(deps, { id: meeting.id }, AT + 5 * 60_000 + NO_SHOW_UNDO_MS);
    expect(undone.meeting.status).toBe("Booked");
    expect(undone.meeting.noShowAt).toBeUndefined();
    expect(await code(undoNoShow(deps, { id: meeting.id }, AT + 2 * HOUR))).toBe("not_no_show");
  });

  it("undo after 24 hours is 409 no_show_undo_expired; a cancelled meeting is 409 meeting_cancelled", async () => {
    const { deps } = await world();
    const { meeting } = await createMeeting(deps, command, NOW);
    await markNoShow(deps, { id: meeting.id }, AT + HOUR);
    expect(await code(undoNoShow(deps, { id: meeting.id }, AT + HOUR + NO_SHOW_UNDO_MS + 1))).toBe("no_show_undo_expired");
    const other = await createMeeting(deps, { ...command, time: { start: AT + 2 * HOUR, end: AT + 3 * HOUR } }, NOW);
    await cancelMeeting(deps, { id: other.meeting.id }, NOW);
    expect(await code(markNoShow(deps, { id: other.meeting.id }, AT + 4 * HOUR))).toBe("meeting_cancelled");
  });

  it("the meeting's advisor may mark it, another advisor or channel may not", async () => {
    const { deps } = await world();
    const { meeting } = await createMeeting(deps, command, NOW);
    const later = AT + HOUR;
    expect(
      await code(markNoShow(deps, { id: meeting.id, caller: { channel: "Bot", tenantId: "t", clientId: "b", entity: "org:x" } }, later)),
    ).toBe("not_found");
    expect(await code(markNoShow(deps, { id: meeting.id, caller: { channel: "Portal", tenantId: "t", clientId: "p" } }, later))).toBe(
      "not_found",
    );
    expect(await code(markNoShow(deps, { id: meeting.id, caller: { ...advisor(E2), branchEmployeeIds: [E1, E2] } }, later))).toBe(
      "forbidden",
    );
    expect(await code(markNoShow(deps, { id: meeting.id, caller: advisor(E1) }, later))).toBe("ok");
  });
});
