/** Cosmos DB failures by meaning: conflict, precondition failed, not found, or unavailable. */
import type { Container } from "@azure/cosmos";
export function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "number" ? code : undefined;
}

export const isNotFound = (err: unknown) => statusOf(err) === 404;
export const isConflict = (err: unknown) => statusOf(err) === 409;
export const isPreconditionFailed = (err: unknown) => statusOf(err) === 412;

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
