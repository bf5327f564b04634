/** Cosmos DB failures by meaning: conflict, precondition failed, not found, or unavailable. */
import type { Container } from "@azure/cosmos";
export function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "number" ? code : undefined;
}

export const isNotFound = (err: unknown) => statusOf(err) === 404;
export const isConflict = (err: unknown) => statusOf(err) === 409;
export const isPreconditionFailed = (err: unknown) => statusOf(err) === 412;

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "UND_ERR_SOCKET", "EAI_AGAIN"]);

/** The database cannot be reached or is throttling: the client should retry later (503). */
export function isUnavailable(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { code?: unknown; name?: string; cause?: unknown; message?: string };
  if (typeof e.code === "number" && (e.code === 429 || e.code === 503 || e.code === 408)) return true;
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  if (e.name === "TimeoutError" || e.name === "AbortError") return true;
  if (e.cause && e.cause !== err) return isUnavailable(e.cause);
  return /ECONNREFUSED|ECONNRESET|socket hang up|timed out/i.test(e.message ?? "");
}

/** Deletes a document; a document that is already gone is fine (idempotent). */
export async function deleteIfExists(container: Container, id: string, partitionKey: string = id): Promise<boolean> {
  try {
    await container.item(id, partitionKey).delete();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}
