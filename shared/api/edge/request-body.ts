/**
 * A request body read as text with its size counted chunk by chunk: a declared Content-Length over
 * the limit is refused unread, and a stream that grows past it (the Functions host's streaming mode,
 * a chunked body) is cancelled at the chunk that crosses it instead of being buffered whole first.
 */
import type { HttpRequest } from "@azure/functions";

export type LimitedText = { ok: true; text: string } | { ok: false };

export async function readTextWithin(request: HttpRequest, maxBytes: number): Promise<LimitedText> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false };
  const stream = request.body;
  if (!stream) return { ok: true, text: "" };
  const reader = (stream as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks, size).toString("utf8") };
}
