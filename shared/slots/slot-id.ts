/**
 * Slot ids: "ts1.<employees>.<start>.<duration>.<type>.<room>", URL-safe and fully recoverable:
 *   employees = base64url(utf8 employeeId), then "~" + base64url(id) per additional employee
 *   start     = epoch ms in base 36;  duration = ms in base 36
 *   type      = index in MEETING_TYPES; room = base64url(utf8 roomId), empty when none
 * The id is prefix(employees) + time part + type part + room part: the slot table keeps the prefix
 * per employee, and slotsOf / shared/api/bookme/slot-json.ts put ids together from pieces computed once
 * per employee, start, type and room (the JSON writer never builds an id string at all), so the
 * format stays "ts1" and decodeSlotId (the booking path's time source) is unchanged.
 */
import type { MeetingType, SlotIdParts } from "./types.js";
import { MEETING_TYPES } from "./types.js";

const VERSION = "ts1";
const MAX_ID_LENGTH = 8192;
const B64 = /^[A-Za-z0-9_-]+$/;
const BASE36 = /^-?[0-9a-z]+$/;

export interface SlotIdSource {
  employeeId: string;
  additionalEmployees?: readonly string[];
  start: number;
  end: number;
  meetingType: MeetingType;
  roomId?: string;
}

const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64url");

/** "ts1.<employees>." */
export function slotIdPrefix(employeeId: string, additionalEmployees?: readonly string[]): string {
  let employees = b64(employeeId);
  if (additionalEmployees !== undefined) for (const id of additionalEmployees) employees += "~" + b64(id);
  return `${VERSION}.${employees}.`;
}

/** "<start>.<duration>." */
export function slotIdTimePart(start: number, end: number): string {
  return `${start.toString(36)}.${(end - start).toString(36)}.`;
}

/** "<type>." */
export function slotIdTypePart(meetingType: MeetingType): string {
  return `${MEETING_TYPES.indexOf(meetingType)}.`;
}

/** "<room>" ("" when none) */
export function slotIdRoomPart(roomId?: string): string {
  return roomId === undefined ? "" : b64(roomId);
}

export function encodeSlotId(slot: SlotIdSource): string {
  return (
    slotIdPrefix(slot.employeeId, slot.additionalEmployees) +
    slotIdTimePart(slot.start, slot.end) +
    slotIdTypePart(slot.meetingType) +
    slotIdRoomPart(slot.roomId)
  );
}

function decodeText(part: string): string | null {
  if (!B64.test(part)) return null;
  const text = Buffer.from(part, "base64url").toString("utf8");
  return text.length > 0 ? text : null;
}

/** The slot behind an id, or null for anything encodeSlotId did not produce. Never throws. */
export function decodeSlotId(id: unknown): SlotIdParts | null {
  if (typeof id !== "string" || id.length > MAX_ID_LENGTH) return null;
  const parts = id.split(".");
  if (parts.length !== 6 || parts[0] !== VERSION) return null;
  const [, employeesPart, startPart, durationPart, typePart, roomPart] = parts;
  // A room's grid slot has no employee: an empty employees part, then a room is required.
  const employees = employeesPart === "" ? [""] : employeesPart.split("~").map(decodeText);
  if (employees.some((e) => e === null)) return null;
  if (!BASE36.test(startPart) || !BASE36.test(durationPart) || !/^[0-9]$/.test(typePart)) return null;
  const start = parseInt(startPart, 36);
  const duration = parseInt(durationPart, 36);
  const end = start + duration;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || !(duration > 0)) return null;
  const meetingType = MEETING_TYPES[Number(typePart)];
  if (meetingType === undefined) return null;
  const roomId = roomPart === "" ? undefined : decodeText(roomPart);
  if (roomId === null || (employeesPart === "" && roomId === undefined)) return null;
  const [employeeId, ...additionalEmployees] = employees as string[];
  const slot: SlotIdParts = { employeeId, additionalEmployees, start, end, meetingType, roomId };
  // Canonical form only (one id per slot): rejects non-canonical base64/base36 look-alikes.
  return encodeSlotId(slot) === id ? slot : null;
}
