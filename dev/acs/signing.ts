/**
 * ACS access-key authentication as the service checks it: the SDKs (communication-common's
 * access-key policy) sign `VERB\n/path?query\nx-ms-date;host;x-ms-content-sha256` with
 * HMAC-SHA256 under the base64-decoded access key, and send
 * `Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=...`.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** How far x-ms-date may be from this clock (the service allows 15 minutes). */
const MAX_SKEW_MS = 15 * 60_000;

export const contentHash = (body: Buffer | string) => createHash("sha256").update(body).digest("base64");

export function signature(accessKey: string, verb: string, pathAndQuery: string, date: string, host: string, hash: string): string {
  return createHmac("sha256", Buffer.from(accessKey, "base64"))
    .update(`${verb.toUpperCase()}\n${pathAndQuery}\n${date};${host};${hash}`)
    .digest("base64");
}

/** The path and query as the SDK signs them (URLSearchParams re-encoding). */
export function signedPathAndQuery(rawUrl: string): string {
  const url = new URL(rawUrl, "https://localhost");
  const query = url.searchParams.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const header = (r: SignedRequest, name: string) => {
  const v = r.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Undefined when the request is signed with the key; else why not (the 401's message). */
export function checkSignature(accessKey: string, r: SignedRequest, now = Date.now()): string | undefined {
  const auth = header(r, "authorization") ?? "";
  const m = /^HMAC-SHA256 SignedHeaders=([^&]+)&Signature=(.+)$/.exec(auth);
  if (!m) return "Authorization must be HMAC-SHA256 SignedHeaders=...&Signature=...";
  if (m[1].toLowerCase() !== "x-ms-date;host;x-ms-content-sha256") return "SignedHeaders must be x-ms-date;host;x-ms-content-sha256";
  const date = header(r, "x-ms-date");
  const host = header(r, "host");
  const hash = header(r, "x-ms-content-sha256");
  if (!date || !host || !hash) return "x-ms-date, host and x-ms-content-sha256 are required";
  const at = Date.parse(date);
  if (!Number.isFinite(at) || Math.abs(now - at) > MAX_SKEW_MS) return "x-ms-date is missing or more than 15 minutes off";
  if (hash !== contentHash(r.body)) return "x-ms-content-sha256 does not match the body";
  const expected = Buffer.from(signature(accessKey, r.method, signedPathAndQuery(r.url), date, host, hash));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "the signature does not match";
  return undefined;
}
