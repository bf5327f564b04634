/**
 * The Graph adapter of the calendar port: getSchedule for busy times (batches of <= 20 mailboxes,
 * windows < 62 days), calendarView through $batch to find the events BookMe wrote, and the event
 * writes for booked meetings (transactionId makes a retried create return the first event).
 */
import { TRANSACTION_PREFIX } from "../../calendar/busy-mapping.js";
import { chunks, MEETING_PROPERTY_ID, toInterval, windowsOf, type ScheduleItem } from "./graph-mapping.js";
import { fromEpochMs, toEpochMs, type DateTimeTimeZone } from "./date-time-zone.js";
import { errorCode, type GraphHttp } from "./graph-http.js";
import {
  CalendarUnavailableError,
  type BusyInterval,
  type CalendarPort,
  type MailboxBusy,
  type MeetingEvent,
} from "../../calendar/port.js";

const UTC = { prefer: 'outlook.timezone="UTC"' };
type Range = { start: number; end: number };

interface ScheduleInformation {
  scheduleId?: string;
  scheduleItems?: ScheduleItem[];
  error?: { responseCode?: string };
}

/** Event writes wait at most this long in-call on 429/503; a longer Retry-After goes back to the writer's queue. */
export const WRITE_MAX_WAIT_MS = 5_000;

export class GraphCalendar implements CalendarPort {
  constructor(
    private readonly http: GraphHttp,
    private readonly writeMaxWaitMs = WRITE_MAX_WAIT_MS,
  ) {}

  async busyTimes(mailboxes: string[], range: Range): Promise<Map<string, MailboxBusy>> {
    const out = new Map<string, MailboxBusy>(mailboxes.map((m) => [m.toLowerCase(), { ok: true, items: [] }]));
    const calls = chunks(mailboxes).flatMap((batch) => windowsOf(range).map((w) => ({ batch, w })));
    await Promise.all(calls.map(({ batch, w }) => this.scheduleOf(batch, w, out)));
    return out;
  }

  private async scheduleOf(batch: string[], window: Range, out: Map<string, MailboxBusy>) {
    const fail = (reason: string) => batch.forEach((m) => out.set(m.toLowerCase(), { ok: false, reason }));
    try {
      const res = await this.http.request(
        batch[0],
        "POST",
        `/users/${encodeURIComponent(batch[0])}/calendar/getSchedule`,
        { schedules: batch, startTime: fromEpochMs(window.start), endTime: fromEpochMs(window.end), availabilityViewInterval: 30 },
        UTC,
      );
      // One mailbox outside the app's scope (403) or unknown (404) must not take the batch's others with it.
      if ((res.status === 403 || res.status === 404) && batch.length > 1)
        return void (await Promise.all(batch.map((m) => this.scheduleOf([m], window, out))));
      if (res.status !== 200) return fail(`${res.status} ${errorCode(res.body)}`);
      for (const info of (res.body.value ?? []) as ScheduleInformation[]) {
        const key = String(info.scheduleId ?? "").toLowerCase();
        const current = out.get(key);
        if (!current?.ok) continue;
        if (info.error) out.set(key, { ok: false, reason: info.error.responseCode ?? "error" });
        else current.items.push(...(info.scheduleItems ?? []).map(toInterval).filter((i): i is BusyInterval => !!i));
      }
    } catch (err) {
      fail(err instanceof CalendarUnavailableError ? `${err.status} ${err.code}` : "unreachable");
    }
  }

  async ownEvents(mailboxes: string[], range: Range): Promise<Map<string, Range[]>> {
    const out = new Map<string, Range[]>();
    await Promise.all(chunks(mailboxes).map((batch) => this.ownEventsOf(batch, range, out)));
    return out;
  }

  /** One $batch of calendarView requests; a page that is throttled or continues is fetched on its own. Missing from `out` = unknown. */
  private async ownEventsOf(batch: string[], range: Range, out: Map<string, Range[]>) {
    const query = `startDateTime=${new Date(range.start).toISOString()}&endDateTime=${new Date(range.end).toISOString()}&$select=start,end,transactionId&$top=200`;
    const viewPath = (m: string) => `/users/${encodeURIComponent(m)}/calendarView?${query}`;
    let responses: { id: string; status: number; body?: Record<string, unknown> }[] = [];
    try {
      const res = await this.http.request(batch[0], "POST", "/$batch", {
        requests: batch.map((m, i) => ({ id: String(i), method: "GET", url: viewPath(m), headers: UTC })),
      });
      if (res.status === 200) responses = (res.body.responses ?? []) as typeof responses;
    } catch {
      responses = [];
    }
    await Promise.all(
      batch.map(async (mailbox, i) => {
        try {
          let page = responses.find((r) => r.id === String(i));
          if (!page || page.status !== 200)
            page = { id: String(i), ...(await this.http.request(mailbox, "GET", viewPath(mailbox), undefined, UTC)) };
          const own: Range[] = [];
          for (;;) {
            if (page.status !== 200 || !page.body) return;
            for (const e of (page.body.value ?? []) as { start: DateTimeTimeZone; end: DateTimeTimeZone; transactionId?: string }[]) {
              if (e.transactionId?.startsWith(TRANSACTION_PREFIX)) own.push({ start: toEpochMs(e.start), end: toEpochMs(e.end) });
            }
            const next: unknown = page.body["@odata.nextLink"];
            if (typeof next !== "string") break;
            page = { id: String(i), ...(await this.http.request(mailbox, "GET", next, undefined, UTC)) };
          }
          out.set(mailbox.toLowerCase(), own);
        } catch {
          /* unknown: the caller keeps the mailbox's previous busy times */
        }
      }),
    );
  }

  private eventBody(event: MeetingEvent) {
    return {
      subject: event.subject,
      body: { contentType: "HTML", content: event.bodyHtml },
      start: fromEpochMs(event.start),
      end: fromEpochMs(event.end),
      showAs: event.showAs ?? "busy",
      location: event.location ? { displayName: event.location } : undefined,
      attendees: event.attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: a.type })),
      isOnlineMeeting: event.online,
      ...(event.online ? { onlineMeetingProvider: "teamsForBusiness" } : {}),
      singleValueExtendedProperties: [{ id: MEETING_PROPERTY_ID, value: event.meetingId }],
    };
  }

  async createEvent(event: MeetingEvent): Promise<{ eventId: string }> {
    const res = await this.http.request(
      event.mailbox,
      "POST",
      `/users/${encodeURIComponent(event.mailbox)}/events`,
      { ...this.eventBody(event), transactionId: event.transactionId ?? `${TRANSACTION_PREFIX}${event.meetingId}` },
      {},
      this.writeMaxWaitMs,
    );
    if (res.status !== 201 && res.status !== 200) throw new CalendarUnavailableError(res.status, errorCode(res.body));
    return { eventId: String(res.body.id) };
  }

  async updateEvent(eventId: string, event: MeetingEvent): Promise<void> {
    const res = await this.http.request(
      event.mailbox,
      "PATCH",
      `/users/${encodeURIComponent(event.mailbox)}/events/${encodeURIComponent(eventId)}`,
      this.eventBody(event),
      {},
      this.writeMaxWaitMs,
    );
    if (res.status !== 200) throw new CalendarUnavailableError(res.status, errorCode(res.body));
  }

  /** Deletes the event; one already gone counts as cancelled (a retried cancel). */
  async cancelEvent(mailbox: string, eventId: string): Promise<void> {
    const res = await this.http.request(
      mailbox,
      "DELETE",
      `/users/${encodeURIComponent(mailbox)}/events/${encodeURIComponent(eventId)}`,
      undefined,
      {},
      this.writeMaxWaitMs,
    );
    if (res.status !== 204 && !(res.status === 404 && errorCode(res.body) === "ErrorItemNotFound"))
      throw new CalendarUnavailableError(res.status, errorCode(res.body));
  }

  /** Subscribes to a mailbox's event changes; Graph validates notificationUrl before answering. */
  async subscribe(
    mailbox: string,
    notificationUrl: string,
    clientState: string,
    expiresAt: number,
  ): Promise<{ id: string; expiresAt: number }> {
    const res = await this.http.request(mailbox, "POST", "/subscriptions", {
      changeType: "created,updated,deleted",
      notificationUrl,
      resource: `users/${mailbox}/events`,
      expirationDateTime: new Date(expiresAt).toISOString(),
      clientState,
      latestSupportedTlsVersion: "v1_2",
    });
    if (res.status !== 201) throw new CalendarUnavailableError(res.status, errorCode(res.body));
    return { id: String(res.body.id), expiresAt: Date.parse(String(res.body.expirationDateTime)) };
  }

  /** Renews a subscription; false when Graph no longer has it (it expired or was removed). */
  async renew(mailbox: string, subscriptionId: string, expiresAt: number): Promise<boolean> {
    const res = await this.http.request(mailbox, "PATCH", `/subscriptions/${encodeURIComponent(subscriptionId)}`, {
      expirationDateTime: new Date(expiresAt).toISOString(),
    });
    if (res.status === 404) return false;
    if (res.status !== 200) throw new CalendarUnavailableError(res.status, errorCode(res.body));
    return true;
  }
}
