/**
 * Calendar documents for availability listings, reused for up to ttlMs per process
 * (AVAILABILITY_CALENDAR_CACHE_SECONDS: off by default and locally, 5 s in Azure, the bound Outlook
 * busy times already have, docs/outlook.md). Not a guard: the booking check reads the documents
 * themselves (`fresh`, every read a point read), so a listing at most ttlMs behind another
 * process's booking may offer a time just taken, which the booking then refuses (409 with
 * alternatives). Every write through this process (`fresh.update`) drops the document from the
 * cache, so a process's own bookings show in its next listing. A branch's availability reads ~47
 * calendar documents; repeated within seconds they were most of its Cosmos calls and host CPU (issue 29).
 */
import type { ScheduleEntry } from "../model/schedule-entries.js";
import type { ScheduleRepository } from "../model/ports.js";

const LISTING_CACHE_MAX = 20_000;

export interface ListingCalendars {
  /** For listings: documents at most ttlMs old. */
  listing: ScheduleRepository;
  /** For everything else (the booking check, writes): always read; its writes refresh the listing. */
  fresh: ScheduleRepository;
}

export function listingCalendars(source: ScheduleRepository, ttlMs: number, clock: () => number = Date.now): ListingCalendars {
  if (ttlMs <= 0) return { listing: source, fresh: source };
  const cache = new Map<string, { at: number; entries: ScheduleEntry[] }>();
  /** Bumped by every write: a read that began before one does not fill the cache with what may be the old version. */
  let writes = 0;
  const update: ScheduleRepository["update"] = async (id, resource, month, change) => {
    writes++;
    cache.delete(id);
    try {
      await source.update(id, resource, month, change);
    } finally {
      writes++;
      cache.delete(id);
    }
  };
  return {
    fresh: { entriesOf: (ids) => source.entriesOf(ids), update },
    listing: {
      update,
      async entriesOf(ids) {
        const now = clock();
        const out = new Map<string, ScheduleEntry[]>();
        const missing: string[] = [];
        for (const id of ids) {
          const cached = cache.get(id);
          if (cached && now - cached.at < ttlMs) out.set(id, cached.entries);
          else missing.push(id);
        }
        if (missing.length) {
          const before = writes;
          const read = await source.entriesOf(missing);
          const keep = writes === before;
          if (keep && cache.size + read.size > LISTING_CACHE_MAX) cache.clear();
          for (const [id, entries] of read) {
            out.set(id, entries);
            if (keep) cache.set(id, { at: now, entries });
          }
        }
        return new Map(ids.map((id) => [id, out.get(id) ?? []]));
      },
    },
  };
}
