/**
 * All-or-nothing holds on resource calendars. Each calendar document changes by a conditional
 * write, so for any instant at most one live entry per resource can ever be written; a hold
 * over several documents that loses on one undoes the others before it reports the conflict.
 */
import { ConflictError } from "../../kernel/errors.js";
import { capDocId, capExceeded, capUsage, holdMinutes } from "./caps.js";
import type { ScheduleRepository } from "../model/ports.js";
import {
  findConflict,
  isLive,
  monthsOf,
  scheduleDocId,
  type Hold,
  type HoldCap,
  type ResourceKey,
  type ScheduleEntry,
} from "../model/schedule-entries.js";

export class SlotTakenError extends ConflictError {
  constructor(
    readonly resource: ResourceKey,
    readonly hold: Hold,
    /** A cap refused it (write/caps.ts), not an overlap. */
    readonly capDetail?: string,
  ) {
    const [kind] = resource.split(":");
    super(
      "slot_taken",
      capDetail
        ? `the ${kind}'s ${capDetail}`
        : `the ${kind} is already booked or reserved for part of ${new Date(hold.start).toISOString()} - ${new Date(hold.end).toISOString()}`,
      { resource: kind },
    );
  }
}

export interface NewEntry {
  ref: string;
  rev: number;
  expiresAt?: string;
}

interface Target {
  id: string;
  resource: ResourceKey;
  month: string;
  hold: Hold;
  /** A counter document (write/caps.ts): judged by the cap, not by overlap. */
  cap?: HoldCap;
}

function targetsOf(holds: readonly Hold[]): Target[] {
  return holds
    .flatMap((hold): Target[] => [
      ...monthsOf(hold.start - hold.bufferBeforeMs, hold.end + hold.bufferAfterMs).map((month) => ({
        id: scheduleDocId(hold.resource, month),
        resource: hold.resource,
        month,
        hold,
      })),
      ...(hold.caps ?? []).map((cap) => {
        const id = capDocId(hold.resource, cap.period, cap.key);
        return { id, resource: hold.resource, month: parseDocId(id).month, hold, cap };
      }),
    ])
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function parseDocId(id: string): { resource: ResourceKey; month: string } {
  const cut = id.lastIndexOf(":");
  return { resource: id.slice(0, cut) as ResourceKey, month: id.slice(cut + 1) };
}

export class CalendarGuard {
  constructor(private readonly schedules: ScheduleRepository) {}

  /** The calendar documents a set of holds touches. */
  docIds(holds: readonly Hold[]): string[] {
    return [...new Set(targetsOf(holds).map((t) => t.id))];
  }

  /**
   * Adds the entry to every calendar the holds touch, or to none.
   * ignoreRefs: holders that do not count as conflicts (a meeting being moved).
   * replaceRefs: holders whose entries are removed in the same write (a reservation being converted).
   */
  async acquire(
    holds: readonly Hold[],
    entry: NewEntry,
    options: { ignoreRefs?: string[]; replaceRefs?: string[]; now: number },
  ): Promise<string[]> {
    const ignore = [entry.ref, ...(options.ignoreRefs ?? [])];
    const replace = options.replaceRefs ?? [];
    const done: string[] = [];
    try {
      for (const target of targetsOf(holds)) {
        await this.schedules.update(target.id, target.resource, target.month, (entries) => {
          const kept = entries.filter(
            (e) => isLive(e, options.now) && !replace.includes(e.ref) && !(e.ref === entry.ref && e.rev === entry.rev),
          );
          if (target.cap) {
            const over = capExceeded(capUsage(kept, ignore, options.now), target.cap, holdMinutes(target.hold));
            if (over) throw new SlotTakenError(target.resource, target.hold, over.detail);
          } else if (findConflict(kept, target.hold, ignore, options.now)) throw new SlotTakenError(target.resource, target.hold);
          const added: ScheduleEntry = {
            ref: entry.ref,
            rev: entry.rev,
            start: new Date(target.hold.start).toISOString(),
            end: new Date(target.hold.end).toISOString(),
          };
          if (entry.expiresAt) added.expiresAt = entry.expiresAt;
          return [...kept, added];
        });
        done.push(target.id);
      }
    } catch (err) {
      await this.release(done, entry.ref, entry.rev);
      throw err;
    }
    return [...new Set(done)];
  }

  /** Removes a holder's entries (of one rev, or all) from the given calendars. Idempotent. */
  release(docIds: readonly string[], ref: string, rev?: number): Promise<void> {
    return this.remove(docIds, (e) => e.ref === ref && (rev === undefined || e.rev === rev));
  }

  /**
   * Removes a holder's entries older than `rev`: what a committed move leaves behind. (A change that
   * does not move a meeting raises its rev without rewriting its entries, so "older", not "rev - 1".)
   */
  releaseOlder(docIds: readonly string[], ref: string, rev: number): Promise<void> {
    return this.remove(docIds, (e) => e.ref === ref && e.rev < rev);
  }

  private async remove(docIds: readonly string[], drop: (e: ScheduleEntry) => boolean): Promise<void> {
    for (const id of new Set(docIds)) {
      const { resource, month } = parseDocId(id);
      await this.schedules.update(id, resource, month, (entries) => {
        const kept = entries.filter((e) => !drop(e));
        return kept.length === entries.length ? entries : kept;
      });
    }
  }
}
