import { randomUUID } from "node:crypto";

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** x-correlation-id when given (and sane), else the W3C traceparent's trace id, else a new id. */
export function correlationIdOf(headers: Headers): string {
  const given = headers.get("x-correlation-id");
  if (given && SAFE_ID.test(given)) return given;
  const traceparent = headers.get("traceparent");
  const trace = traceparent ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent.trim()) : null;
  if (trace) return trace[1];
  return randomUUID();
}
