/**
 * The Graph calendar subset BookMe uses, over the dev store: events (create with transactionId
 * idempotency, update, delete), calendarView with @odata.nextLink paging, and getSchedule
 * computed from the events. Shapes follow the Graph v1.0 reference.
 */
import { fromEpochMs, toEpochMs, type DateTimeTimeZone } from "../../shared/adapters/graph/date-time-zone.js";
import { newGraphId, type GraphEvent, type GraphStore } from "./store.js";

export interface GraphReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ChangeType = "created" | "updated" | "deleted";
export type ChangeListener = (mailbox: string, event: GraphEvent, change: ChangeType) => void;

const SHOW_AS = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"];
const MAX_SCHEDULE_DAYS = 62;

export function graphError(status: number, code: string, message: string, headers?: Record<string, string>): GraphReply {
  const innerError = {
    date: new Date().toISOString().replace(/\.\d+Z$/, ""),
    "request-id": newGraphId("").slice(0, 36),
    "client-request-id": newGraphId("").slice(0, 36),
  };
  return { status, body: { error: { code, message, innerError } }, headers };
}

function isDtz(v: unknown): v is DateTimeTimeZone {
  return !!v && typeof v === "object" && typeof (v as DateTimeTimeZone).dateTime === "string";
}

function ms(v: DateTimeTimeZone): number | undefined {
  try {
    return toEpochMs(v);
  } catch {
    return undefined;
  }
}

/** The zone named by `Prefer: outlook.timezone="..."`, else UTC. */
export function preferredZone(prefer: string | undefined): string {
  return /outlook\.timezone="([^"]+)"/.exec(prefer ?? "")?.[1] ?? "UTC";
}

function view(e: GraphEvent, zone: string, select?: string[]): Record<string, unknown> {
  const full: Record<string, unknown> = {
    "@odata.etag": `W/"${e.changeKey}"`,
    ...Object.fromEntries(Object.entries(e).filter(([k]) => k !== "mailbox")),
    start: fromEpochMs(span(e).start, zone),
    end: fromEpochMs(span(e).end, zone),
  };
  if (!select?.length) return full;
  return Object.fromEntries(Object.entries(full).filter(([k]) => k === "id" || k === "@odata.etag" || select.includes(k)));
}

export class CalendarApi {
  constructor(
    private readonly store: GraphStore,
    private readonly onChange: ChangeListener,
  ) {}

  private known(mailbox: string): GraphReply | undefined {
    if (this.store.mailboxes.has(mailbox)) return undefined;
    return graphError(404, "ErrorInvalidUser", `The requested user '${mailbox}' is invalid.`);
  }

  private validTimes(body: Record<string, unknown>, partial: boolean): GraphReply | undefined {
    for (const f of ["start", "end"]) {
      if (body[f] === undefined && partial) continue;
      if (!isDtz(body[f]) || ms(body[f]) === undefined)
        return graphError(400, "ErrorInvalidRequest", `The property '${f}' must be a valid dateTimeTimeZone.`);
    }
    if (body.showAs !== undefined && !(typeof body.showAs === "string" && SHOW_AS.includes(body.showAs)))
      return graphError(400, "RequestBodyRead", `Cannot convert '${JSON.stringify(body.showAs)}' to freeBusyStatus.`);
    return undefined;
  }

  createEvent(mailbox: string, body: Record<string, unknown>, zone: string): GraphReply {
    const unknown = this.known(mailbox) ?? this.validTimes(body, false);
    if (unknown) return unknown;
    const tx = typeof body.transactionId === "string" ? body.transactionId : undefined;
    const existing = tx ? this.store.eventsOf(mailbox).find((e) => e.transactionId === tx) : undefined;
    if (existing) return { status: 201, body: view(existing, zone) };
    const now = new Date().toISOString();
    const event: GraphEvent = {
      id: newGraphId(),
      mailbox,
      subject: typeof body.subject === "string" ? body.subject : undefined,
      body: body.body as GraphEvent["body"],
      start: { dateTime: (body.start as DateTimeTimeZone).dateTime, timeZone: (body.start as DateTimeTimeZone).timeZone ?? "UTC" },
      end: { dateTime: (body.end as DateTimeTimeZone).dateTime, timeZone: (body.end as DateTimeTimeZone).timeZone ?? "UTC" },
      showAs: typeof body.showAs === "string" ? body.showAs : "busy",
      isAllDay: body.isAllDay === true,
      isCancelled: false,
      isOnlineMeeting: body.isOnlineMeeting === true,
      ...onlineMeetingOf(body),
      transactionId: tx,
      location: body.location as GraphEvent["location"],
      attendees: Array.isArray(body.attendees) ? body.attendees : [],
      singleValueExtendedProperties: body.singleValueExtendedProperties as GraphEvent["singleValueExtendedProperties"],
      createdDateTime: now,
      lastModifiedDateTime: now,
      changeKey: newGraphId("").slice(0, 20),
    };
    this.store.events.set(event.id, event);
    this.store.save();
    this.onChange(mailbox, event, "created");
    return { status: 201, body: view(event, zone) };
  }

  private eventOf(mailbox: string, id: string): GraphEvent | GraphReply {
    const event = this.store.events.get(id);
    if (event && event.mailbox === mailbox) return event;
    return this.known(mailbox) ?? graphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
  }

  getEvent(mailbox: string, id: string, zone: string): GraphReply {
    const event = this.eventOf(mailbox, id);
    return "status" in event ? event : { status: 200, body: view(event, zone) };
  }

  updateEvent(mailbox: string, id: string, body: Record<string, unknown>, zone: string): GraphReply {
    const event = this.eventOf(mailbox, id);
    if ("status" in event) return event;
    const invalid = this.validTimes(body, true);
    if (invalid) return invalid;
    for (const key of [
      "subject",
      "body",
      "start",
      "end",
      "showAs",
      "location",
      "attendees",
      "isOnlineMeeting",
      "singleValueExtendedProperties",
    ] as const) {
      if (body[key] !== undefined) (event as unknown as Record<string, unknown>)[key] = body[key];
    }
    // An online meeting keeps its join URL across updates; switched on or off, it gets one or loses it.
    if (body.isOnlineMeeting !== undefined && !(body.isOnlineMeeting === true && event.onlineMeeting))
      Object.assign(event, onlineMeetingOf(body));
    event.lastModifiedDateTime = new Date().toISOString();
    event.changeKey = newGraphId("").slice(0, 20);
    this.store.save();
    this.onChange(mailbox, event, "updated");
    return { status: 200, body: view(event, zone) };
  }

  deleteEvent(mailbox: string, id: string): GraphReply {
    const event = this.eventOf(mailbox, id);
    if ("status" in event) return event;
    this.store.events.delete(id);
    this.store.save();
    this.onChange(mailbox, event, "deleted");
    return { status: 204 };
  }

  /** Events overlapping [startDateTime, endDateTime), $top per page (default 10), $skip in @odata.nextLink. */
  calendarView(mailbox: string, url: URL, zone: string): GraphReply {
    const unknown = this.known(mailbox);
    if (unknown) return unknown;
    const q = url.searchParams;
    const from = Date.parse(withZ(q.get("startDateTime")));
    const to = Date.parse(withZ(q.get("endDateTime")));
    if (Number.isNaN(from) || Number.isNaN(to))
      return graphError(
        400,
        "ErrorInvalidParameter",
        "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
      );
    const top = Math.min(Number(q.get("$top") ?? 10) || 10, 1000);
    const skip = Number(q.get("$skip") ?? 0) || 0;
    const select = q
      .get("$select")
      ?.split(",")
      .map((s) => s.trim());
    const all = this.store
      .eventsOf(mailbox)
      .filter((e) => !e.isCancelled && span(e).start < to && span(e).end > from)
      .sort((a, b) => span(a).start - span(b).start || a.id.localeCompare(b.id));
    const page = all.slice(skip, skip + top).map((e) => view(e, zone, select));
    const body: Record<string, unknown> = {
      "@odata.context": `${url.origin}/dev-graph/v1.0/$metadata#users('${mailbox}')/calendarView`,
      value: page,
    };
    if (skip + top < all.length) {
      const next = new URL(url);
      next.searchParams.set("$top", String(top));
      next.searchParams.set("$skip", String(skip + top));
      body["@odata.nextLink"] = next.toString();
    }
    return { status: 200, body };
  }

  /** getSchedule: one scheduleInformation per requested mailbox; unknown ones carry an error. */
  getSchedule(body: Record<string, unknown>, zone: string, origin: string): GraphReply {
    const schedules = body.schedules ?? body.Schedules;
    const startTime = body.startTime ?? body.StartTime;
    const endTime = body.endTime ?? body.EndTime;
    if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((s) => typeof s === "string"))
      return graphError(400, "ErrorInvalidParameter", "schedules must be a non-empty array of SMTP addresses.");
    if (schedules.length > 100) return graphError(400, "ErrorInvalidParameter", "At most 100 schedules can be requested.");
    const from = isDtz(startTime) ? ms(startTime) : undefined;
    const to = isDtz(endTime) ? ms(endTime) : undefined;
    if (from === undefined || to === undefined || to <= from)
      return graphError(400, "ErrorInvalidParameter", "startTime and endTime must be valid dateTimeTimeZone values, end after start.");
    if (to - from > MAX_SCHEDULE_DAYS * 86_400_000)
      return graphError(400, "ErrorInvalidTimeInterval", `The time interval cannot exceed ${MAX_SCHEDULE_DAYS} days.`);
    const interval = Number(body.availabilityViewInterval ?? 30);
    if (!(interval >= 5 && interval <= 1440))
      return graphError(400, "ErrorInvalidParameter", "availabilityViewInterval must be between 5 and 1440.");
    const value = schedules.map((s) => this.scheduleOf(s.toLowerCase(), s, from, to, interval, zone));
    return {
      status: 200,
      body: { "@odata.context": `${origin}/dev-graph/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`, value },
    };
  }

  private scheduleOf(mailbox: string, scheduleId: string, from: number, to: number, interval: number, zone: string) {
    if (!this.store.mailboxes.has(mailbox)) {
      return {
        scheduleId,
        availabilityView: "",
        scheduleItems: [],
        error: { message: `The user '${scheduleId}' could not be found.`, responseCode: "ErrorMailRecipientNotFound" },
      };
    }
    const events = this.store.eventsOf(mailbox).filter((e) => !e.isCancelled && span(e).start < to && span(e).end > from);
    const code: Record<string, number> = { free: 0, workingElsewhere: 0, unknown: 0, tentative: 1, busy: 2, oof: 3 };
    let availabilityView = "";
    for (let t = from; t < to; t += interval * 60_000) {
      const level = Math.max(
        0,
        ...events.filter((e) => span(e).start < t + interval * 60_000 && span(e).end > t).map((e) => code[e.showAs] ?? 0),
      );
      availabilityView += String(level);
    }
    const scheduleItems = events.map((e) => ({
      isPrivate: false,
      status: e.showAs,
      subject: e.subject ?? "",
      location: e.location?.displayName ?? "",
      isMeeting: (e.attendees?.length ?? 0) > 0,
      isRecurring: false,
      isException: false,
      isReminderSet: false,
      start: fromEpochMs(span(e).start, zone),
      end: fromEpochMs(span(e).end, zone),
    }));
    return {
      scheduleId,
      availabilityView,
      scheduleItems,
      workingHours: {
        daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
        startTime: "08:00:00.0000000",
        endTime: "17:00:00.0000000",
        timeZone: { name: "UTC" },
      },
    };
  }
}

/** Epoch-ms bounds of an event, computed once per version (luxon parsing is the dev Graph's hot spot). */
const spans = new WeakMap<GraphEvent, { start: number; end: number; key: string }>();
function span(e: GraphEvent): { start: number; end: number } {
  const key = `${e.start.dateTime}|${e.start.timeZone}|${e.end.dateTime}|${e.end.timeZone}`;
  let s = spans.get(e);
  if (!s || s.key !== key) spans.set(e, (s = { start: toEpochMs(e.start), end: toEpochMs(e.end), key }));
  return s;
}

/** Graph makes a Teams meeting (with a join URL) for isOnlineMeeting with provider teamsForBusiness. */
function onlineMeetingOf(body: Record<string, unknown>): Pick<GraphEvent, "onlineMeetingProvider" | "onlineMeeting"> {
  if (body.isOnlineMeeting !== true) return { onlineMeetingProvider: "unknown", onlineMeeting: null };
  const provider = typeof body.onlineMeetingProvider === "string" ? body.onlineMeetingProvider : "teamsForBusiness";
  return { onlineMeetingProvider: provider, onlineMeeting: { joinUrl: `https://teams.microsoft.com/l/meetup-join/${newGraphId("19:")}` } };
}

function withZ(v: string | null): string {
  if (!v) return "";
  return /(Z|[+-]\d\d:\d\d)$/.test(v) ? v : `${v}Z`;
}
