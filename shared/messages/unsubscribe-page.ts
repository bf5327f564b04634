/**
 * The opt-out page behind every message's unsubscribe link. Opening it (GET) changes nothing (mail
 * scanners open links): it asks, with a button, or (already opted out) offers to receive messages
 * again; the buttons POST the link's signed contact and token with an action: optout (also a mail
 * client's RFC 8058 one-click POST, which has no action) records the opt-out, optin removes it. No
 * address is shown: the link names the contact by its hash.
 */
import type { Language } from "./ports.js";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

interface Words {
  title: string;
  ask: string;
  button: string;
  done: string;
  already: string;
  again: string;
  optedIn: string;
  gone: string;
}

const WORDS: Record<Language, Words> = {
  da: {
    title: "Afmeld beskeder",
    ask: "Vil du afmelde dig, så du ikke længere får e-mails og SMS fra os om dine møder (bekræftelser, påmindelser og ændringer)?",
    button: "Afmeld",
    done: "Du er afmeldt. Du får ikke flere beskeder fra os.",
    already: "Du er afmeldt og får ikke beskeder fra os.",
    again: "Modtag beskeder igen",
    optedIn: "Du får igen beskeder fra os om dine møder.",
    gone: "Linket er ikke gyldigt.",
  },
  en: {
    title: "Unsubscribe",
    ask: "Do you want to unsubscribe, so that you no longer get e-mails and text messages from us about your meetings (confirmations, reminders and changes)?",
    button: "Unsubscribe",
    done: "You are unsubscribed. You will get no more messages from us.",
    already: "You are unsubscribed and get no messages from us.",
    again: "Receive messages again",
    optedIn: "You will get messages from us about your meetings again.",
    gone: "This link is not valid.",
  },
  de: {
    title: "Nachrichten abbestellen",
    ask: "Möchten Sie sich abmelden, damit Sie keine E-Mails und SMS mehr von uns zu Ihren Terminen erhalten (Bestätigungen, Erinnerungen und Änderungen)?",
    button: "Abmelden",
    done: "Sie sind abgemeldet. Sie erhalten keine Nachrichten mehr von uns.",
    already: "Sie sind abgemeldet und erhalten keine Nachrichten von uns.",
    again: "Wieder Nachrichten erhalten",
    optedIn: "Sie erhalten wieder Nachrichten von uns zu Ihren Terminen.",
    gone: "Dieser Link ist nicht gültig.",
  },
};

/** What the page's buttons ask for (the form field `action`). */
export const UNSUBSCRIBE_ACTIONS = ["optout", "optin"] as const;
export type UnsubscribeAction = (typeof UNSUBSCRIBE_ACTIONS)[number];

interface Signed {
  contact: string;
  token: string;
}

/**
 * ask: not opted out (GET); optedOut: opted out, just now (POST optout) or before (GET), offering to opt back in;
 * optedIn: just opted back in, offering to unsubscribe again; gone: a bad link.
 */
export type UnsubscribePageState =
  ({ state: "ask" } & Signed) | ({ state: "optedOut"; just: boolean } & Signed) | ({ state: "optedIn" } & Signed) | { state: "gone" };

function actionForm(language: Language, signed: Signed, action: UnsubscribeAction, label: string): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${esc(value)}">`;
  return `<form method="post">${hidden("c", signed.contact)}${hidden("t", signed.token)}${hidden("l", language)}${hidden("action", action)}
<button type="submit" style="padding:10px 18px;background:#0b3d5c;color:#fff;border:0;font-size:16px">${esc(label)}</button></form>`;
}

function bodyOf(language: Language, page: UnsubscribePageState): string {
  const w = WORDS[language];
  switch (page.state) {
    case "ask":
      return `<p>${esc(w.ask)}</p>\n${actionForm(language, page, "optout", w.button)}`;
    case "optedOut":
      return `<p>${esc(page.just ? w.done : w.already)}</p>\n${actionForm(language, page, "optin", w.again)}`;
    case "optedIn":
      return `<p>${esc(w.optedIn)}</p>\n${actionForm(language, page, "optout", w.button)}`;
    case "gone":
      return `<p>${esc(w.gone)}</p>`;
  }
}

export function unsubscribePage(language: Language, page: UnsubscribePageState): string {
  const w = WORDS[language];
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(w.title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b">
<h1 style="font-size:1.4rem">${esc(w.title)}</h1>${bodyOf(language, page)}</body></html>`;
}
