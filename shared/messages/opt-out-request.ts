/**
 * What the unsubscribe link's page does with one request: the signed contact and token (link or
 * form) must match, else a 404 "not valid" page and nothing changes. GET only reads (mail scanners
 * open links): it asks, or offers to opt back in when the contact is opted out. POST acts: action
 * optout (or none: a mail client's RFC 8058 one-click POST) records the opt-out, optin removes it.
 */
import type { OptOutStore } from "./ports.js";
import { optOutTokenMatches } from "./opt-out-link.js";
import { UNSUBSCRIBE_ACTIONS, type UnsubscribeAction, type UnsubscribePageState } from "./unsubscribe-page.js";

export interface OptOutRequest {
  method: string;
  /** The link's and the form's fields together (c, t, action). */
  param(name: string): string;
}

export interface OptOutOutcome {
  status: number;
  page: UnsubscribePageState;
  /** What changed (for the log, which names no contact). */
  changed?: UnsubscribeAction;
}

export async function handleOptOutRequest(
  request: OptOutRequest,
  links: { key: string } | undefined,
  store: OptOutStore | undefined,
  at: string,
): Promise<OptOutOutcome> {
  const signed = { contact: request.param("c"), token: request.param("t") };
  if (!links || !store || !optOutTokenMatches(links.key, signed.contact, signed.token)) return { status: 404, page: { state: "gone" } };
  if (request.method !== "POST") {
    const optedOut = await store.isOptedOut(signed.contact);
    return { status: 200, page: optedOut ? { state: "optedOut", just: false, ...signed } : { state: "ask", ...signed } };
  }
  const action = request.param("action") || "optout";
  if (!UNSUBSCRIBE_ACTIONS.includes(action as UnsubscribeAction)) return { status: 400, page: { state: "gone" } };
  if (action === "optin") {
    await store.optIn(signed.contact);
    return { status: 200, page: { state: "optedIn", ...signed }, changed: "optin" };
  }
  await store.optOut(signed.contact, at);
  return { status: 200, page: { state: "optedOut", just: true, ...signed }, changed: "optout" };
}
