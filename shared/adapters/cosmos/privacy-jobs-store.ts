/**
 * Privacy jobs in the `privacy` container (partitioned by id): export:{id} and erasure:{id}. Exports carry a
 * per-item ttl (EXPORT_RETENTION_HOURS) so Cosmos DB deletes them by itself; the privacy-jobs timer deletes
 * them too (the embedded server has no TTL) and reads treat an expired one as gone.
 */
import type { Container, SqlParameter } from "@azure/cosmos";
import { z } from "zod";
import { PrivacyJob, type JobKind, type JobStatus, type ListedJobs, type PrivacyJobStore } from "../../privacy/jobs.js";
import { deleteIfExists, isConflict, isNotFound, isPreconditionFailed } from "./cosmos-errors.js";
import { queryPage } from "./query-page.js";

const docId = (kind: JobKind, id: string) => `${kind}:${id}`;

function stored(job: PrivacyJob) {
  const ttl = job.expiresAt ? Math.max(60, Math.ceil((Date.parse(job.expiresAt) - Date.parse(job.createdAt)) / 1000)) : undefined;
  return { ...job, id: docId(job.kind, job.id), jobId: job.id, ...(ttl ? { ttl } : {}) };
}

const parse = (doc: Record<string, unknown>) => PrivacyJob.parse({ ...doc, id: doc.jobId });

/**
 * A list row: the view's fields and the meeting counts, never the subject keys nor an export's document (a
 * page stays small). ORDER BY one path needs no composite index (the container indexes every path).
 */
const LISTED = `SELECT c.jobId, c.kind, c.status, c.requestedBy, c.actor, c.createdAt, c.lastActionAt, c.steps, c.error, c.expiresAt,
  ARRAY_LENGTH(c.meetingIds) AS erasureMeetings, ARRAY_LENGTH(c.result.meetings) AS exportMeetings FROM c`;
const ListedRow = PrivacyJob.pick({
  kind: true,
  status: true,
  requestedBy: true,
  actor: true,
  createdAt: true,
  lastActionAt: true,
  steps: true,
  error: true,
  expiresAt: true,
}).extend({ jobId: z.string(), erasureMeetings: z.number().optional(), exportMeetings: z.number().optional() });

function listed(doc: unknown) {
  const { jobId, erasureMeetings, exportMeetings, ...row } = ListedRow.parse(doc);
  return { ...row, id: jobId, meetings: (row.kind === "erasure" ? erasureMeetings : exportMeetings) ?? 0 };
}

export class CosmosPrivacyJobStore implements PrivacyJobStore {
  constructor(private readonly container: Container) {}

  async create(job: PrivacyJob) {
    try {
      await this.container.items.create(stored(job));
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }

  async get(kind: JobKind, id: string) {
    try {
      const { resource, etag } = await this.container.item(docId(kind, id), docId(kind, id)).read<Record<string, unknown>>();
      return resource ? { job: parse(resource), etag } : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async replace(job: PrivacyJob, etag: string) {
    const id = docId(job.kind, job.id);
    try {
      const res = await this.container.item(id, id).replace(stored(job), { accessCondition: { type: "IfMatch", condition: etag } });
      return res.etag;
    } catch (err) {
      if (isPreconditionFailed(err) || isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async query(query: string, parameters: { name: string; value: string | number | string[] }[], limit: number) {
    const { resources } = await this.container.items
      .query<Record<string, unknown>>(
        { query: `SELECT TOP ${Math.floor(limit)} * FROM c WHERE ${query}`, parameters },
        { maxItemCount: limit },
      )
      .fetchAll();
    return resources.map(parse);
  }

  unfinished(limit: number) {
    return this.query("c.status IN ('NotStarted', 'Running') ORDER BY c.createdAt", [], limit);
  }

  expiredExports(nowIso: string, limit: number) {
    return this.query("c.kind = 'export' AND IS_STRING(c.expiresAt) AND c.expiresAt <= @now", [{ name: "@now", value: nowIso }], limit);
  }

  async jobsOf(kind: JobKind, subjects: string[]) {
    const found = new Map<string, PrivacyJob>();
    for (const subject of subjects)
      for (const job of await this.query(
        "c.kind = @kind AND ARRAY_CONTAINS(c.subjects, @s)",
        [
          { name: "@kind", value: kind },
          { name: "@s", value: subject },
        ],
        1000,
      ))
        found.set(job.id, job);
    return [...found.values()];
  }

  async delete(kind: JobKind, id: string) {
    await deleteIfExists(this.container, docId(kind, id));
  }

  /** One cross-partition query per page (jobs are partitioned by id), newest first. */
  async list(
    kind: JobKind,
    filter: { status?: JobStatus; nowIso: string },
    limit: number,
    continuationToken?: string,
  ): Promise<ListedJobs> {
    const where = ["c.kind = @kind", "(NOT IS_STRING(c.expiresAt) OR c.expiresAt > @now)"];
    const parameters: SqlParameter[] = [
      { name: "@kind", value: kind },
      { name: "@now", value: filter.nowIso },
    ];
    if (filter.status) {
      where.push("c.status = @status");
      parameters.push({ name: "@status", value: filter.status });
    }
    const query = `${LISTED} WHERE ${where.join(" AND ")} ORDER BY c.createdAt DESC`;
    const page = await queryPage<unknown>(this.container, { query, parameters }, { limit, continuationToken });
    return { items: page.resources.map(listed), continuationToken: page.continuationToken };
  }
}
