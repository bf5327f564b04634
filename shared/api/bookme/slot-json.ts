/**
 * GET /time-slots/available bodies written as JSON text straight from the engine's slot table:
 * no object per slot, and every piece that repeats (an employee's id and id prefix, a start's
 * dates, a room, a meeting type) is escaped and formatted once, then concatenated per slot.
 *
 * List form (the contract's shape, the default): one item per slot, fields in the order
 * id, startDate, endDate, startTime, endTime, available, meetingType, employeeId, roomId?,
 * additionalEmployees? (startTime/endTime/available: the TimeSlot model's names); `fields`
 * keeps only the named ones (same order). Byte for byte what JSON.stringify gave for the
 * objects the handler used to build.
 *
 * groupBy=start form: one entry per start, in start order,
 *   {startDate, endDate, roomId?, employees: [{employeeId, meetingTypes[], ids[]?, additionalEmployees?}]}
 * with employees in employeeId order; `ids` (only when fields names `id`) runs parallel to
 * meetingTypes. `fields` selects with the item names (meetingType -> meetingTypes, id -> ids);
 * employeeId is always there. Default: every field but id.
 */
import { SLOT_FIELDS, type SlotField } from "./schemas/time-slots.js";
import { MEETING_TYPES, slotIdRoomPart, slotIdTimePart, slotIdTypePart, type SlotTable } from "../../slots/index.js";
import { ByteWriter, utf8 } from "../edge/byte-writer.js";

const ALL: readonly SlotField[] = SLOT_FIELDS;
/** Grouped entries leave out the id and the TimeSlot model's duplicates (startTime, endTime, available). */
const GROUPED_DEFAULT: readonly SlotField[] = SLOT_FIELDS.filter((f) => !["id", "startTime", "endTime", "available"].includes(f));

const TYPE_PARTS = MEETING_TYPES.map(slotIdTypePart);
const TYPE_INDEX = new Map<string, number>(MEETING_TYPES.map((t, i) => [t, i]));

/** Per-run pieces: escaped once per employee (group). */
interface RunText {
  idPrefix: string;
  employee: string;
  additional: string;
  types: number[];
  typeList: string;
}

function runTexts(table: SlotTable): RunText[] {
  return table.runs.map((r) => ({
    idPrefix: r.idPrefix,
    employee: `,"employeeId":${JSON.stringify(r.employeeId)}`,
    additional: r.additionalEmployees?.length ? `,"additionalEmployees":${JSON.stringify(r.additionalEmployees)}` : "",
    types: r.types.map((t) => TYPE_INDEX.get(t)!),
    typeList: `,"meetingTypes":${JSON.stringify(r.types)}`,
  }));
}

/** ',"startDate":"...","endDate":"..."' pieces of one start. */
function dateTexts(start: number, durationMs: number, want: Set<SlotField>): string {
  const startIso = new Date(start).toISOString();
  const endIso = new Date(start + durationMs).toISOString();
  let out = "";
  if (want.has("startDate")) out += `,"startDate":"${startIso}"`;
  if (want.has("endDate")) out += `,"endDate":"${endIso}"`;
  if (want.has("startTime")) out += `,"startTime":"${startIso}"`;
  if (want.has("endTime")) out += `,"endTime":"${endIso}"`;
  if (want.has("available")) out += `,"available":true`;
  return out;
}

/** "{" + pieces that each begin with a comma + "}". */
const object = (pieces: string): string => (pieces === "" ? "{}" : `{${pieces.slice(1)}}`);

const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const EMPTY = utf8("");

/**
 * The contract's list of slots (see the file comment), as UTF-8 bytes. An item is three pieces:
 * the run's id prefix, a piece per (start, meeting type) holding the rest of the id, the dates
 * and the type, and a piece per (run, room) with employeeId, roomId and additionalEmployees.
 * Every piece begins with a comma; the item's first comma then becomes its "{".
 */
export function slotListJson(table: SlotTable, fields: readonly SlotField[] = ALL): Buffer {
  const want = new Set(fields);
  const wantId = want.has("id");
  const roomIds = table.roomIds;
  const runs = table.runs.map((r) => ({
    head: wantId ? utf8(`,"id":"${r.idPrefix}`) : EMPTY,
    employee: want.has("employeeId") ? `,"employeeId":${JSON.stringify(r.employeeId)}` : "",
    additional:
      want.has("additionalEmployees") && r.additionalEmployees?.length
        ? `,"additionalEmployees":${JSON.stringify(r.additionalEmployees)}`
        : "",
    /** tail per room index + 1 (0 = no room), made on first use. */
    tails: new Array<Buffer | undefined>(roomIds.length + 1),
    types: r.types.map((t) => TYPE_INDEX.get(t)!),
  }));
  const roomParts = roomIds.map((id) => slotIdRoomPart(id));
  const roomFields = roomIds.map((id) => (want.has("roomId") ? `,"roomId":${JSON.stringify(id)}` : ""));
  const typeFields = MEETING_TYPES.map((t) => (want.has("meetingType") ? `,"meetingType":"${t}"` : ""));
  const tailOf = (run: (typeof runs)[number], room: number): Buffer => {
    let tail = run.tails[room + 1];
    if (tail === undefined) {
      tail = run.tails[room + 1] = utf8(run.employee + (room < 0 ? "" : roomFields[room]) + run.additional);
    }
    return tail;
  };
  // Room enough for the longest item times the count: the buffer is allocated once, not regrown.
  const longestRun = Math.max(0, ...runs.map((r) => r.head.length + Buffer.byteLength(r.employee + r.additional)));
  const longestRoom = Math.max(0, ...roomIds.map((id, i) => roomParts[i].length + Buffer.byteLength(roomFields[i])));
  // The middle piece (the id's time, type and room parts, the dates, the type): its length does not vary with the start.
  const first = table.run.length ? table.start[0] : 0;
  const longestMiddle =
    Buffer.byteLength(dateTexts(first, table.durationMs, want)) +
    (wantId ? slotIdTimePart(first, first + table.durationMs).length + Math.max(...TYPE_PARTS.map((t) => t.length)) + 1 : 0) +
    Math.max(...typeFields.map((f) => f.length));
  const w = new ByteWriter(2 + table.count * (longestRun + longestRoom + longestMiddle + 16));
  const middles = new Array<Buffer | undefined>(MEETING_TYPES.length);
  w.byte(0x5b);
  let currentStart = NaN;
  let currentRoom = -1;
  let dates = "";
  let timePart = "";
  for (let p = 0; p < table.run.length; p++) {
    const run = runs[table.run[p]];
    const start = table.start[p];
    const room = table.room[p];
    if (start !== currentStart || room !== currentRoom) {
      currentStart = start;
      currentRoom = room;
      dates = dateTexts(start, table.durationMs, want);
      timePart = slotIdTimePart(start, start + table.durationMs);
      middles.fill(undefined);
    }
    const tail = tailOf(run, room);
    for (const t of run.types) {
      const middle = (middles[t] ??= utf8(
        (wantId ? `${timePart}${TYPE_PARTS[t]}${room < 0 ? "" : roomParts[room]}"` : "") + dates + typeFields[t],
      ));
      if (w.length > 1) w.byte(COMMA);
      const at = w.length;
      w.put(run.head);
      w.put(middle);
      w.put(tail);
      if (w.length === at) w.byte(OPEN);
      else w.setByte(at, OPEN);
      w.byte(CLOSE);
    }
  }
  w.byte(0x5d);
  return w.bytes();
}

/** One entry per start with the employees free then (see the file comment). */
export function slotsByStartJson(table: SlotTable, fields: readonly SlotField[] = GROUPED_DEFAULT): string {
  const want = new Set(fields);
  const wantIds = want.has("id");
  const wantTypes = want.has("meetingType");
  const wantRoom = want.has("roomId");
  const wantAdditional = want.has("additionalEmployees");
  const runs = runTexts(table);
  const rooms = table.roomIds.map((id) => ({ part: slotIdRoomPart(id), field: `,"roomId":${JSON.stringify(id)}` }));
  const entries: string[] = [];
  let p = 0;
  while (p < table.run.length) {
    const start = table.start[p];
    const r = table.room[p];
    const room = r < 0 ? undefined : rooms[r];
    const timePart = slotIdTimePart(start, start + table.durationMs);
    const employees: string[] = [];
    for (; p < table.run.length && table.start[p] === start; p++) {
      const run = runs[table.run[p]];
      let ids = "";
      if (wantIds)
        ids = `,"ids":[${run.types.map((t) => `"${run.idPrefix}${timePart}${TYPE_PARTS[t]}${room ? room.part : ""}"`).join(",")}]`;
      employees.push(object(run.employee + (wantTypes ? run.typeList : "") + ids + (wantAdditional ? run.additional : "")));
    }
    entries.push(
      object(dateTexts(start, table.durationMs, want) + (wantRoom && room ? room.field : "") + `,"employees":[${employees.join(",")}]`),
    );
  }
  return `[${entries.join(",")}]`;
}
