/**
 * Idempotency-Key on POSTs that book: a retry with the same key and body within 24 hours gets
 * the first response again (nothing is booked twice); the same key with another body is 422.
 */
import { holderKey } from "../../booking/model/caller.js";
import { createHash } from "node:crypto";
import { DomainError, fieldError, ValidationError } from "../../kernel/errors.js";
import type { IdempotencyRepository } from "../../booking/model/ports.js";
import type { Reply, RequestContext } from "./endpoint.js";

/** A self-service secret is shown once and stored nowhere: a replay answers without it. */
function withoutSecret(body: unknown): unknown {
  if (!body || typeof body !== "object" || !("secret" in body)) return body;
  const { secret: _shownOnce, ...rest } = body as Record<string, unknown>;
  return rest;
}

/**
 * What the fingerprint covers: the body less its CPR. A hash of a CPR (few enough values to try them all)
 * beside the rest of the booking would undo its encryption at rest; reusing a key with another CPR replays.
 */
function withoutCpr(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body) || !("cpr" in body)) return body;
  const { cpr: _sealedElsewhere, ...rest } = body as Record<string, unknown>;
  return rest;
}

export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function withIdempotency(
  repo: IdempotencyRepository,
  ctx: RequestContext,
  operation: string,
  body: unknown,
  run: () => Promise<Reply>,
): Promise<Reply> {
  const key = ctx.headers.get("idempotency-key");
  if (key === null) return run();
  if (key.length < 1 || key.length > 255)
    throw new ValidationError([{ ...fieldError("Idempotency-Key", "must be 1-255 characters", "length"), in: "header" } as never]);
  // Keys are the caller's own: another client (or user) sending the same key never sees this one's reply.
  const who = ctx.caller ? holderKey(ctx.caller) : (ctx.principal?.subject ?? "anonymous");
  const id = sha256(`${who}|${ctx.version}|${operation}|${key}`);
  const record = {
    id,
    fingerprint: sha256(JSON.stringify(withoutCpr(body) ?? null)),
    state: "in-progress" as const,
    createdAt: new Date(ctx.now).toISOString(),
  };
  let existing = await repo.claim(record);
  if (existing && Date.parse(existing.createdAt) < ctx.now - IDEMPOTENCY_WINDOW_MS) {
    await repo.release(id);
    existing = await repo.claim(record);
  }
  if (existing) {
    if (existing.fingerprint !== record.fingerprint)
      throw new DomainError(
        "idempotency_key_reused",
        "this Idempotency-Key was used with a different request body; use a new key for a new request",
      );
    if (existing.state !== "done" || !existing.response)
      throw new DomainError("idempotency_in_progress", "a request with this Idempotency-Key is still being processed; retry shortly");
    return {
      status: existing.response.status,
      body: existing.response.body,
      headers: { ...existing.response.headers, "idempotent-replayed": "true" },
    };
  }
  let reply: Reply;
  try {
    reply = await run();
  } catch (err) {
    await repo.release(id).catch(() => undefined);
    throw err;
  }
  if (reply.status >= 500) await repo.release(id).catch(() => undefined);
  else
    await repo.complete({
      ...record,
      state: "done",
      response: { status: reply.status, body: withoutSecret(reply.body), headers: reply.headers ?? {} },
    });
  return reply;
}
