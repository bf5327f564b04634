/**
 * The opt-out page behind every message's unsubscribe link. Opening it (GET) changes nothing (mail
 * scanners open links): it asks, with a button; the button's POST (or a mail client's RFC 8058
 * one-click POST) records the opt-out. No address is shown: the link names the contact by its hash.
 */
import type { Language } from "./ports.js";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const WORDS: Record<Language, { title: string; ask: string; button: string; done: string; gone: string }> = {
  da: {
    title: "Afmeld beskeder",
    ask: "Vil du afmelde dig, så du ikke længere får e-mails og SMS fra os om dine møder (bekræftelser, påmindelser og ændringer)?",
    button: "Afmeld",
    done: "Du er afmeldt. Du får ikke flere beskeder fra os.",
    gone: "Linket er ikke gyldigt.",
  },
  en: {
    title: "Unsubscribe",
    ask: "Do you want to unsubscribe, so that you no longer get e-mails and text messages from us about your meetings (confirmations, reminders and changes)?",
    button: "Unsubscribe",
    done: "You are unsubscribed. You will get no more messages from us.",
    gone: "This link is not valid.",
  },
  de: {
    title: "Nachrichten abbestellen",
    ask: "Möchten Sie sich abmelden, damit Sie keine E-Mails und SMS mehr von uns zu Ihren Terminen erhalten (Bestätigungen, Erinnerungen und Änderungen)?",
    button: "Abmelden",
    done: "Sie sind abgemeldet. Sie erhalten keine Nachrichten mehr von uns.",
    gone: "Dieser Link ist nicht gültig.",
  },
};

export type UnsubscribePageState = { state: "ask"; contact: string; token: string } | { state: "done" | "gone" };

export function unsubscribePage(language: Language, page: UnsubscribePageState): string {
  const w = WORDS[language];
  const body =
    page.state === "ask"
      ? `<p>${esc(w.ask)}</p>
<form method="post"><input type="hidden" name="c" value="${esc(page.contact)}"><input type="hidden" name="t" value="${esc(page.token)}"><input type="hidden" name="l" value="${language}">
<button type="submit" style="padding:10px 18px;background:#0b3d5c;color:#fff;border:0;font-size:16px">${esc(w.button)}</button></form>`
      : `<p>${esc(w[page.state])}</p>`;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b">
<h1 style="font-size:1.4rem">${esc(w.title)}</h1>${body}</body></html>`;
}
