/**
 * Outlook busy times beside BookMe's own calendars. The sync keeps one document per synced
 * resource and month (read here by point reads, never Graph itself); this module turns them into
 * busy intervals by the settings: busy and oof block, tentative per setting. A resource whose last
 * refresh failed is degraded (named in responses); one whose busy times are older than the bound
 * is stale: no slots for it (fail closed) or its last known times (fail open), per setting.
 * The source (a port, BookingDeps.externalBusy) is absent when calendar sync is off.
 */
import { DomainError } from "../../kernel/errors.js";
import type { Interval } from "../../slots/index.js";
import { employeeKey, monthsOf, roomKey, type ResourceKey } from "../model/schedule-entries.js";
import type { ExternalBusyMonth, ExternalBusySource } from "../model/ports.js";

export interface ExternalBusy {
  busy: Map<ResourceKey, Interval[]>;
  /** Every stored item with its status (busy, oof, tentative), for the grid. */
  items: Map<ResourceKey, ExternalBusyMonth["items"]>;
  /** Resources whose Outlook busy times are behind (last refresh failed, or stale). */
  degraded: ResourceKey[];
  /** Stale resources under fail closed: they offer nothing. */
  closed: Set<ResourceKey>;
}

export const externalDocId = (resource: ResourceKey, month: string) => `${resource}:${month}`;

const LISTING_CACHE_MAX = 20_000;

/**
 * The source for listings (availability, grid): each month document is reused for ttlMs. Not a guard:
 * the booking check reads the documents themselves, so a listing at most ttlMs older than the sync
 * may offer a time Outlook just took, which the booking then refuses (calendar_busy, with alternatives).
 */
export function listingSource(source: ExternalBusySource, ttlMs: number, clock: () => number = Date.now): ExternalBusySource {
  if (ttlMs <= 0) return source;
  const cache = new Map<string, { at: number; doc: ExternalBusyMonth | undefined }>();
  return {
    policy: source.policy,
    async months(ids) {
      const now = clock();
      const missing = ids.filter((id) => !(now - (cache.get(id)?.at ?? -Infinity) < ttlMs));
      if (missing.length) {
        const read = await source.months(missing);
        if (cache.size + read.size > LISTING_CACHE_MAX) cache.clear();
        for (const [id, doc] of read) cache.set(id, { at: now, doc });
      }
      return new Map(ids.map((id) => [id, cache.get(id)?.doc]));
    },
  };
}

const EMPTY: ExternalBusy = { busy: new Map(), items: new Map(), degraded: [], closed: new Set() };

/** The resources among these whose Outlook calendars sync (rooms need their mailbox). */
export function syncedKeys(
  source: ExternalBusySource | undefined,
  employees: readonly { id: string; calendarSync?: boolean }[],
  rooms: readonly { id: string; calendarSync?: boolean; mailbox?: string }[] = [],
): ResourceKey[] {
  if (!source) return [];
  return [
    ...employees.filter((e) => e.calendarSync).map((e) => employeeKey(e.id)),
    ...rooms.filter((r) => r.calendarSync && r.mailbox).map((r) => roomKey(r.id)),
  ];
}

/** The Outlook busy intervals of the synced resources over a range. */
export async function externalBusyOf(
  source: ExternalBusySource | undefined,
  synced: ResourceKey[],
  range: Interval,
  now: number,
): Promise<ExternalBusy> {
  if (!source || synced.length === 0) return EMPTY;
  const { policy } = source;
  const months = monthsOf(range.start, Math.max(range.end, range.start + 1));
  const docs = await source.months(synced.flatMap((r) => months.map((m) => externalDocId(r, m))));
  const kept = new Set(keptMonths(now, policy.syncedMonths));
  const out: ExternalBusy = { busy: new Map(), items: new Map(), degraded: [], closed: new Set() };
  for (const r of synced) {
    const mine = months.map((m) => docs.get(externalDocId(r, m)));
    const stale = months.some((m, i) => kept.has(m) && (!mine[i]?.syncedAt || now - mine[i].syncedAt > policy.staleAfterMs));
    if (stale || mine.some((d) => d?.failedAt !== undefined)) out.degraded.push(r);
    if (stale && policy.failClosed) out.closed.add(r);
    const items = mine.flatMap((d) => d?.items ?? []).filter((i) => i.end > range.start && i.start < range.end);
    out.items.set(r, items);
    const blocking = items.filter((i) => i.status === "busy" || i.status === "oof" || (i.status === "tentative" && policy.tentativeBlocks));
    out.busy.set(
      r,
      blocking.map((i) => ({ start: i.start, end: i.end })),
    );
  }
  return out;
}

/** The months the sync keeps current ("yyyy-MM"), from the one holding `now`. */
export function keptMonths(now: number, count: number): string[] {
  const d = new Date(now);
  return Array.from({ length: count }, (_, i) => {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 1));
    return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** Busy intervals with a closed resource blocking the whole range. */
export function mergedBusy(own: Interval[], external: ExternalBusy, r: ResourceKey, range: Interval): Interval[] {
  if (external.closed.has(r)) return [range];
  const extra = external.busy.get(r);
  return extra?.length ? [...own, ...extra].sort((a, b) => a.start - b.start) : own;
}

/** The booking check: an Outlook busy time of a held resource makes the time unbookable, as it is unlisted. */
export async function assertExternallyFree(
  source: ExternalBusySource | undefined,
  holds: { resource: ResourceKey; start: number; end: number; bufferBeforeMs: number; bufferAfterMs: number }[],
  synced: ResourceKey[],
  now: number,
): Promise<void> {
  const wanted = holds.filter((h) => synced.includes(h.resource));
  if (wanted.length === 0) return;
  const range = {
    start: Math.min(...wanted.map((h) => h.start - h.bufferBeforeMs)),
    end: Math.max(...wanted.map((h) => h.end + h.bufferAfterMs)),
  };
  const external = await externalBusyOf(
    source,
    wanted.map((h) => h.resource),
    range,
    now,
  );
  for (const h of wanted) {
    const from = h.start - h.bufferBeforeMs;
    const to = h.end + h.bufferAfterMs;
    if (external.closed.has(h.resource))
      throw new DomainError(
        "calendar_stale",
        `the Outlook calendar of ${h.resource} is not current, so its time cannot be booked now; retry later`,
        { degradedCalendars: external.degraded },
      );
    if ((external.busy.get(h.resource) ?? []).some((i) => i.start < to && i.end > from)) {
      throw new DomainError("calendar_busy", `${h.resource} is busy in Outlook at that time`, { degradedCalendars: external.degraded });
    }
  }
}
