/**
 * The waitlist's job for one committed event (queued by the customer-messages outlet, never by
 * request code): a freed time (cancel, move away, a hold's end) is offered to the open entries of
 * the meeting types that can use it, in join order, by e-mail and SMS (waitlist-match.ts: all at
 * once, first to book wins); a booking marks the contact's entries booked. Each offer is one message
 * per (entry, offered time, channel) with a deterministic id, sent at most once by deliverOnce
 * (delivery records under the partition waitlist:{entryId}, apart from the meeting's own), linking to the booking
 * page on the offered time (offerUrl).
 */
import type { OutboxEvent } from "../booking/model/events.js";
import { isoOf, msOf } from "../kernel/instants.js";
import type { MessagesDeps } from "./deps.js";
import { deliverOnce } from "./deliver.js";
import { offerPartition, operationIdOf } from "./ids.js";
import type { Channel, OutgoingEmail, OutgoingSms } from "./ports.js";
import { bookedTimeOf, freedTimeOf, fulfilledBy, offersFor, type Offer } from "./waitlist-match.js";
import { pageChoices, type PageChoice } from "./offer-choice.js";
import { languageOf } from "./preferences.js";
import { renderOffer } from "./waitlist-templates.js";
import { unsubscribeLinks } from "./unsubscribe-links.js";
import { targetOf, timesKeyOf, type Interval, type StoredEntry, type WaitlistEntry, type WaitlistStore } from "./waitlist.js";

export interface WaitlistReport {
  outcome: "done" | "retry" | "dropped";
  reason?: string;
  meetingId?: string;
  kinds?: string[];
  offers?: number;
  booked?: number;
  sent: number;
  alreadySent: number;
  failed: number;
  retryAfterMs?: number;
  status?: number | null;
}

export const offerMessageKey = (entryId: string, start: string, channel: Channel) => `waitlist/${entryId}/${start}/${channel}`;

/**
 * The booking page on the offered time: for a page choice (the entry's own, or derived from its meeting type:
 * offer-choice.ts) /book/?customerTypeId=…&topicId=…&meetingType=…&branch=…&at=… (web/src/waitlist.ts deepLink),
 * which opens that week and holds the time if it is still free, else says it is gone with the nearest free times.
 * A meeting type's entry also names it (meetingTypeId=…, and link=… for a bots booking link), so a client that
 * books through its own API reads the type, link and time off it; without a derivable choice (no customer-visible
 * topic) that is all the link holds, and the page cannot open it.
 */
export function offerUrl(
  baseUrl: string,
  entry: Pick<WaitlistEntry, "meetingTypeId" | "bookingLinkId">,
  choice: PageChoice | null,
  start: string,
): string {
  const q = new URLSearchParams(
    choice
      ? { customerTypeId: choice.customerTypeId, topicId: choice.topicId, meetingType: choice.meetingType, branch: choice.branch }
      : {},
  );
  if (entry.meetingTypeId) q.set("meetingTypeId", entry.meetingTypeId);
  q.set("at", start);
  if (entry.bookingLinkId) q.set("link", entry.bookingLinkId);
  return `${baseUrl.replace(/\/$/, "")}/book/?${q.toString()}`;
}

function composeOffer(
  deps: MessagesDeps,
  offer: Offer,
  channel: Channel,
  operationId: string,
  sourceId: string,
  url: string | null,
): OutgoingEmail | OutgoingSms {
  const e = offer.entry.doc;
  const language = languageOf(e.language);
  const contact = channel === "email" ? { email: e.contact.email ?? "" } : { phone: e.contact.phone ?? "" };
  const unsubscribeUrl = unsubscribeLinks(deps, language)?.(contact) ?? null;
  const rendered = renderOffer({
    language,
    unsubscribeUrl,
    name: e.contact.name,
    start: offer.start,
    end: offer.end,
    timeZone: e.timeZone,
    url,
  });
  if (channel === "sms") return { operationId, meetingId: sourceId, to: e.contact.phone ?? "", text: rendered.sms };
  return {
    operationId,
    meetingId: sourceId,
    to: [{ address: e.contact.email ?? "", ...(e.contact.name ? { displayName: e.contact.name } : {}) }],
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    attachments: [],
    ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
  };
}

/** Applies a change to an entry with If-Match, re-reading on a lost race (a few tries: the messages stay right either way). */
async function updateEntry(
  store: WaitlistStore,
  entry: StoredEntry,
  change: (e: WaitlistEntry) => WaitlistEntry | undefined,
): Promise<boolean> {
  let current: StoredEntry | undefined = entry;
  for (let i = 0; i < 3 && current; i++) {
    const next = change(current.doc);
    if (!next) return false;
    if (await store.replace(next, current.etag)) return true;
    current = await store.get(entry.doc.id);
  }
  return false;
}

/**
 * The meeting types of a booking's topic when it names none: a page booking (by topic) made from a
 * meeting-type offer's link fulfils that meeting type's entries too (offer-choice.ts).
 */
async function topicTypeTargets(directory: MessagesDeps["directory"], event: OutboxEvent): Promise<string[]> {
  const { meetingTypeId, topicId } = event.data;
  if (meetingTypeId || typeof topicId !== "string" || !topicId) return [];
  return (await directory.list("meetingType")).filter((t) => t.topicId === topicId).map((t) => targetOf(t.id));
}

/**
 * A booking (meeting.created of a meeting type or topic) marks the entries of its attendees' e-mails whose window holds
 * it booked; the customer-messages event job calls it, so a booking costs no extra queue message. How many.
 */
export async function markBooked(
  deps: { store: WaitlistStore; directory: MessagesDeps["directory"] },
  event: OutboxEvent,
  now: number,
): Promise<number> {
  const { store } = deps;
  const booked = bookedTimeOf(event);
  if (!booked || booked.emails.length === 0) return 0;
  const targets = [...booked.targets, ...(await topicTypeTargets(deps.directory, event))];
  const open = (await Promise.all(targets.map((t) => store.open(t, booked.start, booked.end)))).flat();
  let marked = 0;
  for (const entry of fulfilledBy(booked, open))
    if (await updateEntry(store, entry, (e) => (e.status === "booked" ? undefined : { ...e, status: "booked", updatedAt: isoOf(now) })))
      marked++;
  return marked;
}

export async function handleWaitlistEvent(deps: MessagesDeps, eventId: string, now: number): Promise<WaitlistReport> {
  const report: WaitlistReport = { outcome: "done", sent: 0, alreadySent: 0, failed: 0 };
  const wl = deps.waitlist;
  if (!wl) return { ...report, outcome: "dropped", reason: "no waitlist" };
  const event = await deps.events.get(eventId);
  if (!event) return { ...report, outcome: "dropped", reason: "event gone" };

  const booked = bookedTimeOf(event);
  if (booked)
    return { ...report, meetingId: booked.meetingId, booked: await markBooked({ store: wl.store, directory: deps.directory }, event, now) };

  const freed = freedTimeOf(event);
  if (!freed || !freed.start || !freed.end) return { ...report, outcome: "dropped", reason: "frees no time" };
  if (msOf(freed.end) <= now) return { ...report, outcome: "dropped", reason: "freed time is past", meetingId: freed.sourceId };
  report.meetingId = freed.sourceId;
  report.kinds = ["waitlist_offer"];
  const targets = [...new Set(await wl.targetsFor(freed))];
  const baseUrl = deps.links?.baseUrl ?? null;
  const choiceOf = pageChoices(deps.directory);
  let offered = 0;
  for (const target of targets) {
    const entries = await wl.store.open(target, freed.start, freed.end);
    if (entries.length === 0) continue;
    // Free times once per kind of entry (meeting type and duration, or page choice), over the freed time plus the
    // longest meeting (so a time starting in it fits).
    const times = new Map<string, Interval[]>();
    for (const { doc } of entries) {
      const key = timesKeyOf(doc);
      if (!times.has(key)) times.set(key, await wl.freeTimes(doc, msOf(freed.start), msOf(freed.end) + 8 * 3_600_000, now));
    }
    for (const offer of offersFor(freed, entries, (e) => times.get(timesKeyOf(e)) ?? [], now)) {
      offered++;
      const contact = offer.entry.doc.contact;
      const channels: Channel[] = [...(contact.email ? ["email" as const] : []), ...(contact.phone ? ["sms" as const] : [])];
      const url = baseUrl ? offerUrl(baseUrl, offer.entry.doc, await choiceOf(offer.entry.doc), offer.start) : null;
      let allSent = true;
      for (const channel of channels) {
        const operationId = operationIdOf(offerMessageKey(offer.entry.doc.id, offer.start, channel));
        const result = await deliverOnce(
          deps.store,
          deps.provider,
          offerPartition(offer.entry.doc.id),
          { operationId, channel, kind: "waitlist_offer" },
          () => composeOffer(deps, offer, channel, operationId, freed.sourceId, url),
          now,
          deps.outbox,
        );
        if (result.result === "retry") {
          allSent = false;
          report.outcome = "retry";
          report.status = result.status;
          if (result.delayMs !== undefined) report.retryAfterMs = Math.max(report.retryAfterMs ?? 0, result.delayMs);
        } else if (result.result === "sent") report.sent++;
        else if (result.result === "already_sent") report.alreadySent++;
        else if (result.result === "failed") report.failed++;
        // suppressed: the contact opted out (the provider's opt-out list); nothing sent, nothing to retry.
      }
      if (allSent)
        await updateEntry(wl.store, offer.entry, (e) =>
          e.status === "booked" || e.offers.some((o) => o.start === offer.start)
            ? undefined
            : { ...e, status: "offered", offers: [...e.offers, { start: offer.start, at: isoOf(now) }].slice(-50), updatedAt: isoOf(now) },
        );
    }
  }
  report.offers = offered;
  return report;
}
