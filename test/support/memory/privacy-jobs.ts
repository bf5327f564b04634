/**
 * The privacy job store (shared/privacy/jobs.ts PrivacyJobStore) in memory, for unit and in-process tests:
 * the Cosmos store's answers (copies, If-Match etags, newest-first pages with a continuation token that
 * fails as a field error when this store did not issue it).
 */
import { randomUUID } from "node:crypto";
import { fieldError, ValidationError } from "../../../shared/kernel/errors.js";
import { listedJob, type JobKind, type JobStatus, type PrivacyJob, type PrivacyJobStore } from "../../../shared/privacy/jobs.js";

export class MemoryPrivacyJobs implements PrivacyJobStore {
  readonly docs = new Map<string, { job: PrivacyJob; etag: string }>();
  private key = (kind: JobKind, id: string) => `${kind}:${id}`;
  private all = () => [...this.docs.values()].map((d) => d.job);

  async create(job: PrivacyJob) {
    if (!this.docs.has(this.key(job.kind, job.id)))
      this.docs.set(this.key(job.kind, job.id), { job: structuredClone(job), etag: randomUUID() });
  }
  async get(kind: JobKind, id: string) {
    const found = this.docs.get(this.key(kind, id));
    return found && structuredClone(found);
  }
  async replace(job: PrivacyJob, etag: string) {
    const found = this.docs.get(this.key(job.kind, job.id));
    if (!found || found.etag !== etag) return undefined;
    const next = { job: structuredClone(job), etag: randomUUID() };
    this.docs.set(this.key(job.kind, job.id), next);
    return next.etag;
  }
  async unfinished() {
    return this.all().filter((j) => j.status === "NotStarted" || j.status === "Running");
  }
  async expiredExports(nowIso: string) {
    return this.all().filter((j) => j.kind === "export" && j.expiresAt && j.expiresAt <= nowIso);
  }
  async jobsOf(kind: JobKind, subjects: string[]) {
    return this.all().filter((j) => j.kind === kind && j.subjects.some((s) => subjects.includes(s)));
  }
  async delete(kind: JobKind, id: string) {
    this.docs.delete(this.key(kind, id));
  }
  /** Newest first; the token is the position of the next page ({"skip":n}). */
  async list(kind: JobKind, filter: { status?: JobStatus; nowIso: string }, limit: number, continuationToken?: string) {
    const skip = continuationToken === undefined ? 0 : skipOf(continuationToken);
    const matching = this.all()
      .filter((j) => j.kind === kind && (!filter.status || j.status === filter.status) && !(j.expiresAt && j.expiresAt <= filter.nowIso))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    const items = matching.slice(skip, skip + limit).map(listedJob);
    return { items, continuationToken: skip + limit < matching.length ? JSON.stringify({ skip: skip + limit }) : undefined };
  }
}

function skipOf(token: string): number {
  try {
    const skip = (JSON.parse(token) as { skip?: unknown }).skip;
    if (Number.isInteger(skip) && (skip as number) >= 0) return skip as number;
  } catch {
    // not JSON: not ours
  }
  throw new ValidationError([fieldError("continuationToken", "is not a token this API returned", "format")]);
}
