/**
 * Privacy jobs (exports and erasures) as documents in the `privacy` container: the request (subject keys
 * only, never the plain identifier), the state in the Microsoft REST API guidelines' long-running
 * operation terms (NotStarted, Running, Succeeded, Failed, Canceled), per-store progress, and a lease
 * so one runner works a job at a time (taken with If-Match; a runner that dies lets the lease lapse and
 * the next timer run resumes from the recorded progress).
 */
import { z } from "zod";

export const JOB_STATUSES = ["NotStarted", "Running", "Succeeded", "Failed", "Canceled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const isFinished = (status: JobStatus) => status === "Succeeded" || status === "Failed" || status === "Canceled";

export const JOB_KINDS = ["export", "erasure"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** The stores an erasure works through, in order; each step is idempotent and records what it did. */
export const ERASURE_STEPS = [
  /** The customer-advisor relations (config/customers/{customerId}) of the meetings' customer ids: before the meetings lose them. */
  "directory",
  "meetings",
  "cpr",
  "events",
  "intents",
  "idempotency",
  "messages",
  /** Waitlist entries (container waitlist), found by the subject keys. */
  "waitlist",
  "calendar",
  "exports",
  "audit",
  "notify",
] as const;
export type ErasureStep = (typeof ERASURE_STEPS)[number];

const StepProgress = z.object({ done: z.boolean(), count: z.number().int().nonnegative() });

export const PrivacyJob = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(JOB_STATUSES),
  /** Which identifier the request named (customerId, email or phone): the value itself is not kept. */
  requestedBy: z.enum(["customerId", "email", "phone"]),
  /** The subject keys searched for (subject-keys.ts). */
  subjects: z.array(z.string()).min(1),
  /** Who asked (ids only). */
  actor: z.object({ channel: z.string(), tenantId: z.string(), clientId: z.string(), userId: z.string().optional() }),
  reason: z.string().nullable().default(null),
  createdAt: z.string(),
  lastActionAt: z.string(),
  /** The meetings found for the subject (erasure: those to erase; found again at the end to catch late bookings). */
  meetingIds: z.array(z.string()).default([]),
  steps: z.record(z.string(), StepProgress).default({}),
  /** The runner holding the job until this instant (UTC ISO); another runner waits for it to lapse. */
  leaseUntil: z.string().nullable().default(null),
  error: z.object({ code: z.string(), message: z.string() }).nullable().default(null),
  /** Runs that ended in an error (a store or key service down); at the limit (PRIVACY_JOB_MAX_ATTEMPTS) the job is Failed. */
  attempts: z.number().int().nonnegative().optional(),
  /** Exports: the document, once Succeeded; deleted with the job at expiresAt. */
  result: z.unknown().optional(),
  /** Exports: when the job and its document are deleted (EXPORT_RETENTION_HOURS after it was made). */
  expiresAt: z.string().nullable().default(null),
});
export type PrivacyJob = z.output<typeof PrivacyJob>;

/** A job as a list reads it: no subject keys and no export document (a page stays small), only how many meetings it holds. */
export type ListedJob = Pick<
  PrivacyJob,
  "id" | "kind" | "status" | "requestedBy" | "actor" | "createdAt" | "lastActionAt" | "steps" | "error" | "expiresAt"
> & { meetings: number };

/** Meetings an erasure found, or an export's document holds. */
export const meetingsOfJob = (job: PrivacyJob) =>
  job.kind === "erasure" ? job.meetingIds.length : ((job.result as { meetings?: unknown[] } | undefined)?.meetings?.length ?? 0);

export function listedJob(job: PrivacyJob): ListedJob {
  const { id, kind, status, requestedBy, actor, createdAt, lastActionAt, steps, error, expiresAt } = job;
  return { id, kind, status, requestedBy, actor, createdAt, lastActionAt, steps, error, expiresAt, meetings: meetingsOfJob(job) };
}

export interface ListedJobs {
  items: ListedJob[];
  continuationToken?: string;
}

export interface PrivacyJobStore {
  /** Create-only. */
  create(job: PrivacyJob): Promise<void>;
  get(kind: JobKind, id: string): Promise<{ job: PrivacyJob; etag: string } | undefined>;
  /** Replace with If-Match: false when someone else changed it first. */
  replace(job: PrivacyJob, etag: string): Promise<string | undefined>;
  /** Jobs not finished yet, oldest first. */
  unfinished(limit: number): Promise<PrivacyJob[]>;
  /** Export jobs whose expiresAt has passed. */
  expiredExports(nowIso: string, limit: number): Promise<PrivacyJob[]>;
  /** Jobs of this kind about any of these subjects. */
  jobsOf(kind: JobKind, subjects: string[]): Promise<PrivacyJob[]>;
  delete(kind: JobKind, id: string): Promise<void>;
  /**
   * One page of a kind's jobs, newest first (createdAt), optionally of one status; exports past expiresAt are
   * left out (they are gone for GET by id too). A token this store did not issue is a ValidationError.
   */
  list(kind: JobKind, filter: { status?: JobStatus; nowIso: string }, limit: number, continuationToken?: string): Promise<ListedJobs>;
}
