/**
 * Keeps the external-busy documents current: which resources sync (employees with calendarSync,
 * rooms with calendarSync and a mailbox), refreshing their months from Graph (getSchedule minus the
 * events BookMe wrote), and their change-notification subscriptions (created, renewed before expiry).
 * Runs in the calendar-sync timer and the notification function, never on a customer's request.
 */
import { randomBytes } from "node:crypto";
import { employeeKey, monthsOf, roomKey, type ResourceKey } from "../booking/model/schedule-entries.js";
import type { DirectoryRepository } from "../booking/model/ports.js";
import { blocks, withoutOwn } from "./busy-mapping.js";
import type { BusyTimeStore, SyncCalendar } from "./port.js";
import { SYNC_MONTHS } from "./sync-months.js";

/** Graph allows event subscriptions up to 10,080 minutes; renew when less than a day is left. */
const SUBSCRIPTION_MS = 3 * 86_400_000;
const RENEW_BEFORE_MS = 86_400_000;

export { SYNC_MONTHS };

export interface SyncedResource {
  resource: ResourceKey;
  mailbox: string;
}

export interface SyncDeps {
  directory: DirectoryRepository;
  store: BusyTimeStore;
  calendar: SyncCalendar;
  syncIntervalMs: number;
  notificationUrl?: string;
}

export interface SyncReport {
  synced: number;
  refreshed: number;
  failed: number;
  subscriptionsCreated: number;
  subscriptionsRenewed: number;
  subscriptionsFailed: number;
}

export async function syncedResources(directory: DirectoryRepository): Promise<SyncedResource[]> {
  const [employees, rooms] = await Promise.all([directory.list("employee"), directory.list("room")]);
  return [
    ...employees.filter((e) => e.calendarSync).map((e) => ({ resource: employeeKey(e.id), mailbox: e.email.toLowerCase() })),
    ...rooms.filter((r) => r.calendarSync && r.mailbox).map((r) => ({ resource: roomKey(r.id), mailbox: r.mailbox!.toLowerCase() })),
  ];
}

export function syncRange(now: number): { start: number; end: number; months: string[] } {
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + SYNC_MONTHS, 1);
  return { start, end, months: monthsOf(start, end - 1) };
}

/** Refreshes these resources' months from Graph; a resource Graph could not answer for keeps its last busy times, marked failed. */
export async function refresh(deps: SyncDeps, resources: SyncedResource[], now: number): Promise<{ refreshed: number; failed: number }> {
  if (resources.length === 0) return { refreshed: 0, failed: 0 };
  const range = syncRange(now);
  const mailboxes = [...new Set(resources.map((r) => r.mailbox))];
  const [busy, own] = await Promise.all([
    deps.calendar.busyTimes(mailboxes, range),
    deps.calendar.ownEvents(
      mailboxes.filter((m) => resources.some((r) => r.mailbox === m && r.resource.startsWith("employee:"))),
      range,
    ),
  ]);
  let refreshed = 0;
  let failed = 0;
  await Promise.all(
    resources.map(async (r) => {
      const result = busy.get(r.mailbox);
      const mine = r.resource.startsWith("employee:") ? own.get(r.mailbox) : [];
      if (!result?.ok || !mine) {
        failed++;
        const reason = !result ? "missing" : !result.ok ? result.reason : "own events unknown";
        await Promise.all(range.months.map((m) => deps.store.markFailed(r.resource, m, reason, now)));
        return;
      }
      const items = withoutOwn(
        result.items.filter((i) => blocks(i.status, true)),
        mine,
      );
      await Promise.all(
        range.months.map((m) => {
          const [y, mo] = m.split("-").map(Number);
          const from = Date.UTC(y, mo - 1, 1);
          const to = Date.UTC(y, mo, 1);
          return deps.store.putMonth(
            r.resource,
            m,
            items.filter((i) => i.start < to && i.end > from),
            now,
          );
        }),
      );
      refreshed++;
    }),
  );
  return { refreshed, failed };
}

/** The timer's work: refresh resources not refreshed within the interval (or whose last refresh failed), then the subscriptions. */
export async function syncDue(deps: SyncDeps, now: number): Promise<SyncReport> {
  const resources = await syncedResources(deps.directory);
  const month = syncRange(now).months[0];
  const current = await deps.store.months(resources.map((r) => `${r.resource}:${month}`));
  const due = resources.filter((r) => {
    const doc = current.get(`${r.resource}:${month}`);
    return !doc?.syncedAt || doc.failedAt !== undefined || now - doc.syncedAt >= deps.syncIntervalMs - 5_000;
  });
  const { refreshed, failed } = await refresh(deps, due, now);
  const subs = deps.notificationUrl ? await ensureSubscriptions(deps, resources, now) : { created: 0, renewed: 0, failed: 0 };
  return {
    synced: resources.length,
    refreshed,
    failed,
    subscriptionsCreated: subs.created,
    subscriptionsRenewed: subs.renewed,
    subscriptionsFailed: subs.failed,
  };
}

async function ensureSubscriptions(deps: SyncDeps, resources: SyncedResource[], now: number) {
  const counts = { created: 0, renewed: 0, failed: 0 };
  await Promise.all(
    resources.map(async (r) => {
      try {
        const record = await deps.store.subscription(r.resource);
        const fresh = record && record.mailbox === r.mailbox && Date.parse(record.expiresAt) - now > RENEW_BEFORE_MS;
        if (fresh) return;
        if (
          record &&
          record.mailbox === r.mailbox &&
          Date.parse(record.expiresAt) > now &&
          (await deps.calendar.renew(r.mailbox, record.subscriptionId, now + SUBSCRIPTION_MS))
        ) {
          await deps.store.putSubscription({ ...record, expiresAt: new Date(now + SUBSCRIPTION_MS).toISOString() });
          counts.renewed++;
          return;
        }
        const clientState = randomBytes(24).toString("base64url");
        const sub = await deps.calendar.subscribe(r.mailbox, deps.notificationUrl!, clientState, now + SUBSCRIPTION_MS);
        await deps.store.putSubscription({
          resource: r.resource,
          mailbox: r.mailbox,
          subscriptionId: sub.id,
          clientState,
          expiresAt: new Date(sub.expiresAt).toISOString(),
        });
        counts.created++;
      } catch {
        counts.failed++;
      }
    }),
  );
  return counts;
}

/** Refreshes running in this process: a notification burst for one mailbox costs one refresh plus at most one more. */
const running = new Map<ResourceKey, { run: Promise<void>; again: boolean }>();

export function refreshCoalesced(deps: SyncDeps, resource: SyncedResource): Promise<void> {
  const current = running.get(resource.resource);
  if (current) {
    current.again = true;
    return current.run;
  }
  const entry = { again: false, run: Promise.resolve() };
  entry.run = (async () => {
    do {
      entry.again = false;
      await refresh(deps, [resource], Date.now());
    } while (entry.again);
  })().finally(() => running.delete(resource.resource));
  running.set(resource.resource, entry);
  return entry.run;
}
