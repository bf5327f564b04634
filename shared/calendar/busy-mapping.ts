/**
 * Which external busy times block a slot (busy, oof; tentative per setting; never free or
 * workingElsewhere), and the events BookMe wrote itself, which never count twice.
 */
import type { BusyInterval, FreeBusyStatus } from "./port.js";

/** transactionId prefix of the events BookMe writes. */
export const TRANSACTION_PREFIX = "bookme-";

export function blocks(status: FreeBusyStatus, tentativeBlocks: boolean): boolean {
  return status === "busy" || status === "oof" || (status === "tentative" && tentativeBlocks);
}

/** Removes one external interval per event BookMe wrote itself (same start and end), so a meeting never counts twice. */
export function withoutOwn(items: BusyInterval[], own: { start: number; end: number }[]): BusyInterval[] {
  const left = new Map<string, number>();
  for (const o of own) left.set(`${o.start}/${o.end}`, (left.get(`${o.start}/${o.end}`) ?? 0) + 1);
  return items.filter((i) => {
    const key = `${i.start}/${i.end}`;
    const n = left.get(key) ?? 0;
    if (n === 0) return true;
    left.set(key, n - 1);
    return false;
  });
}
