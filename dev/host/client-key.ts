/**
 * Whom a request counts against in the per-client rate limit, as API Management's counter-key
 * expression reads it: the token's client application (azp, v1 tokens: appid), else the
 * subscription key, else the caller's address. The token is decoded without verifying it (the app
 * verifies it); the host takes the bucket only after the subscription-key check, so a caller needs a
 * valid key before any token it makes up can count against another client.
 */
import { createHash } from "node:crypto";
import type http from "node:http";

const JWT = /^Bearer\s+[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/i;

function claimedClient(authorization: string | undefined): string | undefined {
  const m = JWT.exec(authorization ?? "");
  if (!m) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(m[1], "base64url").toString("utf8")) as { azp?: unknown; appid?: unknown };
    const id = typeof claims.azp === "string" && claims.azp ? claims.azp : claims.appid;
    return typeof id === "string" && id !== "" && id.length <= 128 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** "client:<id>", "subscription:<hash>" or "address:<ip>". */
export function clientKeyOf(req: http.IncomingMessage, subscriptionKey: string | undefined): string {
  const client = claimedClient(typeof req.headers.authorization === "string" ? req.headers.authorization : undefined);
  if (client) return `client:${client}`;
  if (subscriptionKey) return `subscription:${createHash("sha256").update(subscriptionKey).digest("hex").slice(0, 16)}`;
  return `address:${req.socket.remoteAddress ?? "unknown"}`;
}
