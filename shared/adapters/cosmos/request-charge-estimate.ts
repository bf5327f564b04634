/**
 * The ONE place that estimates the request units (RU) of a Cosmos DB call from Microsoft's
 * published cost model, for the embedded server (which reports a flat "1" for everything).
 * Against Cosmos DB itself the charge it reports (x-ms-request-charge) is used instead.
 * Formula and sources: docs/capacity.md ("The RU estimate").
 *
 * - Point read: Microsoft's table of read RU by document size (1 KB = 1.00 ... 128 KB = 9.95),
 *   interpolated linearly between its rows (session/eventual consistency).
 * - Write (create, replace, upsert, patch, delete): the table of write RU by document size
 *   (1 KB = 4.95 ... 128 KB = 48.19) for the default policy (every path indexed), interpolated;
 *   a delete or patch is charged as a write of max(1 KB, the bytes sent).
 * - Query page: QUERY_BASE_RU (the least a query costs) + per document returned the read RU of
 *   its share of the page's bytes x QUERY_READ_FACTOR. Documents scanned but not returned
 *   (COUNT, filters the index does not serve) are not visible to the embedded server: the
 *   estimate assumes index-served filters (scanned = returned).
 * - A call that failed on a precondition or a conflict (409, 412) or found nothing (404):
 *   FAILED_RU. Metadata calls (databases, containers, partition key ranges): 0 (not charged to
 *   a container's throughput).
 */

/** [KB, RU] rows of learn.microsoft.com/azure/cosmos-db/understand-request-unit-consumption. */
export const READ_RU_BY_KB: readonly (readonly [number, number])[] = [
  [1, 1.0],
  [2, 1.04],
  [4, 1.14],
  [8, 1.33],
  [16, 1.67],
  [32, 2.19],
  [64, 4.76],
  [128, 9.95],
  [256, 20.28],
  [512, 40.95],
  [1024, 145.9],
  [2048, 291.8],
];
export const WRITE_RU_BY_KB: readonly (readonly [number, number])[] = [
  [1, 4.95],
  [2, 6.29],
  [4, 6.67],
  [8, 7.04],
  [16, 9.52],
  [32, 11.23],
  [64, 22.67],
  [128, 48.19],
  [256, 98.29],
  [512, 184.57],
  [1024, 625.0],
  [2048, 1250.0],
];
/** The least a query page costs (observed 2.3-2.9 RU for a one-document query; see docs/capacity.md). */
export const QUERY_BASE_RU = 2.3;
/** A document loaded by a query costs this share of its point read (the index lookup is in the base). */
export const QUERY_READ_FACTOR = 0.5;
export const FAILED_RU = 1;

export type CallKind = "read" | "query" | "write" | "delete" | "batch" | "metadata";

export interface CallShape {
  kind: CallKind;
  status: number;
  /** Bytes of the request body (the document written). */
  requestBytes: number;
  /** Bytes of the response body (the document read, or the query page). */
  responseBytes: number;
  /** Documents in a query page. */
  documents?: number;
  /** Operations in a batch. */
  operations?: number;
}

/** Linear interpolation over a [KB, RU] table; below its first row, its first value. */
export function ruBySize(table: readonly (readonly [number, number])[], bytes: number): number {
  const kb = bytes / 1024;
  if (kb <= table[0][0]) return table[0][1];
  for (let i = 1; i < table.length; i++) {
    const [k1, r1] = table[i];
    if (kb <= k1) {
      const [k0, r0] = table[i - 1];
      return r0 + ((r1 - r0) * (kb - k0)) / (k1 - k0);
    }
  }
  const [kl, rl] = table[table.length - 1];
  return (rl * kb) / kl;
}

export function estimateRequestCharge(call: CallShape): number {
  if (call.kind === "metadata") return 0;
  if (call.status === 404 || call.status === 409 || call.status === 412) return FAILED_RU;
  if (call.status >= 400) return 0;
  switch (call.kind) {
    case "read":
      return ruBySize(READ_RU_BY_KB, call.responseBytes);
    case "write":
    case "delete":
      return ruBySize(WRITE_RU_BY_KB, Math.max(1024, call.requestBytes));
    case "batch": {
      const n = Math.max(1, call.operations ?? 1);
      return n * ruBySize(WRITE_RU_BY_KB, call.requestBytes / n);
    }
    case "query": {
      const docs = call.documents ?? 0;
      if (docs === 0) return QUERY_BASE_RU;
      return QUERY_BASE_RU + docs * QUERY_READ_FACTOR * ruBySize(READ_RU_BY_KB, call.responseBytes / docs);
    }
  }
}

/** The kind of an SDK call from its resource and operation type (values of @azure/cosmos's ResourceType/OperationType). */
export function callKind(resourceType: string | undefined, operationType: string | undefined): CallKind {
  if (resourceType !== "docs") return "metadata";
  switch (operationType) {
    case "read":
      return "read";
    case "query":
      return "query";
    case "delete":
      return "delete";
    case "batch":
      return "batch";
    default:
      return "write";
  }
}
