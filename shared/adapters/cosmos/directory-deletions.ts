/**
 * The directory's deletions document (id "directory-deletions", kind "meta"): the last deletes made
 * through the repository, so a host instance removes them from its cached lists instead of refetching
 * a whole kind (issue 29). Each delete appends { seq, key, ts, etag } (key: a hash of kind and id, so
 * no id outlives its document: a customer-advisor relation is keyed by the customer's id, which an
 * erasure must leave nowhere; ts and etag: the deleted version's _ts and _etag) with a
 * read-modify-write under If-Match; the document keeps the newest
 * `kept` entries (~140 bytes each). A list remembers the (epoch, seq) it has seen: when every seq since
 * is still listed it applies them, otherwise it refetches in full. Under contention past the retries
 * the writer starts a new epoch with no entries, which makes every list refetch in full.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Container } from "@azure/cosmos";
import { isConflict, isNotFound, isPreconditionFailed } from "./cosmos-errors.js";

export const DELETIONS_DOC = { id: "directory-deletions", kind: "meta" } as const;
/** Entries kept: ~14 KB (~1.6 RU a read); at 8 deletes a day (10,000 advisors) a list refetches in full after missing ~12 days. */
export const DELETIONS_KEPT = 100;
const WRITE_ATTEMPTS = 8;

/** What an entry names: the deleted document's kind and id, hashed. */
export const deletionKeyOf = (kind: string, id: string) =>
  createHash("sha256").update(`${kind}\u0000${id}`).digest("base64url").slice(0, 22);

export interface DeletionEntry {
  seq: number;
  /** deletionKeyOf(kind, id) */
  key: string;
  /** The deleted version's _ts (server seconds) and _etag. */
  ts: number;
  etag: string;
}

/** Where a list stands in the sequence of deletes: every delete up to seq in this epoch is reflected. */
export interface DeletionsSeen {
  epoch: string;
  seq: number;
}

export interface Deletions extends DeletionsSeen {
  entries: DeletionEntry[];
  /** The document's ETag (undefined when it does not exist). */
  etag?: string;
}

/** A document of the stamp shape (server fields). */
export interface Stamp {
  ts: number;
  etag: string;
}

export const stampOf = (doc: unknown): Stamp => {
  const { _ts, _etag } = doc as { _ts?: unknown; _etag?: unknown };
  return { ts: Number(_ts) || 0, etag: typeof _etag === "string" ? _etag : "" };
};

export async function readDeletions(container: Container): Promise<Deletions> {
  try {
    const { resource, etag } = await container.item(DELETIONS_DOC.id, DELETIONS_DOC.kind).read<Partial<Deletions>>();
    if (!resource) return { epoch: "none", seq: 0, entries: [] };
    // A document without a sequence (written before the entries existed): its ETag is its epoch.
    if (typeof resource.seq !== "number") return { epoch: etag ?? "legacy", seq: 0, entries: [], etag };
    return { epoch: String(resource.epoch), seq: resource.seq, entries: resource.entries ?? [], etag };
  } catch (err) {
    if (isNotFound(err)) return { epoch: "none", seq: 0, entries: [] };
    throw err;
  }
}

/** The deletes after `seen`, or undefined when one of them is no longer listed (or the epoch changed). */
export function deletesSince(doc: Deletions, seen: DeletionsSeen): DeletionEntry[] | undefined {
  if (doc.epoch !== seen.epoch || doc.seq < seen.seq) return undefined;
  const after = doc.entries.filter((e) => e.seq > seen.seq);
  // An entry without a key (an older format) cannot be matched: refetch in full.
  return after.length === doc.seq - seen.seq && after.every((e) => typeof e.key === "string") ? after : undefined;
}

/**
 * What a delete means for a cached copy with this stamp: "remove" (the deleted version or an older one),
 * "keep" (written after the delete: re-created), "recheck" (another version of the same second: _ts
 * alone cannot order them).
 */
export function verdict(cached: Stamp, deleted: DeletionEntry): "remove" | "keep" | "recheck" {
  if (cached.etag === deleted.etag || cached.ts < deleted.ts) return "remove";
  return cached.ts > deleted.ts ? "keep" : "recheck";
}

/** Appends a delete (the first creates the document); retried on 412 and 409 with a short jittered wait. */
export async function recordDeletion(
  container: Container,
  deleted: Omit<DeletionEntry, "seq">,
  options: { kept?: number; changedAt: string },
): Promise<void> {
  const kept = options.kept ?? DELETIONS_KEPT;
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const current = await readDeletions(container);
    const seq = current.seq + 1;
    const entries = [...current.entries, { ...deleted, seq }].slice(-kept);
    const doc = { ...DELETIONS_DOC, epoch: current.epoch, seq, entries, changedAt: options.changedAt };
    try {
      if (current.etag)
        await container
          .item(DELETIONS_DOC.id, DELETIONS_DOC.kind)
          .replace(doc, { accessCondition: { type: "IfMatch", condition: current.etag } });
      else await container.items.create(doc);
      return;
    } catch (err) {
      if (!isPreconditionFailed(err) && !isConflict(err) && !isNotFound(err)) throw err;
    }
    await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
  }
  // Still losing the race: a new epoch (every list refetches in full, as every delete did before the entries).
  await container.items.upsert({ ...DELETIONS_DOC, epoch: randomUUID(), seq: 0, entries: [], changedAt: options.changedAt });
}
