/**
 * Standard Webhooks signing with the specification's reference implementation (`standardwebhooks`):
 * webhook-id (the event id, the same on every try), webhook-timestamp (seconds, the time of this try)
 * and webhook-signature ("v1,<base64 HMAC-SHA256>", one per live secret, space separated, so a
 * receiver holding either the old or the new secret verifies during a rotation).
 */
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** whsec_ + base64 of 32 random bytes (the specification asks for 24 to 64). */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function signatureHeaders(id: string, timestamp: Date, body: string, secrets: string[]): Record<string, string> {
  if (secrets.length === 0) throw new Error("a subscription without a live secret cannot sign");
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": secrets.map((s) => new Webhook(s).sign(id, timestamp, body)).join(" "),
  };
}

/** The secrets that sign now: the newest, and older ones whose rotation grace has not run out. */
export function liveSecrets(secrets: Array<{ secret: string; expiresAt: string | null }>, now: number): string[] {
  return secrets.filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > now).map((s) => s.secret);
}
