import { afterEach, describe, expect, it } from "vitest";
import { assertExternallyFree, externalBusyOf, mergedBusy, syncedKeys } from "../../../shared/booking/queries/external-busy.js";
import { DomainError } from "../../../shared/kernel/errors.js";
import { type ExternalBusyMonth, type ExternalBusyPolicy, type ExternalBusySource } from "../../../shared/booking/model/ports.js";

const NOW = Date.parse("2026-12-10T12:00:00Z");
const H = 3_600_000;
const at = (hhmm: string) => Date.parse(`2026-12-14T${hhmm}:00Z`);
const range = { start: at("00:00"), end: at("23:59") };

/** The source under test (the port BookingDeps.externalBusy); undefined: calendar sync off. */
let source: ExternalBusySource | undefined;
function install(docs: Record<string, ExternalBusyMonth>, policy: Partial<ExternalBusyPolicy> = {}) {
  source = {
    policy: { staleAfterMs: 15 * 60_000, syncedMonths: 3, failClosed: true, tentativeBlocks: true, ...policy },
    months: async (ids) => new Map(ids.map((id) => [id, docs[id]])),
  };
}
const month = (items: ExternalBusyMonth["items"], syncedAt = NOW - 60_000, failedAt?: number): ExternalBusyMonth => ({
  items,
  syncedAt,
  failedAt,
});

afterEach(() => (source = undefined));

describe("external busy times from the stored months", () => {
  it("busy and oof block; tentative only when the setting says so", async () => {
    const items = [
      { start: at("09:00"), end: at("10:00"), status: "busy" },
      { start: at("10:00"), end: at("11:00"), status: "oof" },
      { start: at("11:00"), end: at("12:00"), status: "tentative" },
    ];
    install({ "employee:a:2026-12": month(items) });
    expect((await externalBusyOf(source, ["employee:a"], range, NOW)).busy.get("employee:a")).toHaveLength(3);
    install({ "employee:a:2026-12": month(items) }, { tentativeBlocks: false });
    expect((await externalBusyOf(source, ["employee:a"], range, NOW)).busy.get("employee:a")).toEqual([
      { start: at("09:00"), end: at("10:00") },
      { start: at("10:00"), end: at("11:00") },
    ]);
  });

  it("a failed last refresh degrades the resource but keeps its busy times; stale under fail closed blocks the whole range", async () => {
    install({
      "employee:a:2026-12": month([{ start: at("09:00"), end: at("10:00"), status: "busy" }], NOW - 60_000, NOW - 1000),
      "employee:b:2026-12": month([], NOW - 20 * 60_000),
    });
    const ext = await externalBusyOf(source, ["employee:a", "employee:b"], range, NOW);
    expect(ext.degraded).toEqual(["employee:a", "employee:b"]);
    expect([...ext.closed]).toEqual(["employee:b"]);
    expect(mergedBusy([], ext, "employee:a", range)).toEqual([{ start: at("09:00"), end: at("10:00") }]);
    expect(mergedBusy([], ext, "employee:b", range)).toEqual([range]);
  });

  it("fail open: a stale resource keeps its last known busy times and is still named", async () => {
    install(
      { "employee:b:2026-12": month([{ start: at("09:00"), end: at("10:00"), status: "busy" }], NOW - 20 * 60_000) },
      { failClosed: false },
    );
    const ext = await externalBusyOf(source, ["employee:b"], range, NOW);
    expect(ext.degraded).toEqual(["employee:b"]);
    expect(ext.closed.size).toBe(0);
    expect(mergedBusy([], ext, "employee:b", range)).toEqual([{ start: at("09:00"), end: at("10:00") }]);
  });

  it("a never-synced month counts as stale; a month beyond the synced horizon does not", async () => {
    install({});
    expect((await externalBusyOf(source, ["room:r"], range, NOW)).closed.has("room:r")).toBe(true);
    const later = { start: Date.parse("2027-06-01T00:00:00Z"), end: Date.parse("2027-06-02T00:00:00Z") };
    const ext = await externalBusyOf(source, ["room:r"], later, NOW);
    expect([ext.closed.size, ext.degraded.length]).toEqual([0, 0]);
  });

  it("only resources with calendarSync (rooms with a mailbox) count, and none without a source", () => {
    expect(
      syncedKeys(
        source,
        [{ id: "a", calendarSync: true }, { id: "b" }],
        [
          { id: "r", calendarSync: true },
          { id: "s", calendarSync: true, mailbox: "s@x" },
        ],
      ),
    ).toEqual([]);
    install({});
    expect(
      syncedKeys(
        source,
        [{ id: "a", calendarSync: true }, { id: "b" }],
        [
          { id: "r", calendarSync: true },
          { id: "s", calendarSync: true, mailbox: "s@x" },
        ],
      ),
    ).toEqual(["employee:a", "room:s"]);
  });

  it("the booking check refuses a hold over Outlook busy time (buffers included) and passes a free one", async () => {
    install({ "employee:a:2026-12": month([{ start: at("10:00"), end: at("11:00"), status: "busy" }]) });
    const hold = (start: number, end: number, bufferAfterMs = 0) => [
      { resource: "employee:a" as const, start, end, bufferBeforeMs: 0, bufferAfterMs },
    ];
    await expect(assertExternallyFree(source, hold(at("09:00"), at("10:00")), ["employee:a"], NOW)).resolves.toBeUndefined();
    await expect(assertExternallyFree(source, hold(at("09:00"), at("10:00"), H / 4), ["employee:a"], NOW)).rejects.toMatchObject({
      code: "calendar_busy",
    });
    await expect(assertExternallyFree(source, hold(at("10:30"), at("11:30")), [], NOW)).resolves.toBeUndefined();
    await expect(assertExternallyFree(source, hold(at("10:30"), at("11:30")), ["employee:a"], NOW)).rejects.toBeInstanceOf(DomainError);
  });
});
