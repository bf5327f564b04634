/**
 * The waitlist offer's texts in Danish (default), English and German: a subject, a plain-text part,
 * an HTML part (tables, inline styles, no images, no tracking) and an SMS text, with the freed time
 * in the meeting type's zone and the link that opens the booking page on it.
 */
import { DateTime } from "luxon";
import type { Language } from "./ports.js";

export interface OfferInput {
  language: Language;
  name: string;
  start: string;
  end: string;
  timeZone: string;
  /** The booking page on this time; null when no public base URL is configured. */
  url: string | null;
  /** The recipient's unsubscribe link (opt-out-link.ts), when links are on. */
  unsubscribeUrl?: string | null;
}

const WORDS = {
  da: {
    subject: "En tid er blevet ledig",
    hello: (n: string) => (n ? `Kære ${n}` : "Hej"),
    lead: "Du står på venteliste, og nu er en tid blevet ledig.",
    when: "Tidspunkt",
    book: "Book tiden",
    first: "Tilbuddet er sendt til alle på ventelisten. Den første, der booker, får tiden.",
    footer: "Denne besked er sendt automatisk af BookMe, fordi du skrev dig på ventelisten. Du kan ikke svare på den.",
    unsubscribe: "Vil du ikke have flere beskeder fra os? Afmeld her",
    unsubscribeSms: "Afmeld",
    locale: "da-DK",
    day: "cccc 'den' d. LLLL yyyy",
  },
  en: {
    subject: "A time has become free",
    hello: (n: string) => (n ? `Dear ${n}` : "Hello"),
    lead: "You are on the waitlist, and a time has just become free.",
    when: "When",
    book: "Book this time",
    first: "This offer went to everyone on the waitlist. The first to book gets the time.",
    footer: "This message was sent automatically by BookMe because you joined the waitlist. Replies are not read.",
    unsubscribe: "No more messages from us? Unsubscribe here",
    unsubscribeSms: "Unsubscribe",
    locale: "en-GB",
    day: "cccc d LLLL yyyy",
  },
  de: {
    subject: "Ein Termin ist frei geworden",
    hello: (n: string) => (n ? `Hallo ${n}` : "Hallo"),
    lead: "Sie stehen auf der Warteliste, und ein Termin ist gerade frei geworden.",
    when: "Wann",
    book: "Diesen Termin buchen",
    first: "Dieses Angebot ging an alle auf der Warteliste. Wer zuerst bucht, erhält den Termin.",
    footer:
      "Diese Nachricht wurde automatisch von BookMe gesendet, weil Sie sich auf die Warteliste gesetzt haben. Antworten werden nicht gelesen.",
    unsubscribe: "Keine weiteren Nachrichten von uns? Hier abmelden",
    unsubscribeSms: "Abmelden",
    locale: "de-DE",
    day: "cccc, d. LLLL yyyy",
  },
} as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function offerWhen(input: Pick<OfferInput, "language" | "start" | "end" | "timeZone">): string {
  const w = WORDS[input.language];
  const start = DateTime.fromISO(input.start, { zone: "utc" }).setZone(input.timeZone);
  const end = DateTime.fromISO(input.end, { zone: "utc" }).setZone(input.timeZone);
  return `${start.setLocale(w.locale).toFormat(w.day)}, ${start.toFormat("HH:mm")}–${end.toFormat("HH:mm")} (${start.toFormat("ZZZZ") || input.timeZone})`;
}

export function renderOffer(input: OfferInput): { subject: string; text: string; html: string; sms: string } {
  const w = WORDS[input.language];
  const when = offerWhen(input);
  const unsubscribe = input.unsubscribeUrl || null;
  const text = [
    `${w.hello(input.name)},`,
    "",
    w.lead,
    "",
    `${w.when}: ${when}`,
    ...(input.url ? ["", `${w.book}: ${input.url}`] : []),
    "",
    w.first,
    "",
    w.footer,
    ...(unsubscribe ? [`${w.unsubscribe}: ${unsubscribe}`] : []),
  ].join("\n");
  const font = "font-family:Arial,Helvetica,sans-serif";
  const html = `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${esc(w.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid #d0d4da">
<tr><td style="padding:20px 24px;background:#0b3d5c;color:#ffffff;${font};font-size:20px">${esc(w.subject)}</td></tr>
<tr><td style="padding:20px 24px;${font};font-size:15px;color:#1b1b1b">
<p style="margin:0 0 12px">${esc(w.hello(input.name))},</p>
<p style="margin:0 0 16px">${esc(w.lead)}</p>
<table role="presentation" cellpadding="0" cellspacing="0"><tr><td style="padding:6px 12px 6px 0;${font};font-size:15px;font-weight:bold">${esc(w.when)}</td><td style="padding:6px 0;${font};font-size:15px">${esc(when)}</td></tr></table>
${input.url ? `<p style="margin:20px 0 8px"><a href="${esc(input.url)}" style="display:inline-block;padding:10px 18px;background:#0b3d5c;color:#ffffff;text-decoration:none;font-weight:bold">${esc(w.book)}</a></p>` : ""}
<p style="margin:16px 0 0;font-size:13px;color:#555">${esc(w.first)}</p>
</td></tr>
<tr><td style="padding:12px 24px;${font};font-size:12px;color:#666;border-top:1px solid #e3e5e8">${esc(w.footer)}${unsubscribe ? `<br><a href="${esc(unsubscribe)}" style="color:#666;text-decoration:underline">${esc(w.unsubscribe)}</a>` : ""}</td></tr>
</table></td></tr></table></body></html>`;
  const sms = [
    `${w.subject}: ${when}.`,
    input.url ? `${w.book}: ${input.url}` : "",
    unsubscribe ? `${w.unsubscribeSms}: ${unsubscribe}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return { subject: w.subject, text, html, sms };
}
