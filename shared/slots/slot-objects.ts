/** A slot table as Slot objects (for callers that need them; the HTTP list is written from the table). */
import { slotIdRoomPart, slotIdTimePart, slotIdTypePart } from "./slot-id.js";
import type { MeetingType, Slot, SlotTable } from "./types.js";
import { MEETING_TYPES } from "./types.js";

/**
 * Object literals on purpose: V8 pretenures literals that survive, which makes hundreds of
 * thousands of slots much cheaper than class instances. Keys that would hold undefined are
 * left out (smaller objects, same JSON).
 */
function makeSlot(
  id: string,
  employeeId: string,
  additionalEmployees: string[] | undefined,
  start: number,
  end: number,
  meetingType: MeetingType,
  roomId: string | undefined,
): Slot {
  if (additionalEmployees === undefined) {
    return roomId === undefined ? { id, employeeId, start, end, meetingType } : { id, employeeId, start, end, meetingType, roomId };
  }
  return roomId === undefined
    ? { id, employeeId, additionalEmployees, start, end, meetingType }
    : { id, employeeId, additionalEmployees, start, end, meetingType, roomId };
}

/** Slots ordered by start, then employee (run order), then meeting type. Ids share one suffix per start and type. */
export function slotsOf(table: SlotTable): Slot[] {
  const { runs, durationMs } = table;
  const out = new Array<Slot>(table.count);
  const typeParts = MEETING_TYPES.map(slotIdTypePart);
  const roomParts = table.roomIds.map((id) => slotIdRoomPart(id));
  const suffixes = new Array<string | undefined>(MEETING_TYPES.length);
  let k = 0;
  let currentStart = NaN;
  let timePart = "";
  for (let p = 0; p < table.run.length; p++) {
    const run = runs[table.run[p]];
    const start = table.start[p];
    const end = start + durationMs;
    const r = table.room[p];
    if (start !== currentStart) {
      currentStart = start;
      timePart = slotIdTimePart(start, end);
      suffixes.fill(undefined);
    }
    const roomId = r < 0 ? undefined : table.roomIds[r];
    for (const type of run.types) {
      const t = MEETING_TYPES.indexOf(type);
      const suffix = (suffixes[t] ??= timePart + typeParts[t] + (r < 0 ? "" : roomParts[r]));
      out[k++] = makeSlot(run.idPrefix + suffix, run.employeeId, run.additionalEmployees?.slice(), start, end, type, roomId);
    }
  }
  return out;
}
