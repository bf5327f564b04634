/**
 * Response compression in the app (so it holds behind API Management and on the local host
 * alike): gzip or br chosen by Accept-Encoding with its q-values, identity otherwise, for
 * bodies of at least COMPRESS_MIN_BYTES.
 *
 * Synchronous on purpose: measured on the 2-core machines, node:zlib's async calls (libuv's
 * thread pool) cost 3-8x the CPU of the sync ones for these bodies (br 4 on a 157 KB slot list:
 * 2.5 ms CPU with 10 in flight vs 0.3 ms sync; in the HTTP bench the 3x7 row went from 3.9 to
 * 11.5 ms host CPU per request with async br), and a busy host has no idle core for the pool
 * to use anyway. The largest team views (3-4 MB) take ~2-3 ms at the settings below.
 */
import zlib from "node:zlib";

export const COMPRESS_MIN_BYTES = 1024;
export type ContentCoding = "br" | "gzip" | "identity";

/** Below every q a client can send (0.001): identity not named is chosen only when nothing else is. */
const IMPLICIT_IDENTITY_Q = 0.0001;

/** Preference on equal q: br compresses JSON smaller at a similar cost (quality 4), then gzip, then identity. */
const PREFERENCE: ContentCoding[] = ["br", "gzip", "identity"];

/**
 * The coding to use for a request's Accept-Encoding (RFC 9110 12.5.3): the acceptable coding
 * with the highest q, "*" standing for codings not named. Identity counts with its own q (or
 * the q of "*") when named, else only as the fallback; it is also the answer when nothing is
 * acceptable (no 406: an uncompressed body is always better than none). No header = identity.
 */
export function chooseContentCoding(acceptEncoding: string | null | undefined): ContentCoding {
  if (!acceptEncoding) return "identity";
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (!name) continue;
    let weight = 1;
    for (const p of params) {
      const m = /^q=([01](?:\.\d{0,3})?)$/.exec(p.replace(/\s+/g, ""));
      if (m) weight = Math.min(1, Number(m[1]));
    }
    const key = name === "x-gzip" ? "gzip" : name;
    q.set(key, Math.max(q.get(key) ?? 0, weight));
  }
  const star = q.get("*");
  const weightOf = (c: ContentCoding) => q.get(c) ?? star ?? (c === "identity" ? IMPLICIT_IDENTITY_Q : 0);
  let best: ContentCoding = "identity";
  let bestQ = 0;
  for (const c of PREFERENCE) {
    const w = weightOf(c);
    if (w > bestQ) [best, bestQ] = [c, w];
  }
  return best;
}

/**
 * Bodies from this size on are compressed at the fastest setting (br 1, gzip 1): on the large team
 * views the host's CPU is the bottleneck, and they still shrink 15-60x. Smaller ones get br 4 / gzip 6.
 */
export const LARGE_BODY_BYTES = 1024 * 1024;

/**
 * Output chunk size: zlib's 16 KB default makes a multi-megabyte body go round the output loop
 * hundreds of times; one chunk about the size of the compressed body is enough.
 */
const chunkSizeFor = (bytes: number): number =>
  Math.min(1024 * 1024, Math.max(16 * 1024, 2 ** Math.ceil(Math.log2(Math.max(1, bytes / 8)))));

/** Brotli's window no larger than the body (its 4 MB default costs set-up time on small bodies). */
const brotliWindowFor = (bytes: number): number => Math.min(22, Math.max(16, Math.ceil(Math.log2(Math.max(1, bytes)))));

/** `text` (a string or UTF-8 bytes) encoded with `coding` (a Buffer), or as given for identity. */
export function encodeText<T extends string | Buffer>(text: T, coding: ContentCoding): T | Buffer {
  if (coding === "identity") return text;
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const large = bytes.length >= LARGE_BODY_BYTES;
  const chunkSize = chunkSizeFor(bytes.length);
  if (coding === "gzip") return zlib.gzipSync(bytes, { level: large ? 1 : 6, chunkSize });
  return zlib.brotliCompressSync(bytes, {
    chunkSize,
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: large ? 1 : 4,
      [zlib.constants.BROTLI_PARAM_LGWIN]: brotliWindowFor(bytes.length),
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/**
 * A JSON body as sent: compressed when it is large enough and the client accepts a coding.
 * Adds Vary: Accept-Encoding whenever the coding could have differed, and Content-Encoding when used.
 */
export function compressedJson<T extends string | Buffer>(
  text: T,
  acceptEncoding: string | null,
  headers: Record<string, string>,
): T | Buffer {
  headers["vary"] = headers["vary"] ? `${headers["vary"]}, Accept-Encoding` : "Accept-Encoding";
  if (text.length < COMPRESS_MIN_BYTES) return text; // length in UTF-16 units <= bytes: never too eager
  const coding = chooseContentCoding(acceptEncoding);
  if (coding === "identity") return text;
  headers["content-encoding"] = coding;
  return encodeText(text, coding);
}
