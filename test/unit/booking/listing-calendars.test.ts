/**
 * Calendar documents for availability listings (shared/booking/queries/listing-calendars.ts):
 * reused for less than the cache's age, never for the booking check, and a process's own writes
 * show in its next listing.
 */
import { describe, expect, it } from "vitest";
import { listingCalendars } from "../../../shared/booking/queries/listing-calendars.js";
import type { ScheduleRepository } from "../../../shared/booking/model/ports.js";
import type { ScheduleEntry } from "../../../shared/booking/model/schedule-entries.js";
import { loadSettings } from "../../../shared/kernel/settings.js";

const entry = (ref: string): ScheduleEntry => ({ ref, rev: 1, start: "2030-01-07T09:00:00.000Z", end: "2030-01-07T10:00:00.000Z" });

/** A calendar store counting its reads; hold() keeps reads open until released. */
function store() {
  const docs = new Map<string, ScheduleEntry[]>();
  let reads = 0;
  let gate: Promise<void> | undefined;
  const repo: ScheduleRepository = {
    async entriesOf(ids) {
      reads += ids.length;
      const snapshot = new Map(ids.map((id) => [id, docs.get(id) ?? []]));
      if (gate) await gate;
      return snapshot;
    },
    async update(id, _resource, _month, change) {
      docs.set(id, change(docs.get(id) ?? []));
    },
  };
  return {
    repo,
    docs,
    reads: () => reads,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

describe("listing calendars", () => {
  it("a listing reuses a document for less than the age, then reads it again", async () => {
    const s = store();
    let now = 1_000_000;
    const { listing } = listingCalendars(s.repo, 5000, () => now);
    s.docs.set("a", [entry("meeting:1")]);
    await listing.entriesOf(["a"]);
    s.docs.set("a", [entry("meeting:1"), entry("meeting:2")]); // another process books
    now += 4999;
    expect((await listing.entriesOf(["a"])).get("a")).toHaveLength(1); // at most 5 s behind
    expect(s.reads()).toBe(1);
    now += 1;
    expect((await listing.entriesOf(["a"])).get("a")).toHaveLength(2);
    expect(s.reads()).toBe(2);
  });

  it("the booking check (fresh) reads every time", async () => {
    const s = store();
    const { listing, fresh } = listingCalendars(s.repo, 5000, () => 0);
    await listing.entriesOf(["a"]);
    s.docs.set("a", [entry("meeting:1")]);
    expect((await fresh.entriesOf(["a"])).get("a")).toHaveLength(1);
    expect((await fresh.entriesOf(["a"])).get("a")).toHaveLength(1);
    expect(s.reads()).toBe(3);
  });

  it("this process's write shows in its next listing", async () => {
    const s = store();
    const { listing, fresh } = listingCalendars(s.repo, 5000, () => 0);
    expect((await listing.entriesOf(["a", "b"])).get("a")).toEqual([]);
    await fresh.update("a", "employee:x", "2030-01", (e) => [...e, entry("meeting:1")]);
    expect((await listing.entriesOf(["a", "b"])).get("a")).toHaveLength(1);
    expect(s.reads()).toBe(3); // b from the cache, a read again
  });

  it("a read that a write overtakes is returned but not kept", async () => {
    const s = store();
    const { listing, fresh } = listingCalendars(s.repo, 5000, () => 0);
    const release = s.hold();
    const reading = listing.entriesOf(["a"]); // sees the document before the write
    await fresh.update("a", "employee:x", "2030-01", () => [entry("meeting:1")]);
    release();
    expect((await reading).get("a")).toEqual([]);
    expect((await listing.entriesOf(["a"])).get("a")).toHaveLength(1);
  });

  it("off unless AVAILABILITY_CALENDAR_CACHE_SECONDS is set: the listing is the store itself", () => {
    const s = store();
    const env = { COSMOS_ENDPOINT: "http://x", AUTH_ISSUER: "i", AUTH_AUDIENCE: "a", AUTH_JWKS_URI: "http://j" };
    const off = listingCalendars(s.repo, loadSettings(env).availabilityCalendarCacheMs ?? 0);
    expect(off.listing).toBe(s.repo);
    expect(off.fresh).toBe(s.repo);
    expect(loadSettings({ ...env, AVAILABILITY_CALENDAR_CACHE_SECONDS: "5" }).availabilityCalendarCacheMs).toBe(5000);
    expect(() => loadSettings({ ...env, AVAILABILITY_CALENDAR_CACHE_SECONDS: "-1" })).toThrow(/AVAILABILITY_CALENDAR_CACHE_SECONDS/);
  });
});
