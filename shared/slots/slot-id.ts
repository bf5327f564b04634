/**
 * Slot ids: "ts1." + base64url(JSON [employeeId, additionalEmployees, start, end - start,
 * meetingTypeIndex, roomId | null]). Opaque and URL-safe; the slot is fully recoverable.
 */
import type { MeetingType, SlotIdParts } from "./types.js";
import { MEETING_TYPES } from "./types.js";

const PREFIX = "ts1.";
const MAX_ID_LENGTH = 8192;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface SlotIdSource {
  employeeId: string;
  additionalEmployees?: readonly string[];
  start: number;
  end: number;
  meetingType: MeetingType;
  roomId?: string;
}

export function encodeSlotId(slot: SlotIdSource): string {
  const payload = [
    slot.employeeId,
    slot.additionalEmployees ?? [],
    slot.start,
    slot.end - slot.start,
    MEETING_TYPES.indexOf(slot.meetingType),
    slot.roomId ?? null,
  ];
  return PREFIX + Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** The slot behind an id, or null for anything that encodeSlotId did not produce. Never throws. */
export function decodeSlotId(id: unknown): SlotIdParts | null {
  if (typeof id !== "string" || id.length > MAX_ID_LENGTH || !id.startsWith(PREFIX)) return null;
  const body = id.slice(PREFIX.length);
  if (!BASE64URL.test(body)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(payload) || payload.length !== 6) return null;
  const [employeeId, additional, start, duration, typeIndex, roomId] = payload as unknown[];
  if (!isId(employeeId) || !Array.isArray(additional) || !additional.every(isId)) return null;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(duration) || (duration as number) <= 0) return null;
  if (!Number.isSafeInteger((start as number) + (duration as number))) return null;
  if (!Number.isInteger(typeIndex) || (typeIndex as number) < 0 || (typeIndex as number) >= MEETING_TYPES.length) return null;
  if (roomId !== null && !isId(roomId)) return null;
  const parts: SlotIdParts = {
    employeeId,
    additionalEmployees: additional as string[],
    start: start as number,
    end: (start as number) + (duration as number),
    meetingType: MEETING_TYPES[typeIndex as number],
    roomId: roomId ?? undefined,
  };
  // Canonical form only: one id per slot, and no look-alike ids that merely decode.
  return encodeSlotId(parts) === id ? parts : null;
}
