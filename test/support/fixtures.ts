/**
 * Helpers for the integration tests: a small HTTP client for the local stack (over api-kit's call), builders that
 * create directory data through the config endpoints, and future dates computed from the real
 * clock (the server reads Date.now()), in Europe/Copenhagen with luxon.
 */
import { randomUUID } from "node:crypto";
import { CosmosClient } from "@azure/cosmos";
import { DateTime } from "luxon";
import { EMULATOR_KEY } from "../../dev/cosmos-server.js";
import { call } from "./api-kit.js";
import type { Stack } from "./stack.js";

/** What the Api client needs of a stack: the real one (stack.ts) or the in-process kit (in-process.ts). */
export type ApiStack = Pick<Stack, "base" | "headers"> & { hosts: { url: string }[] };

export const CPH = "Europe/Copenhagen";
export const HOUR = 3_600_000;
export const ALL_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Day = (typeof ALL_DAYS)[number];

/* ---------------- HTTP ---------------- */

/** Response bodies are whatever JSON the API sent; tests assert on their shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** Another base URL (another host, or /api/v1/bookme). */
  base?: string;
}

/** A thin client over fetch: JSON in, JSON (or text) out, auth and subscription key added. */
export class Api {
  private headersPromise: Promise<Record<string, string>> | undefined;

  constructor(
    readonly stack: ApiStack,
    readonly base: string = stack.base,
  ) {}

  /** The same client against another base URL (e.g. another host or V1). */
  at(base: string): Api {
    return new Api(this.stack, base);
  }

  /** Base URLs of every host for this API version. */
  bases(version: "v1" | "v2" = "v2"): string[] {
    return this.stack.hosts.map((h) => `${h.url}/api/${version}/bookme`);
  }

  private authHeaders(): Promise<Record<string, string>> {
    this.headersPromise ??= this.stack.headers();
    return this.headersPromise;
  }

  async call<T = Json>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const res = await call(method, `${options.base ?? this.base}${path}`, {
      headers: { ...(await this.authHeaders()), ...options.headers },
      body,
    });
    const parsed = res.text && res.contentType.includes("json") ? res.json : res.text;
    return { status: res.status, headers: res.headers, body: parsed as T, text: res.text };
  }

  get<T = Json>(path: string, options?: CallOptions) {
    return this.call<T>("GET", path, undefined, options);
  }
  post<T = Json>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>("POST", path, body, options);
  }
  put<T = Json>(path: string, body?: unknown, options?: CallOptions) {
    return this.call<T>("PUT", path, body, options);
  }
  delete<T = Json>(path: string, options?: CallOptions) {
    return this.call<T>("DELETE", path, undefined, options);
  }
}

/** Query string from an object; arrays become repeated parameters. */
export function qs(params: Record<string, string | number | boolean | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, v);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Field names of a problem+json validation error. */
export function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

/** Every key of a JSON value, at any depth. */
export function allKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allKeys(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}

/* ---------------- dates ---------------- */

/** Local midnight of the next given ISO weekday (1 = Monday) at least `minDaysAhead` days from now. */
export function nextWeekday(isoWeekday: number, minDaysAhead = 7, zone = CPH): DateTime {
  let d = DateTime.now().setZone(zone).startOf("day").plus({ days: minDaysAhead });
  while (d.weekday !== isoWeekday) d = d.plus({ days: 1 });
  return d;
}

/** A local wall time on a local date, as a luxon DateTime in the zone. */
export function at(day: DateTime, hhmm: string, zone = CPH): DateTime {
  const [h, m] = hhmm.split(":").map(Number);
  return day.setZone(zone).set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

/** ISO instant (UTC, with Z) of a local wall time on a local date. */
export function isoAt(day: DateTime, hhmm: string, zone = CPH): string {
  return at(day, hhmm, zone).toUTC().toISO({ suppressMilliseconds: false })!;
}

export const toIso = (ms: number) => new Date(ms).toISOString();

/** The last Sunday of a month (local midnight). */
export function lastSunday(year: number, month: number, zone = CPH): DateTime {
  let d = DateTime.fromObject({ year, month, day: 1 }, { zone }).endOf("month").startOf("day");
  while (d.weekday !== 7) d = d.minus({ days: 1 });
  return d;
}

/** The next transition Sunday of the given month (3 = spring forward, 10 = fall back) at least two days ahead. */
export function nextDstSunday(month: 3 | 10, zone = CPH): DateTime {
  const now = DateTime.now().setZone(zone);
  for (let year = now.year; ; year++) {
    const sunday = lastSunday(year, month, zone);
    if (sunday.toMillis() > now.plus({ days: 2 }).toMillis()) return sunday;
  }
}

/** "HH:mm" local wall time of an instant. */
export const wall = (iso: string | number, zone = CPH) =>
  DateTime.fromMillis(typeof iso === "number" ? iso : Date.parse(iso), { zone }).toFormat("HH:mm");
/** Local date "yyyy-MM-dd" of an instant. */
export const localDate = (iso: string | number, zone = CPH) =>
  DateTime.fromMillis(typeof iso === "number" ? iso : Date.parse(iso), { zone }).toISODate()!;
/** UTC offset in minutes of an instant in a zone. */
export const offsetMinutes = (iso: string, zone = CPH) => DateTime.fromISO(iso, { zone }).offset;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A timer schedule that will not fire during a test run: once a day, twelve hours from now.
 * (A yearly schedule would be nicer, but the local host's setTimeout cannot wait longer than
 * 2^31-1 ms and then fires at once, in a loop.)
 */
export function quietSchedule(): string {
  const now = new Date();
  return `0 ${now.getUTCMinutes()} ${(now.getUTCHours() + 12) % 24} * * *`;
}

/* ---------------- directory ---------------- */

export function hours(days: readonly Day[], start: string, end: string) {
  return days.map((day) => ({ day, start, end }));
}

export interface EmployeeInput {
  id?: string;
  name?: string;
  email?: string;
  timeZone?: string;
  workingHours?: { day: string; start: string; end: string }[];
  meetingTypes?: string[];
  locations?: string[];
  serviceGroups?: string[];
  topicIds?: string[];
  customerTypeIds?: string[];
  absences?: { start: string; end: string }[];
  [extra: string]: unknown;
}

export function employeeBody(over: EmployeeInput = {}) {
  const { id: _id, ...rest } = over;
  const tag = randomUUID().slice(0, 8);
  return {
    name: `Advisor ${tag}`,
    email: `advisor.${tag}@bank.example`,
    timeZone: CPH,
    workingHours: hours(ALL_DAYS, "09:00", "16:00"),
    meetingTypes: ["Physical", "Online", "Telephone"],
    locations: [],
    serviceGroups: [],
    topicIds: [],
    customerTypeIds: [],
    absences: [],
    ...rest,
  };
}

export async function createEmployee(api: Api, over: EmployeeInput = {}): Promise<{ id: string; name: string; email: string }> {
  const id = over.id ?? randomUUID();
  const body = employeeBody(over);
  const res = await api.put(`/config/employees/${id}`, body);
  if (res.status !== 201 && res.status !== 200) throw new Error(`PUT employee: ${res.status} ${res.text}`);
  return { id, name: body.name, email: body.email };
}

export async function createRoom(api: Api, over: Record<string, unknown> = {}): Promise<{ id: string; location: string }> {
  const id = (over.id as string | undefined) ?? randomUUID();
  const { id: _id, ...rest } = over;
  const body = { name: `Room ${id.slice(0, 6)}`, capacity: 6, location: `Branch ${id.slice(0, 6)}`, features: ["screen"], ...rest };
  const res = await api.put(`/config/rooms/${id}`, body);
  if (res.status !== 201 && res.status !== 200) throw new Error(`PUT room: ${res.status} ${res.text}`);
  return { id, location: body.location };
}

export async function createTopic(api: Api, over: Record<string, unknown> = {}): Promise<{ id: string }> {
  const id = (over.id as string | undefined) ?? randomUUID();
  const { id: _id, ...rest } = over;
  const res = await api.put(`/config/topics/${id}`, {
    name: `Topic ${id.slice(0, 6)}`,
    customerTypeIds: [],
    isCustomerVisible: true,
    ...rest,
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`PUT topic: ${res.status} ${res.text}`);
  return { id };
}

export async function createCustomerType(api: Api, name = `Customers ${randomUUID().slice(0, 6)}`): Promise<{ id: string }> {
  const res = await api.post(`/config/customer-types`, { name });
  if (res.status !== 201) throw new Error(`POST customer type: ${res.status} ${res.text}`);
  return { id: res.body.id };
}

/* ---------------- booking ---------------- */

export interface AvailableSlot {
  id: string;
  startDate: string;
  endDate: string;
  meetingType: string;
  employeeId: string;
  roomId?: string;
  additionalEmployees?: string[];
}

/** Slots of explicit employees in a local day (or from a start for a span). */
export async function availableFor(
  api: Api,
  employeeIds: string[],
  startDate: string,
  lookForwardTime = "1.00:00:00",
  extra: Record<string, string | string[] | boolean> = {},
): Promise<AvailableSlot[]> {
  const res = await api.get(
    `/time-slots/available${qs({ explicitEmployeeIds: employeeIds, startDate, lookForwardTime, employeeTypes: "Explicit", requireEmployeeParticipation: false, ...extra })}`,
  );
  if (res.status !== 200) throw new Error(`available: ${res.status} ${res.text}`);
  return res.body;
}

export function meetingBody(employeeId: string, start: string, end: string, over: Record<string, unknown> = {}) {
  return {
    bookedBy: "Employee",
    salesforceId: "sf-test",
    employeeId,
    customerId: "customer-1",
    startDate: start,
    endDate: end,
    type: "Online",
    ...over,
  };
}

export async function bookMeeting(api: Api, employeeId: string, start: string, end: string, over: Record<string, unknown> = {}) {
  const res = await api.post(`/meetings`, meetingBody(employeeId, start, end, over));
  if (res.status !== 201) throw new Error(`POST /meetings: ${res.status} ${res.text}`);
  return { id: res.body.id as string, etag: res.headers.get("etag")!, body: res.body };
}

export function reserveBody(
  slot: { startDate: string; endDate: string; employeeId?: string; roomId?: string },
  token: string = randomUUID(),
  existingMeetingId?: string,
) {
  return { timeSlot: { status: "Reserved", ...slot }, token, ...(existingMeetingId ? { existingMeetingId } : {}) };
}

/* ---------------- direct reads of the store (the real embedded Cosmos, read-only) ---------------- */

export function cosmosOf(stack: Stack) {
  const client = new CosmosClient({
    endpoint: stack.cosmosEndpoint,
    key: EMULATOR_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const db = client.database("bookme");
  return {
    async read(container: string, id: string): Promise<Record<string, unknown> | undefined> {
      try {
        const { resource } = await db.container(container).item(id, id).read();
        return resource ?? undefined;
      } catch (err) {
        if ((err as { code?: number }).code === 404) return undefined;
        throw err;
      }
    },
    async upsert(container: string, doc: Record<string, unknown>): Promise<void> {
      await db.container(container).items.upsert(doc);
    },
    async count(container: string): Promise<number> {
      const { resources } = await db.container(container).items.query<number>("SELECT VALUE COUNT(1) FROM c").fetchAll();
      return resources[0] ?? 0;
    },
    dispose: () => client.dispose(),
  };
}
