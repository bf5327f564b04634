/**
 * The unsubscribe link in every message: BookMe's opt-out page for one contact, named by its keyed
 * hash (the contact key: never the address) and signed with an HMAC of it under the link key, so
 * nobody can opt out a contact they cannot name and the link reveals no address. The language is
 * the page's. Opening the link (a GET) only shows the page; its button (or a mail client's RFC 8058
 * one-click POST) records the opt-out.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Language } from "./ports.js";

export const UNSUBSCRIBE_PAGE_PATH = "/api/messages/unsubscribe";

/** 128 bits of the HMAC: unguessable, and short enough for an SMS. */
export function optOutToken(key: string, contactKey: string): string {
  return createHmac("sha256", key).update(`unsubscribe:${contactKey}`).digest().subarray(0, 16).toString("base64url");
}

export function unsubscribeUrl(baseUrl: string, key: string, contactKey: string, language: Language): string {
  const token = optOutToken(key, contactKey);
  return `${baseUrl.replace(/\/$/, "")}${UNSUBSCRIBE_PAGE_PATH}?c=${encodeURIComponent(contactKey)}&t=${token}&l=${language}`;
}

export function optOutTokenMatches(key: string, contactKey: string, token: string): boolean {
  if (!contactKey) return false;
  const expected = Buffer.from(optOutToken(key, contactKey));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
