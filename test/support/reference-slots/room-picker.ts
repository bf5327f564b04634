/** Finds a free room for a slot at the meeting location. */
import { findContaining, mergeIntervals, subtractIntervals } from "./intervals.js";
import type { Interval, SlotRoom } from "./types.js";
import { roomOpenIntervals } from "./working-time.js";
import type { ZoneCalendars } from "./zone-calendar.js";
import { textKey } from "./selection.js";

interface RoomFree {
  id: string;
  capacity: number;
  free: Interval[];
}

export class RoomPicker {
  private readonly rooms: RoomFree[];
  private readonly cache = new Map<number, string | null>();

  /**
   * Rooms at `location` (case-insensitive, trimmed) with capacity >= `seats`, ordered by
   * capacity then id, each with its open time minus busy time in [fromMs, toMs). Slots last durationMs.
   */
  constructor(
    rooms: readonly SlotRoom[],
    roomBusy: ReadonlyMap<string, readonly Interval[]>,
    location: string,
    seats: number,
    private readonly durationMs: number,
    fromMs: number,
    toMs: number,
    calendars: ZoneCalendars,
  ) {
    const key = textKey(location);
    this.rooms = rooms
      .filter((r) => textKey(r.location) === key && r.capacity >= seats)
      .sort((a, b) => a.capacity - b.capacity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => ({
        id: r.id,
        capacity: r.capacity,
        free: subtractIntervals(roomOpenIntervals(r, fromMs, toMs, calendars), mergeIntervals(roomBusy.get(r.id) ?? [])),
      }));
  }

  get hasRooms(): boolean {
    return this.rooms.length > 0;
  }

  /** Id of the first room free for all of [start, start + durationMs), or null. Memoised per start. */
  pick(start: number): string | null {
    let id = this.cache.get(start);
    if (id === undefined) {
      id = null;
      for (const r of this.rooms) {
        if (findContaining(r.free, start, start + this.durationMs) >= 0) {
          id = r.id;
          break;
        }
      }
      this.cache.set(start, id);
    }
    return id;
  }
}
