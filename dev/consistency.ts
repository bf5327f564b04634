/**
 * The consistency check after a load, fault or step-crash run. Reads every document straight from
 * the database (meetings, reservations and token pointers, calendars, intents) and, optionally,
 * every booked meeting through GET /meetings paged with x-continuation-token, or takes them from
 * an in-memory store (analyseConsistency), then proves:
 *  - no employee (main or additional) and no room is in two overlapping Booked meetings;
 *  - no live reservation overlaps a Booked meeting (other than the one it moves) or another
 *    live reservation of the same resource;
 *  - every Booked meeting and live reservation holds its time in the calendar of each of its
 *    resources (nothing half-made: the guard would otherwise let the time be booked again);
 *  - every calendar entry belongs to a Booked meeting (same resource and time) or to an existing
 *    reservation (orphans are listed; after a sweep there must be none);
 *  - the HTTP listing and the database agree.
 */
import { CosmosClient, type Container } from "@azure/cosmos";

interface Entry {
  ref: string;
  rev: number;
  start: string;
  end: string;
  expiresAt?: string;
}

export interface StoredDocuments {
  meetings: MeetingDoc[];
  /** Reservations and token pointers. */
  reservationDocs: (ReservationDoc | { kind: "token" })[];
  calendars: { id: string; resource: string; entries: Entry[] }[];
  intents: { id: string }[];
}

interface MeetingDoc {
  id: string;
  rev: number;
  status: string;
  employeeId: string;
  additionalEmployees: string[];
  roomId: string | null;
  startDate: string;
  endDate: string;
}

interface ReservationDoc {
  id: string;
  kind: "reservation";
  employeeId: string | null;
  roomId: string | null;
  startDate: string;
  endDate: string;
  expiresAt: string;
  existingMeetingId: string | null;
}

export interface ConsistencyReport {
  checkedAt: string;
  meetings: number;
  booked: number;
  cancelled: number;
  reservations: number;
  liveReservations: number;
  expiredReservations: number;
  tokenPointers: number;
  calendars: number;
  calendarEntries: number;
  intents: number;
  httpListed?: number;
  /** Violations: each should be empty. */
  doubleBookings: string[];
  reservationOverlaps: string[];
  halfMade: string[];
  orphanEntries: string[];
  listingMismatch: string[];
}

export interface CheckOptions {
  endpoint: string;
  key: string;
  database?: string;
  now?: number;
  /** GET {base}/meetings with these headers, paged, to compare with the database. */
  http?: { base: string; headers: Record<string, string>; pageSize?: number };
}

const MAX_LISTED = 20;

async function all<T>(container: Container): Promise<T[]> {
  const { resources } = await container.items.readAll().fetchAll();
  return resources as unknown as T[];
}

const ms = (iso: string) => Date.parse(iso);

function resourcesOf(m: MeetingDoc): string[] {
  return [
    ...new Set([
      `employee:${m.employeeId}`,
      ...m.additionalEmployees.map((e) => `employee:${e}`),
      ...(m.roomId ? [`room:${m.roomId}`] : []),
    ]),
  ];
}

/** Booked, Pending (provisional) and NoShow meetings hold their time. */
const HOLDING = new Set(["Booked", "Pending", "NoShow"]);
const holdsTime = (m: MeetingDoc) => HOLDING.has(m.status);

function reservedResources(r: ReservationDoc): string[] {
  return [r.employeeId && `employee:${r.employeeId}`, r.roomId && `room:${r.roomId}`].filter((x): x is string => !!x);
}

/** Pairs of overlapping intervals per resource (sweep over start-sorted intervals). */
function overlaps<T>(
  byResource: Map<string, { start: number; end: number; item: T }[]>,
  describe: (a: T, b: T, resource: string) => string | null,
): string[] {
  const out: string[] = [];
  for (const [resource, list] of byResource) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].start < list[i].end; j++) {
        const text = describe(list[i].item, list[j].item, resource);
        if (text) out.push(text);
      }
    }
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function checkConsistency(options: CheckOptions): Promise<ConsistencyReport> {
  const client = new CosmosClient({ endpoint: options.endpoint, key: options.key, connectionPolicy: { enableEndpointDiscovery: false } });
  try {
    const db = client.database(options.database ?? "bookme");
    const [meetings, reservationDocs, calendars, intents] = await Promise.all([
      all<MeetingDoc>(db.container("meetings")),
      all<ReservationDoc | { kind: "token" }>(db.container("reservations")),
      all<{ id: string; resource: string; entries: Entry[] }>(db.container("schedules")),
      all<{ id: string }>(db.container("intents")),
    ]);
    const report = analyseConsistency({ meetings, reservationDocs, calendars, intents }, options.now ?? Date.now());
    if (options.http) {
      const listed = await listMeetingsOverHttp(options.http.base, options.http.headers, options.http.pageSize ?? 100);
      report.httpListed = listed.length;
      const ids = new Set(listed);
      if (ids.size !== listed.length) report.listingMismatch.push(`the listing returned ${listed.length - ids.size} meetings twice`);
      const booked = meetings.filter((m) => m.status === "Booked");
      for (const m of booked) if (!ids.has(m.id)) report.listingMismatch.push(`Booked meeting ${m.id} missing from GET /meetings`);
      const bookedIds = new Set(booked.map((m) => m.id));
      for (const id of ids) if (!bookedIds.has(id)) report.listingMismatch.push(`GET /meetings lists ${id}, which is not Booked`);
    }
    return report;
  } finally {
    client.dispose();
  }
}

export function analyseConsistency({ meetings, reservationDocs, calendars, intents }: StoredDocuments, now: number): ConsistencyReport {
  const booked = meetings.filter(holdsTime);
  const reservations = reservationDocs.filter((r): r is ReservationDoc => r.kind === "reservation");
  const live = reservations.filter((r) => ms(r.expiresAt) > now);

  const report: ConsistencyReport = {
    checkedAt: new Date(now).toISOString(),
    meetings: meetings.length,
    booked: booked.length,
    cancelled: meetings.length - booked.length,
    reservations: reservations.length,
    liveReservations: live.length,
    expiredReservations: reservations.length - live.length,
    tokenPointers: reservationDocs.length - reservations.length,
    calendars: calendars.length,
    calendarEntries: calendars.reduce((n, c) => n + c.entries.length, 0),
    intents: intents.length,
    doubleBookings: [],
    reservationOverlaps: [],
    halfMade: [],
    orphanEntries: [],
    listingMismatch: [],
  };

  type Held = { kind: "meeting"; m: MeetingDoc } | { kind: "reservation"; r: ReservationDoc };
  const byResource = new Map<string, { start: number; end: number; item: Held }[]>();
  for (const m of booked)
    for (const res of resourcesOf(m)) push(byResource, res, { start: ms(m.startDate), end: ms(m.endDate), item: { kind: "meeting", m } });
  for (const r of live)
    for (const res of reservedResources(r))
      push(byResource, res, { start: ms(r.startDate), end: ms(r.endDate), item: { kind: "reservation", r } });
  const label = (h: Held) =>
    h.kind === "meeting" ? `meeting ${h.m.id} ${h.m.startDate}-${h.m.endDate}` : `reservation ${h.r.id} ${h.r.startDate}-${h.r.endDate}`;
  for (const text of overlaps(byResource, (a, b, resource) => {
    if (a.kind === "meeting" && b.kind === "meeting") return `double booking of ${resource}: ${label(a)} and ${label(b)}`;
    const [res, other] = a.kind === "reservation" ? [a.r, b] : [(b as { r: ReservationDoc }).r, a];
    if (other.kind === "meeting" && res.existingMeetingId === other.m.id) return null; // a reservation to move that meeting
    return `reservation overlap on ${resource}: ${label(a)} and ${label(b)}`;
  })) {
    (text.startsWith("double") ? report.doubleBookings : report.reservationOverlaps).push(text);
  }

  // calendars <-> holders
  const meetingById = new Map(meetings.map((m) => [m.id, m]));
  const reservationById = new Map(reservations.map((r) => [r.id, r]));
  const entriesByResource = new Map<string, Entry[]>();
  for (const c of calendars) for (const e of c.entries) push(entriesByResource, c.resource, e);
  const holds = (res: string, ref: string, start: string, end: string) =>
    (entriesByResource.get(res) ?? []).some((e) => e.ref === ref && ms(e.start) === ms(start) && ms(e.end) === ms(end));
  for (const m of booked) {
    for (const res of resourcesOf(m))
      if (!holds(res, `meeting:${m.id}`, m.startDate, m.endDate))
        report.halfMade.push(`meeting ${m.id} (${m.startDate}) is Booked but ${res}'s calendar does not hold it`);
  }
  for (const r of live) {
    for (const res of reservedResources(r))
      if (!holds(res, `reservation:${r.id}`, r.startDate, r.endDate))
        report.halfMade.push(`reservation ${r.id} (${r.startDate}) is live but ${res}'s calendar does not hold it`);
  }
  for (const c of calendars) {
    for (const e of c.entries) {
      const [kind, id] = [e.ref.slice(0, e.ref.indexOf(":")), e.ref.slice(e.ref.indexOf(":") + 1)];
      if (kind === "meeting") {
        const m = meetingById.get(id);
        const ok =
          m && holdsTime(m) && resourcesOf(m).includes(c.resource) && ms(e.start) === ms(m.startDate) && ms(e.end) === ms(m.endDate);
        if (!ok)
          report.orphanEntries.push(
            `${c.id}: ${e.ref} rev ${e.rev} ${e.start} (${m ? `meeting is ${m.status} at ${m.startDate}` : "no such meeting"})`,
          );
      } else {
        const r = reservationById.get(id);
        if (!r)
          report.orphanEntries.push(
            `${c.id}: ${e.ref} ${e.start} (no such reservation${e.expiresAt && ms(e.expiresAt) <= now ? ", expired" : ", still live"})`,
          );
      }
    }
  }
  return report;
}

/** Every Booked meeting's id through GET /meetings, following x-continuation-token. */
export async function listMeetingsOverHttp(base: string, headers: Record<string, string>, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  let token: string | null = null;
  for (let page = 0; page < 100_000; page++) {
    const res: Response = await fetch(`${base}/meetings?limit=${pageSize}`, {
      headers: { ...headers, ...(token ? { "x-continuation-token": token } : {}) },
    });
    if (res.status !== 200) throw new Error(`GET /meetings answered ${res.status}: ${await res.text()}`);
    const items = (await res.json()) as { id: string }[];
    ids.push(...items.map((m) => m.id));
    token = res.headers.get("x-continuation-token");
    if (!token) return ids;
  }
  throw new Error("GET /meetings did not end");
}

export function violations(report: ConsistencyReport): string[] {
  return [...report.doubleBookings, ...report.reservationOverlaps, ...report.halfMade, ...report.orphanEntries, ...report.listingMismatch];
}

/** A short, printable form: counts, then the first few violations of each kind. */
export function formatReport(report: ConsistencyReport): string {
  const lines = [
    `meetings ${report.meetings} (Booked ${report.booked}, Cancelled ${report.cancelled})${report.httpListed !== undefined ? `, listed over HTTP ${report.httpListed}` : ""}`,
    `reservations ${report.reservations} (live ${report.liveReservations}, expired ${report.expiredReservations}), token pointers ${report.tokenPointers}`,
    `calendars ${report.calendars} with ${report.calendarEntries} entries; intents ${report.intents}`,
  ];
  const kinds: [string, string[]][] = [
    ["double bookings", report.doubleBookings],
    ["reservation overlaps", report.reservationOverlaps],
    ["half-made bookings", report.halfMade],
    ["orphan calendar entries", report.orphanEntries],
    ["listing mismatches", report.listingMismatch],
  ];
  for (const [name, list] of kinds) {
    lines.push(`${name}: ${list.length}`);
    for (const v of list.slice(0, MAX_LISTED)) lines.push(`  - ${v}`);
    if (list.length > MAX_LISTED) lines.push(`  ... ${list.length - MAX_LISTED} more`);
  }
  return lines.join("\n");
}
