/**
 * The request body, read with its size counted as it arrives: a declared Content-Length over the
 * limit is refused before a byte is read, and a body that grows past it (chunked, or a lying
 * length) is refused at the chunk that crosses it, without waiting for the rest. Nothing past the
 * limit is kept; what the client still sends is discarded (Node dumps an unread request once the
 * response ends) and a client that keeps sending far beyond is cut off.
 */
import type http from "node:http";

export type BodyResult = { ok: true; body: Buffer } | { ok: false; received: number };

/** How much more than the limit a refused client may go on sending before its connection is closed. */
const DISCARD_FACTOR = 4;

export function readLimitedBody(req: http.IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"] ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    cutOffAfter(req, maxBytes * DISCARD_FACTOR);
    return Promise.resolve({ ok: false, received: 0 });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      done();
      cutOffAfter(req, maxBytes * DISCARD_FACTOR);
      resolve({ ok: false, received: size });
    };
    const onEnd = () => (done(), resolve({ ok: true, body: Buffer.concat(chunks, size) }));
    const onError = (err: Error) => (done(), reject(err));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Discards the rest of a refused body, closing the connection once more than `bytes` have come. */
function cutOffAfter(req: http.IncomingMessage, bytes: number) {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > bytes) req.socket.destroy();
  });
}
