/**
 * The request body, read with its size counted as it arrives: a declared Content-Length over the
 * limit is refused before a byte is read, and a body that grows past it (chunked, or a lying
 * length) is refused at the chunk that crosses it, without waiting for the rest. Nothing past the
 * limit is kept; what the client still sends is discarded for a while (so clients that write their
 * whole body before reading still see the 413) and a client that keeps sending far beyond is held
 * and then cut off.
 */
import type http from "node:http";

export type BodyResult = { ok: true; body: Buffer } | { ok: false; received: number };

/** How much more than the limit a refused client may go on sending before its connection is closed. */
const DISCARD_FACTOR = 4;
/** How long a client held that way has to read the 413 before its connection is closed. */
const CLOSE_AFTER_MS = 2_000;

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

/**
 * Discards the rest of a refused body; past `bytes` more it stops reading instead (TCP backpressure
 * then holds the client, which can still read the 413) and closes the connection a little later.
 */
function cutOffAfter(req: http.IncomingMessage, bytes: number) {
  let discarded = 0;
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded <= bytes) return;
    req.off("data", onData);
    req.pause();
    setTimeout(() => req.socket.destroy(), CLOSE_AFTER_MS).unref();
  };
  req.on("data", onData);
}
