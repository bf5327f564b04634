/**
 * Demo data that makes the seed-compatible APIs' examples run as written: meetergo's meeting type
 * 770e8400-…-0002 with host 550e8400-…-0000 and a round-robin queue, and the bots link link_abc123
 * (slug 30min-discovery) over it; and a dev API key.
 */
import { createHash } from "node:crypto";
import type { DirectoryRepository, ApiKeyRepository } from "../../shared/booking/model/ports.js";
import { hashApiKey, newApiKey } from "../../shared/api/edge/api-key-auth.js";
import type { BookingLink } from "../../shared/directory/booking-links.js";
import type { Employee } from "../../shared/directory/directory.js";
import { MeetingTypeBody, type MeetingTypeConfig } from "../../shared/directory/meeting-types.js";

export const MEETERGO_HOST_ID = "550e8400-e29b-41d4-a716-446655440000";
export const MEETERGO_SECOND_HOST_ID = "550e8400-e29b-41d4-a716-446655440001";
export const MEETERGO_MEETING_TYPE_ID = "770e8400-e29b-41d4-a716-446655440002";
export const MEETERGO_QUEUE_ID = "880e8400-e29b-41d4-a716-446655440003";
export const BOTS_LINK_ID = "link_abc123";
export const BOTS_LINK_SLUG = "30min-discovery";

const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
const host = (id: string, name: string, email: string): Employee => ({
  id,
  name,
  email,
  timeZone: "Europe/Berlin",
  workingHours: weekdays.map((day) => ({ day, start: "09:00", end: "17:00" })),
  overrides: [],
  meetingTypes: ["Physical", "Online", "Telephone"],
  locations: ["Berlin"],
  serviceGroups: ["sales"],
  topicIds: [],
  customerTypeIds: [],
  absences: [],
});

export const facadeHosts: Employee[] = [
  host(MEETERGO_HOST_ID, "Demo Host", "host@bank.example"),
  host(MEETERGO_SECOND_HOST_ID, "Second Host", "host2@bank.example"),
];

export const facadeMeetingType: MeetingTypeConfig = {
  ...MeetingTypeBody.parse({
    name: "Product demo",
    description: "A 30-minute product demo (the meetergo examples' meeting type)",
    queueId: MEETERGO_QUEUE_ID,
    durations: { defaultMinutes: 30, allowedMinutes: [30, 60] },
    pool: { employeeIds: [MEETERGO_HOST_ID, MEETERGO_SECOND_HOST_ID] },
    assignment: { policy: "fairness" },
    invitation: { title: "Product demo", description: "Booked through BookMe" },
  }),
  id: MEETERGO_MEETING_TYPE_ID,
};

export const facadeLink: BookingLink = {
  id: BOTS_LINK_ID,
  slug: BOTS_LINK_SLUG,
  title: "30 minute discovery call",
  durationMinutes: 30,
  meetingTypeId: MEETERGO_MEETING_TYPE_ID,
  questionIds: [],
};

/** Puts the demo hosts, meeting type and link (creates or replaces: the examples' ids are fixed). */
export async function seedFacadeDemo(directory: DirectoryRepository): Promise<string> {
  for (const e of facadeHosts) await directory.put("employee", e);
  await directory.put("meetingType", facadeMeetingType);
  await directory.put("bookingLink", facadeLink);
  return `meetergo meeting type ${MEETERGO_MEETING_TYPE_ID} (queue ${MEETERGO_QUEUE_ID}, hosts ${MEETERGO_HOST_ID}, ${MEETERGO_SECOND_HOST_ID}); bots link ${BOTS_LINK_ID} (${BOTS_LINK_SLUG})`;
}

/** The dev API key: derived from the data directory's dev signing key, so it stays the same across restarts. */
export function devApiKeyFor(devSecret: string): string {
  return `bmk_dev_${createHash("sha256").update(`bookme-dev-api-key:${devSecret}`).digest("base64url")}`;
}

/** Stores the dev API key (both scopes) unless it is there. */
export async function ensureDevApiKey(apiKeys: ApiKeyRepository, key: string, now = Date.now()): Promise<void> {
  if (await apiKeys.byHash(hashApiKey(key))) return;
  await apiKeys.create(
    newApiKey({ name: "dev", scopes: ["bookings:read", "bookings:write"], channel: "dev", entity: "org:dev" }, now, key).record,
  );
}
