/**
 * CalendarGuard over the in-memory ScheduleRepository (test/support/memory), which behaves like the
 * Cosmos one: every update is a read followed by a conditional write that fails (and is retried)
 * when another writer got in between. Writers interleave at every await, so races are real.
 */
import { describe, expect, it } from "vitest";
import { CalendarGuard, parseDocId, SlotTakenError } from "../../../shared/booking/write/calendar-guard.js";
import type { Hold, ResourceKey } from "../../../shared/booking/model/schedule-entries.js";
import { MemorySchedules } from "../../support/memory/stores.js";

const t = (iso: string) => Date.parse(iso);
const NOW = t("2030-01-01T00:00:00Z");
const hold = (resource: ResourceKey, start: string, end: string, before = 0, after = 0): Hold => ({
  resource,
  start: t(start),
  end: t(end),
  bufferBeforeMs: before * 60_000,
  bufferAfterMs: after * 60_000,
});
const E1: ResourceKey = "employee:e1";
const E2: ResourceKey = "employee:e2";
const R1: ResourceKey = "room:r1";

function setup() {
  const schedules = new MemorySchedules();
  return { schedules, guard: new CalendarGuard(schedules) };
}

describe("CalendarGuard.acquire", () => {
  it("writes the entry into each resource's calendar and returns the documents", async () => {
    const { schedules, guard } = setup();
    const docs = await guard.acquire(
      [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z"), hold(R1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")],
      { ref: "meeting:m1", rev: 1 },
      { now: NOW },
    );
    expect(docs.sort()).toEqual(["employee:e1:2030-01", "room:r1:2030-01"]);
    expect(schedules.docs.get("employee:e1:2030-01")?.entries).toEqual([
      { ref: "meeting:m1", rev: 1, start: "2030-01-10T09:00:00.000Z", end: "2030-01-10T10:00:00.000Z" },
    ]);
    expect(schedules.refs("room:r1:2030-01")).toEqual(["meeting:m1#1"]);
  });

  it("a hold over a month end is written to both months' calendars", async () => {
    const { schedules, guard } = setup();
    const docs = await guard.acquire(
      [hold(E1, "2030-01-31T23:30:00Z", "2030-02-01T00:30:00Z")],
      { ref: "meeting:m1", rev: 1 },
      { now: NOW },
    );
    expect(docs.sort()).toEqual(["employee:e1:2030-01", "employee:e1:2030-02"]);
    expect(schedules.refs("employee:e1:2030-01")).toEqual(["meeting:m1#1"]);
    expect(schedules.refs("employee:e1:2030-02")).toEqual(["meeting:m1#1"]);
  });

  it("buffers that reach into the next month make it part of the hold", async () => {
    const { guard } = setup();
    expect(guard.docIds([hold(E1, "2030-01-31T22:00:00Z", "2030-01-31T23:00:00Z", 0, 90)])).toEqual([
      "employee:e1:2030-01",
      "employee:e1:2030-02",
    ]);
  });

  it("an overlapping hold is SlotTakenError naming the resource", async () => {
    const { guard } = setup();
    await guard.acquire([hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")], { ref: "meeting:m1", rev: 1 }, { now: NOW });
    const err = await guard
      .acquire([hold(E1, "2030-01-10T09:30:00Z", "2030-01-10T10:30:00Z")], { ref: "meeting:m2", rev: 1 }, { now: NOW })
      .catch((e) => e);
    expect(err).toBeInstanceOf(SlotTakenError);
    expect(err.code).toBe("slot_taken");
    expect(err.resource).toBe(E1);
  });

  it("is all-or-nothing: losing on the room undoes the employee entry already written", async () => {
    const { schedules, guard } = setup();
    await guard.acquire([hold(R1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")], { ref: "meeting:m1", rev: 1 }, { now: NOW });
    const err = await guard
      .acquire(
        [hold(E2, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z"), hold(R1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")],
        { ref: "meeting:m2", rev: 1 },
        { now: NOW },
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(SlotTakenError);
    expect(err.resource).toBe(R1);
    expect(schedules.refs("employee:e2:2030-01")).toEqual([]);
    expect(schedules.refs("room:r1:2030-01")).toEqual(["meeting:m1#1"]);
  });

  it("is all-or-nothing over months too: losing in February undoes January", async () => {
    const { schedules, guard } = setup();
    await guard.acquire([hold(E1, "2030-02-01T00:00:00Z", "2030-02-01T01:00:00Z")], { ref: "meeting:m1", rev: 1 }, { now: NOW });
    await expect(
      guard.acquire([hold(E1, "2030-01-31T23:30:00Z", "2030-02-01T00:30:00Z")], { ref: "meeting:m2", rev: 1 }, { now: NOW }),
    ).rejects.toBeInstanceOf(SlotTakenError);
    expect(schedules.refs("employee:e1:2030-01")).toEqual([]);
  });

  it("ignoreRefs: a meeting being moved may overlap its own previous entry", async () => {
    const { schedules, guard } = setup();
    await guard.acquire([hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")], { ref: "meeting:m1", rev: 1 }, { now: NOW });
    await guard.acquire([hold(E1, "2030-01-10T09:30:00Z", "2030-01-10T10:30:00Z")], { ref: "meeting:m1", rev: 2 }, { now: NOW });
    expect(schedules.refs("employee:e1:2030-01")).toEqual(["meeting:m1#1", "meeting:m1#2"]);
    await guard.acquire(
      [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")],
      { ref: "reservation:r", rev: 0 },
      { now: NOW, ignoreRefs: ["meeting:m1"] },
    );
    expect(schedules.refs("employee:e1:2030-01")).toContain("reservation:r#0");
  });

  it("replaceRefs: another holder's entry is removed in the same write", async () => {
    const { schedules, guard } = setup();
    await guard.acquire(
      [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")],
      { ref: "reservation:r1", rev: 0, expiresAt: "2030-01-01T00:05:00Z" },
      { now: NOW },
    );
    const writes = schedules.writes;
    await guard.acquire(
      [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")],
      { ref: "meeting:m1", rev: 1 },
      { now: NOW, replaceRefs: ["reservation:r1"] },
    );
    expect(schedules.refs("employee:e1:2030-01")).toEqual(["meeting:m1#1"]);
    expect(schedules.writes).toBe(writes + 1);
  });

  it("a live reservation blocks; an expired one neither blocks nor survives the next write", async () => {
    const { schedules, guard } = setup();
    await guard.acquire(
      [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")],
      { ref: "reservation:r1", rev: 0, expiresAt: "2030-01-01T00:05:00Z" },
      { now: NOW },
    );
    expect(schedules.docs.get("employee:e1:2030-01")?.entries[0].expiresAt).toBe("2030-01-01T00:05:00Z");
    await expect(
      guard.acquire([hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")], { ref: "meeting:m1", rev: 1 }, { now: NOW + 60_000 }),
    ).rejects.toBeInstanceOf(SlotTakenError);
    await guard.acquire(
      [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")],
      { ref: "meeting:m1", rev: 1 },
      { now: NOW + 5 * 60_000 },
    );
    expect(schedules.refs("employee:e1:2030-01")).toEqual(["meeting:m1#1"]);
  });

  it("acquiring the same ref and rev again (a retry) leaves one entry", async () => {
    const { schedules, guard } = setup();
    const h = [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")];
    await guard.acquire(h, { ref: "meeting:m1", rev: 1 }, { now: NOW });
    await guard.acquire(h, { ref: "meeting:m1", rev: 1 }, { now: NOW });
    expect(schedules.refs("employee:e1:2030-01")).toEqual(["meeting:m1#1"]);
  });

  it("buffers are enforced: back-to-back is refused when the employee needs 15 minutes after", async () => {
    const { guard } = setup();
    await guard.acquire([hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")], { ref: "meeting:m1", rev: 1 }, { now: NOW });
    await expect(
      guard.acquire([hold(E1, "2030-01-10T10:00:00Z", "2030-01-10T11:00:00Z", 15, 0)], { ref: "meeting:m2", rev: 1 }, { now: NOW }),
    ).rejects.toBeInstanceOf(SlotTakenError);
    await guard.acquire([hold(E1, "2030-01-10T10:00:00Z", "2030-01-10T11:00:00Z")], { ref: "meeting:m3", rev: 1 }, { now: NOW });
  });

  it("of 50 concurrent holds on the same time exactly one wins, and the calendar holds only it", async () => {
    const { schedules, guard } = setup();
    const h = [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z"), hold(R1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")];
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => guard.acquire(h, { ref: `meeting:m${i}`, rev: 1 }, { now: NOW })),
    );
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(SlotTakenError);
    expect(schedules.refs("employee:e1:2030-01")).toEqual([`meeting:m${won[0]}#1`]);
    expect(schedules.refs("room:r1:2030-01")).toEqual([`meeting:m${won[0]}#1`]);
    expect(schedules.lostRaces).toBeGreaterThan(0); // the race really happened
  });

  it("concurrent holds on different rooms by different employees at the same time all win", async () => {
    const { guard } = setup();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        guard.acquire(
          [
            hold(`employee:e${i}`, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z"),
            hold(`room:r${i}`, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z"),
          ],
          { ref: `meeting:m${i}`, rev: 1 },
          { now: NOW },
        ),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
  });
});

describe("CalendarGuard.release", () => {
  it("removes one rev, or every rev, of a holder; other holders stay", async () => {
    const { schedules, guard } = setup();
    await guard.acquire([hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")], { ref: "meeting:m1", rev: 1 }, { now: NOW });
    await guard.acquire([hold(E1, "2030-01-10T11:00:00Z", "2030-01-10T12:00:00Z")], { ref: "meeting:m1", rev: 2 }, { now: NOW });
    await guard.acquire([hold(E1, "2030-01-10T13:00:00Z", "2030-01-10T14:00:00Z")], { ref: "meeting:m2", rev: 1 }, { now: NOW });
    await guard.release(["employee:e1:2030-01"], "meeting:m1", 1);
    expect(schedules.refs("employee:e1:2030-01")).toEqual(["meeting:m1#2", "meeting:m2#1"]);
    await guard.release(["employee:e1:2030-01", "employee:e1:2030-01"], "meeting:m1");
    expect(schedules.refs("employee:e1:2030-01")).toEqual(["meeting:m2#1"]);
  });

  it("is idempotent and writes nothing when there is nothing to remove", async () => {
    const { schedules, guard } = setup();
    await guard.acquire([hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")], { ref: "meeting:m1", rev: 1 }, { now: NOW });
    const writes = schedules.writes;
    await guard.release(["employee:e1:2030-01", "room:r9:2030-01"], "meeting:other");
    expect(schedules.writes).toBe(writes);
    expect(schedules.docs.has("room:r9:2030-01")).toBe(false);
  });

  it("freed time can be held by someone else at once", async () => {
    const { guard } = setup();
    const h = [hold(E1, "2030-01-10T09:00:00Z", "2030-01-10T10:00:00Z")];
    const docs = await guard.acquire(h, { ref: "meeting:m1", rev: 1 }, { now: NOW });
    await guard.release(docs, "meeting:m1");
    await guard.acquire(h, { ref: "meeting:m2", rev: 1 }, { now: NOW });
  });
});

describe("parseDocId", () => {
  it("splits a calendar id into resource and month (ids contain colons)", () => {
    expect(parseDocId("employee:3fa85f64-5717-4562-b3fc-2c963f66afa6:2030-01")).toEqual({
      resource: "employee:3fa85f64-5717-4562-b3fc-2c963f66afa6",
      month: "2030-01",
    });
  });
});
