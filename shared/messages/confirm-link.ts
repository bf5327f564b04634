/**
 * The double opt-in link in a confirm_request: BookMe's confirm page for the meeting with a token
 * that is an HMAC of the meeting id and its self-service secret's hash, under the link key. The
 * secret itself is never stored, so the link cannot carry it; replacing or revoking the secret
 * voids the link too. Opening the link (a GET) only shows the page; its button confirms.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const CONFIRM_PAGE_PATH = "/api/messages/confirm";

export function confirmToken(key: string, meetingId: string, secretHash: string): string {
  return createHmac("sha256", key).update(`confirm:${meetingId}:${secretHash}`).digest("base64url");
}

export function confirmUrl(baseUrl: string, key: string, meetingId: string, secretHash: string): string {
  const token = confirmToken(key, meetingId, secretHash);
  return `${baseUrl.replace(/\/$/, "")}${CONFIRM_PAGE_PATH}?meeting=${encodeURIComponent(meetingId)}&token=${token}`;
}

export function tokenMatches(key: string, meetingId: string, secretHash: string | null, token: string): boolean {
  if (!secretHash) return false;
  const expected = Buffer.from(confirmToken(key, meetingId, secretHash));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
