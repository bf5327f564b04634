/**
 * The texts of customer messages in Danish (default), English and German: a subject, a plain-text part, an
 * HTML part (one table, inline styles, no images, no tracking) and an SMS text. The time is the
 * meeting's local time in the advisor's zone, written out in the customer's language.
 */
import { DateTime } from "luxon";
import type { Language, MessageKind } from "./ports.js";

export interface TemplateInput {
  kind: MessageKind;
  language: Language;
  attendeeName: string;
  advisorName: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  /** Physical, Online or Telephone. */
  meetingType: string;
  /** The video link (Online) or the place (Physical), if known. */
  where: string | null;
  reason: string | null;
  /** Double opt-in: the page where the customer confirms. */
  confirmUrl: string | null;
  /** Pending meetings: until when the confirmation is possible. */
  expiresAt: string | null;
  /** The recipient's opt-out page: a line in every message (e-mail and SMS) when given. */
  unsubscribeUrl?: string | null;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  sms: string;
}

interface Words {
  subject: Record<MessageKind, string>;
  lead: Record<MessageKind, string>;
  hello: (name: string) => string;
  when: string;
  with: string;
  how: string;
  types: Record<string, string>;
  reason: string;
  confirm: string;
  confirmBy: (when: string) => string;
  ics: string;
  footer: string;
  unsubscribe: string;
  /** The SMS's short word for the link. */
  unsubscribeSms: string;
}

const WORDS: Record<Language, Words> = {
  da: {
    subject: {
      confirmation: "Bekræftelse af dit møde",
      confirm_request: "Bekræft venligst dit møde",
      request_received: "Vi har modtaget din mødeforespørgsel",
      updated: "Dit møde er flyttet",
      cancelled: "Dit møde er aflyst",
      declined: "Din mødeforespørgsel er afvist",
      expired: "Din mødeforespørgsel er udløbet",
      reminder: "Påmindelse om dit møde",
    },
    lead: {
      confirmation: "Dit møde er booket.",
      confirm_request: "Du har bedt om et møde. Bekræft det venligst, så er tiden din.",
      request_received: "Vi har modtaget din forespørgsel. Din rådgiver bekræfter mødet snarest.",
      updated: "Dit møde har fået et nyt tidspunkt.",
      cancelled: "Dit møde er aflyst.",
      declined: "Din mødeforespørgsel blev ikke godkendt.",
      expired: "Din mødeforespørgsel blev ikke bekræftet i tide og er udløbet.",
      reminder: "Vi minder dig om dit møde.",
    },
    hello: (name) => (name ? `Kære ${name}` : "Hej"),
    when: "Tidspunkt",
    with: "Rådgiver",
    how: "Mødeform",
    types: { Physical: "Fysisk møde", Online: "Online møde", Telephone: "Telefonmøde" },
    reason: "Begrundelse",
    confirm: "Bekræft mødet",
    confirmBy: (when) => `Bekræft senest ${when}.`,
    ics: "Kalenderfilen er vedhæftet.",
    footer: "Denne besked er sendt automatisk af BookMe. Du kan ikke svare på den.",
    unsubscribe: "Vil du ikke have flere beskeder fra os? Afmeld her",
    unsubscribeSms: "Afmeld",
  },
  en: {
    subject: {
      confirmation: "Your meeting is confirmed",
      confirm_request: "Please confirm your meeting",
      request_received: "We have received your meeting request",
      updated: "Your meeting has moved",
      cancelled: "Your meeting is cancelled",
      declined: "Your meeting request was declined",
      expired: "Your meeting request has expired",
      reminder: "Reminder of your meeting",
    },
    lead: {
      confirmation: "Your meeting is booked.",
      confirm_request: "You asked for a meeting. Please confirm it and the time is yours.",
      request_received: "We have received your request. Your advisor will confirm the meeting shortly.",
      updated: "Your meeting has a new time.",
      cancelled: "Your meeting has been cancelled.",
      declined: "Your meeting request was not accepted.",
      expired: "Your meeting request was not confirmed in time and has expired.",
      reminder: "This is a reminder of your meeting.",
    },
    hello: (name) => (name ? `Dear ${name}` : "Hello"),
    when: "When",
    with: "Advisor",
    how: "How",
    types: { Physical: "In person", Online: "Online", Telephone: "By phone" },
    reason: "Reason",
    confirm: "Confirm the meeting",
    confirmBy: (when) => `Please confirm by ${when}.`,
    ics: "The calendar file is attached.",
    footer: "This message was sent automatically by BookMe. Replies are not read.",
    unsubscribe: "No more messages from us? Unsubscribe here",
    unsubscribeSms: "Unsubscribe",
  },
  de: {
    subject: {
      confirmation: "Ihr Termin ist bestätigt",
      confirm_request: "Bitte bestätigen Sie Ihren Termin",
      request_received: "Wir haben Ihre Terminanfrage erhalten",
      updated: "Ihr Termin wurde verschoben",
      cancelled: "Ihr Termin wurde abgesagt",
      declined: "Ihre Terminanfrage wurde abgelehnt",
      expired: "Ihre Terminanfrage ist abgelaufen",
      reminder: "Erinnerung an Ihren Termin",
    },
    lead: {
      confirmation: "Ihr Termin ist gebucht.",
      confirm_request: "Sie haben einen Termin angefragt. Bitte bestätigen Sie ihn, dann ist die Zeit für Sie reserviert.",
      request_received: "Wir haben Ihre Anfrage erhalten. Ihr Berater bestätigt den Termin in Kürze.",
      updated: "Ihr Termin hat eine neue Zeit.",
      cancelled: "Ihr Termin wurde abgesagt.",
      declined: "Ihre Terminanfrage wurde nicht angenommen.",
      expired: "Ihre Terminanfrage wurde nicht rechtzeitig bestätigt und ist abgelaufen.",
      reminder: "Wir erinnern Sie an Ihren Termin.",
    },
    hello: (name) => (name ? `Guten Tag ${name}` : "Guten Tag"),
    when: "Zeit",
    with: "Berater",
    how: "Art",
    types: { Physical: "Vor Ort", Online: "Online", Telephone: "Telefonisch" },
    reason: "Grund",
    confirm: "Termin bestätigen",
    confirmBy: (when) => `Bitte bestätigen Sie bis ${when}.`,
    ics: "Die Kalenderdatei ist angehängt.",
    footer: "Diese Nachricht wurde automatisch von BookMe gesendet. Antworten werden nicht gelesen.",
    unsubscribe: "Keine weiteren Nachrichten von uns? Hier abmelden",
    unsubscribeSms: "Abmelden",
  },
};

/** Luxon's locale and formats per language: the day written out, then the time. */
const DATES: Record<Language, { locale: string; day: string; at: string }> = {
  da: { locale: "da-DK", day: "cccc 'den' d. LLLL yyyy", at: "cccc 'den' d. LLLL yyyy 'kl.' HH:mm" },
  en: { locale: "en-GB", day: "cccc d LLLL yyyy", at: "cccc d LLLL yyyy 'at' HH:mm" },
  de: { locale: "de-DE", day: "cccc, d. LLLL yyyy", at: "cccc, d. LLLL yyyy 'um' HH:mm 'Uhr'" },
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function localTime(iso: string, zone: string, language: Language): string {
  const f = DATES[language];
  return DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).setLocale(f.locale).toFormat(f.at);
}

function whenText(input: TemplateInput): string {
  const start = DateTime.fromISO(input.startDate, { zone: "utc" }).setZone(input.timeZone);
  const end = DateTime.fromISO(input.endDate, { zone: "utc" }).setZone(input.timeZone);
  const f = DATES[input.language];
  const day = start.setLocale(f.locale).toFormat(f.day);
  return `${day}, ${start.toFormat("HH:mm")}–${end.toFormat("HH:mm")} (${start.toFormat("ZZZZ") || input.timeZone})`;
}

export function render(input: TemplateInput): Rendered {
  const w = WORDS[input.language];
  const when = whenText(input);
  const rows: [string, string][] = [
    [w.when, when],
    [w.with, input.advisorName],
    [w.how, [w.types[input.meetingType] ?? input.meetingType, input.where].filter(Boolean).join(": ")],
    ...(input.reason && (input.kind === "cancelled" || input.kind === "declined") ? [[w.reason, input.reason] as [string, string]] : []),
  ];
  const withIcs = input.kind === "confirmation" || input.kind === "updated" || input.kind === "cancelled";
  const expires = input.expiresAt ? w.confirmBy(localTime(input.expiresAt, input.timeZone, input.language)) : "";
  const confirm = input.kind === "confirm_request" && input.confirmUrl ? input.confirmUrl : null;
  const unsubscribe = input.unsubscribeUrl || null;
  const text = [
    `${w.hello(input.attendeeName)},`,
    "",
    w.lead[input.kind],
    "",
    ...rows.map(([k, v]) => `${k}: ${v}`),
    ...(confirm ? ["", `${w.confirm}: ${confirm}`, expires] : []),
    ...(withIcs ? ["", w.ics] : []),
    "",
    w.footer,
    ...(unsubscribe ? [`${w.unsubscribe}: ${unsubscribe}`] : []),
  ].join("\n");
  const cell = "padding:6px 12px 6px 0;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1b1b1b;vertical-align:top";
  const html = `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8"><title>${esc(w.subject[input.kind])}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid #d0d4da">
<tr><td style="padding:20px 24px;background:#0b3d5c;color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:20px">${esc(w.subject[input.kind])}</td></tr>
<tr><td style="padding:20px 24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1b1b1b">
<p style="margin:0 0 12px">${esc(w.hello(input.attendeeName))},</p>
<p style="margin:0 0 16px">${esc(w.lead[input.kind])}</p>
<table role="presentation" cellpadding="0" cellspacing="0">${rows.map(([k, v]) => `<tr><td style="${cell};font-weight:bold">${esc(k)}</td><td style="${cell}">${esc(v)}</td></tr>`).join("")}</table>
${confirm ? `<p style="margin:20px 0 8px"><a href="${esc(confirm)}" style="display:inline-block;padding:10px 18px;background:#0b3d5c;color:#ffffff;text-decoration:none;font-weight:bold">${esc(w.confirm)}</a></p><p style="margin:0;font-size:13px">${esc(expires)}</p>` : ""}
${withIcs ? `<p style="margin:16px 0 0;font-size:13px;color:#555">${esc(w.ics)}</p>` : ""}
</td></tr>
<tr><td style="padding:12px 24px;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#666;border-top:1px solid #e3e5e8">${esc(w.footer)}${unsubscribe ? `<br><a href="${esc(unsubscribe)}" style="color:#666;text-decoration:underline">${esc(w.unsubscribe)}</a>` : ""}</td></tr>
</table></td></tr></table></body></html>`;
  const sms = [
    `${w.subject[input.kind]}: ${when}, ${input.advisorName}.`,
    confirm ? `${w.confirm}: ${confirm}` : "",
    unsubscribe ? `${w.unsubscribeSms}: ${unsubscribe}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return { subject: w.subject[input.kind], text, html, sms };
}
