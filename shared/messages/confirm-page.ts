/**
 * The double opt-in page behind the e-mail's link. Opening it (GET) changes nothing (mail scanners
 * open links): it shows the meeting's time and a button; the button POSTs the same meeting and
 * token, and only that confirms. The token must match the meeting's current secret (confirm-link.ts).
 */
import type { Language } from "./ports.js";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const WORDS = {
  da: {
    title: "Bekræft dit møde",
    ask: (when: string) => `Du har bedt om et møde ${when}. Tryk på knappen for at bekræfte det.`,
    button: "Bekræft mødet",
    done: "Tak! Dit møde er bekræftet. Du får en bekræftelse på e-mail.",
    already: "Mødet er allerede bekræftet.",
    gone: "Linket er ikke længere gyldigt: mødet er udløbet, aflyst eller findes ikke.",
  },
  en: {
    title: "Confirm your meeting",
    ask: (when: string) => `You asked for a meeting ${when}. Press the button to confirm it.`,
    button: "Confirm the meeting",
    done: "Thank you! Your meeting is confirmed. A confirmation is on its way by e-mail.",
    already: "The meeting is already confirmed.",
    gone: "This link is no longer valid: the meeting expired, was cancelled or does not exist.",
  },
  de: {
    title: "Bestätigen Sie Ihren Termin",
    ask: (when: string) => `Sie haben einen Termin am ${when} angefragt. Drücken Sie auf die Schaltfläche, um ihn zu bestätigen.`,
    button: "Termin bestätigen",
    done: "Vielen Dank! Ihr Termin ist bestätigt. Eine Bestätigung ist per E-Mail unterwegs.",
    already: "Der Termin ist bereits bestätigt.",
    gone: "Dieser Link ist nicht mehr gültig: Der Termin ist abgelaufen, wurde abgesagt oder existiert nicht.",
  },
} as const;

export type ConfirmPageState = { state: "ask"; when: string; meetingId: string; token: string } | { state: "done" | "already" | "gone" };

export function confirmPage(language: Language, page: ConfirmPageState): string {
  const w = WORDS[language];
  const body =
    page.state === "ask"
      ? `<p>${esc(w.ask(page.when))}</p>
<form method="post"><input type="hidden" name="meeting" value="${esc(page.meetingId)}"><input type="hidden" name="token" value="${esc(page.token)}">
<button type="submit" style="padding:10px 18px;background:#0b3d5c;color:#fff;border:0;font-size:16px">${esc(w.button)}</button></form>`
      : `<p>${esc(w[page.state])}</p>`;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b">
<h1 style="font-size:1.4rem">${esc(w.title)}</h1>${body}</body></html>`;
}
