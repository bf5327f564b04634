/**
 * The waitlist: a customer who found no free time for a meeting type (a bots booking link, the V2
 * API) or for a choice on the booking page (topic, customer type, way to meet, branch) on a day or
 * range asks to be told when one frees up. One document per entry in the Cosmos container
 * `waitlist`, partitioned by its target (`mt:{meetingTypeId}`, or `tp:{topicId}` for the page), so
 * the offers for a freed time are one single-partition query per meeting type or topic. Entries are personal data (name, e-mail,
 * phone): they carry their privacy subject keys and expire (per-item TTL) a week after their window.
 *
 * Status: waiting (joined) -> offered (at least one time was offered) -> booked (the contact booked
 * in the window); expired is what a read says once the window has ended unbooked.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { msOf } from "../kernel/instants.js";
import type { Actor } from "../booking/model/caller.js";

export const WAITLIST_STATUSES = ["waiting", "offered", "booked", "expired"] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** The longest window one entry may ask for. */
export const MAX_WINDOW_DAYS = 31;
/** Entries are kept this long after their window ends (then Cosmos deletes them: per-item TTL). */
export const KEEP_AFTER_WINDOW_SECONDS = 7 * 86_400;

export const WaitlistEntry = z.object({
  /** wl_{meetingTypeId}_{random} or wp_{topicId}_{random}: the target is readable from the id, so a read by id is a point read. */
  id: z.string(),
  type: z.literal("waitlist"),
  /** The partition: mt:{meetingTypeId}, or tp:{topicId} for a booking page choice. */
  target: z.string(),
  /** The meeting type (bots API, V2); null for a booking page choice. */
  meetingTypeId: z.string().nullable(),
  /** The booking page's choice (its free times are the page's); null for a meeting type. */
  choice: z
    .object({ topicId: z.string(), customerTypeId: z.string(), meetingType: z.string(), branch: z.string() })
    .nullable()
    .default(null),
  bookingLinkId: z.string().nullable(),
  /** The link's duration, else null (the meeting type's default). */
  durationMinutes: z.number().nullable(),
  /** The meeting type's zone (the offer's time is written in it). */
  timeZone: z.string(),
  /** The wanted window [fromTime, toTime), UTC ISO with Z: an offered time starts and ends within it. */
  fromTime: z.string(),
  toTime: z.string(),
  contact: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  language: z.string(),
  status: z.enum(["waiting", "offered", "booked"]),
  /** The times offered so far (their starts), oldest first. */
  offers: z.array(z.object({ start: z.string(), at: z.string() })),
  joinedAt: z.string(),
  updatedAt: z.string(),
  /** Who added it (the caller): only the same client, or the same entity on the Bot channel, reads or removes it. */
  owner: z.object({ tenantId: z.string(), clientId: z.string(), entity: z.string().optional() }),
  /** Privacy subject keys (shared/privacy/subject-keys.ts) of the e-mail and phone. */
  subjects: z.array(z.string()),
  /** Seconds Cosmos keeps it (per-item TTL): to a week after the window. */
  ttl: z.number(),
});
export type WaitlistEntry = z.output<typeof WaitlistEntry>;

export interface StoredEntry {
  doc: WaitlistEntry;
  etag: string;
}

export interface WaitlistStore {
  create(entry: WaitlistEntry): Promise<void>;
  get(id: string): Promise<StoredEntry | undefined>;
  /** Replace with If-Match: the new etag, or undefined when it changed meanwhile. */
  replace(entry: WaitlistEntry, etag: string): Promise<string | undefined>;
  delete(id: string): Promise<boolean>;
  /** Entries of a target (mt:{meetingTypeId}, tp:{topicId}) still waiting or offered whose window overlaps [start, end): one partition. */
  open(target: string, start: string, end: string): Promise<StoredEntry[]>;
  /** Entries carrying any of these subject keys (privacy export and erasure). */
  ofSubjects(subjects: string[]): Promise<WaitlistEntry[]>;
}

export interface Interval {
  start: number;
  end: number;
}

/** What the waitlist needs beyond the messages' own deps (built in the composition root). */
export interface WaitlistDeps {
  store: WaitlistStore;
  /**
   * Free times over [startMs, endMs) of what an entry waits for, by the booking path's own rules: its meeting type
   * (its duration, null: the type's default), or its booking page choice (the page's availability).
   */
  freeTimes(entry: TimesKey, startMs: number, endMs: number, now: number): Promise<Interval[]>;
  /** The targets a freed time may serve: its meeting type and topic, and those whose pool or topics take its advisors. */
  targetsFor(freed: { meetingTypeId: string | null; topicId: string | null; employeeIds: string[] }): Promise<string[]>;
}

/** What decides an entry's free times: entries with the same key share one availability query. */
export type TimesKey = Pick<WaitlistEntry, "meetingTypeId" | "durationMinutes" | "choice">;
export const timesKeyOf = (e: TimesKey) => JSON.stringify([e.meetingTypeId, e.durationMinutes, e.choice]);

export const targetOf = (meetingTypeId: string) => `mt:${meetingTypeId}`;
export const topicTargetOf = (topicId: string) => `tp:${topicId}`;

export function newEntryId(meetingTypeId: string): string {
  return `wl_${meetingTypeId}_${randomUUID().replace(/-/g, "")}`;
}

export function newPageEntryId(topicId: string): string {
  return `wp_${topicId}_${randomUUID().replace(/-/g, "")}`;
}

/** The target (partition) an entry id names, or undefined for anything else. */
export function targetOfEntryId(id: string): string | undefined {
  const m = /^w([lp])_([0-9a-f-]{36})_[0-9a-f]{32}$/.exec(id);
  if (!m) return undefined;
  return m[1] === "l" ? targetOf(m[2]) : topicTargetOf(m[2]);
}

/** What a read shows: an unbooked entry whose window has ended is expired. */
export function statusAt(entry: WaitlistEntry, now: number): WaitlistStatus {
  if (entry.status !== "booked" && msOf(entry.toTime) <= now) return "expired";
  return entry.status;
}

export function ttlFor(toTime: string, now: number): number {
  return Math.max(60, Math.ceil((msOf(toTime) - now) / 1000) + KEEP_AFTER_WINDOW_SECONDS);
}

/** Owner rule: the same entity on the Bot channel, else the same client of the same tenant. */
export function ownsEntry(caller: Pick<Actor, "tenantId" | "clientId" | "entity"> | undefined, entry: WaitlistEntry): boolean {
  if (!caller) return false;
  if (caller.entity || entry.owner.entity) return caller.entity === entry.owner.entity;
  return caller.tenantId === entry.owner.tenantId && caller.clientId === entry.owner.clientId;
}

/** What the join endpoints need: the store and the subject keys of a contact (the privacy index). */
export interface WaitlistAccess {
  store: WaitlistStore;
  subjectKeys(contact: { email: string | null; phone: string | null }): string[];
}
