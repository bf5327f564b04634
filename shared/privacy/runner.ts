/**
 * Starting and running privacy jobs. A request becomes a job document (subject keys only) and the
 * privacy-jobs timer works every unfinished job: it takes the job's lease with If-Match, runs the
 * remaining steps, saving progress after each, and gives the lease back. A runner that dies leaves the
 * lease to lapse; the next run resumes. No in-process state decides anything.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "../kernel/errors.js";
import { isoOf } from "../kernel/instants.js";
import type { Actor } from "../booking/model/caller.js";
import { buildExport, customerAdvisorsOf, type ExportedCustomerAdvisor } from "./export.js";
import type { DirectoryRepository } from "../booking/model/ports.js";
import { CustomerId } from "../directory/customer-advisors.js";
import { runErasure, type ErasureOptions } from "./erasure.js";
import { MeetingBusyError } from "./erase-meeting.js";
import { isFinished, type JobKind, type PrivacyJob } from "./jobs.js";
import type { PrivacyDeps, PrivacyJobDeps } from "./ports.js";
import type { SubjectRef } from "./subject-keys.js";

/** How long a runner holds a job before another may take it over (default of PRIVACY_JOB_LEASE_SECONDS). */
export const LEASE_MS = 60_000;
/** Failed runs (a store or key service down) after which a job is Failed (default of PRIVACY_JOB_MAX_ATTEMPTS). */
export const MAX_ATTEMPTS = 5;

/** The error a Failed job reports: what failed and how often, never a value or a store's message (they may hold personal data). */
export const failedError = (kind: JobKind, attempts: number) => ({
  code: `${kind}_failed`,
  message: `the ${kind} failed ${attempts} times (a store or key service did not answer); what it did is recorded per store: start a new ${kind} to finish it`,
});

export interface PrivacyRequest {
  subject: SubjectRef;
  reason?: string | null;
  actor: Actor;
  /**
   * Found through the identifier itself when the request was made (the job keeps only its subject key): an
   * erasure's customer-advisor relation already deleted (counted under `directory`), an export's relations.
   */
  atRequest?: { directoryErased?: number; customerAdvisors?: ExportedCustomerAdvisor[] };
}

/**
 * The customer-advisor relation recorded under the customer id a request names (config/customers/{customerId}):
 * its id is the plain customer id, which the job does not keep, so it is read or deleted when the request comes.
 */
export async function relationAtRequest(
  directory: DirectoryRepository,
  kind: JobKind,
  subject: SubjectRef,
): Promise<PrivacyRequest["atRequest"]> {
  if (!("customerId" in subject) || !CustomerId.safeParse(subject.customerId).success) return {};
  if (kind === "export") return { customerAdvisors: await customerAdvisorsOf(directory, [subject.customerId]) };
  return { directoryErased: (await directory.delete("customerAdvisor", subject.customerId)) ? 1 : 0 };
}

const identifiedBy = (ref: SubjectRef) => ("customerId" in ref ? "customerId" : "email" in ref ? "email" : "phone");

export async function startJob(privacy: PrivacyDeps, kind: JobKind, request: PrivacyRequest, now: number): Promise<PrivacyJob> {
  const at = isoOf(now);
  const job: PrivacyJob = {
    id: randomUUID(),
    kind,
    status: "NotStarted",
    requestedBy: identifiedBy(request.subject),
    subjects: [privacy.keyer.keyOf(request.subject)],
    actor: {
      channel: request.actor.channel,
      tenantId: request.actor.tenantId,
      clientId: request.actor.clientId,
      ...(request.actor.userId ? { userId: request.actor.userId } : {}),
    },
    reason: request.reason ?? null,
    createdAt: at,
    lastActionAt: at,
    meetingIds: [],
    steps: request.atRequest?.directoryErased ? { directory: { done: false, count: request.atRequest.directoryErased } } : {},
    leaseUntil: null,
    error: null,
    expiresAt: kind === "export" ? isoOf(now + privacy.config.exportRetentionHours * 3_600_000) : null,
    ...(request.atRequest?.customerAdvisors?.length ? { result: { customerAdvisors: request.atRequest.customerAdvisors } } : {}),
  };
  await privacy.jobs.create(job);
  return job;
}

export async function jobStatus(privacy: PrivacyDeps, kind: JobKind, id: string, now: number): Promise<PrivacyJob> {
  const found = await privacy.jobs.get(kind, id);
  // An export past its time is gone, whether or not the timer has deleted it yet.
  if (!found || (found.job.expiresAt && Date.parse(found.job.expiresAt) <= now))
    throw new DomainError("not_found", `${kind} '${id}' was not found`);
  return found.job;
}

/**
 * Cancels a job that has not finished (NotStarted or Running): Canceled, with If-Match, so a runner holding it
 * stops at its next save (its If-Match fails). What an erasure already erased stays erased (the per-store
 * counts say how far it got). A finished job is a 409.
 */
export async function cancelJob(privacy: PrivacyDeps, kind: JobKind, id: string, now: number): Promise<PrivacyJob> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await privacy.jobs.get(kind, id);
    if (!found || (found.job.expiresAt && Date.parse(found.job.expiresAt) <= now))
      throw new DomainError("not_found", `${kind} '${id}' was not found`);
    if (isFinished(found.job.status)) throw new DomainError("conflict", `the ${kind} has already finished (${found.job.status})`);
    const canceled: PrivacyJob = { ...found.job, status: "Canceled", leaseUntil: null, lastActionAt: isoOf(now) };
    if (await privacy.jobs.replace(canceled, found.etag)) return canceled;
  }
  throw new DomainError("conflict", `the ${kind} is changing right now; try again`);
}

/** Works one job to its end (or as far as it gets); undefined when another runner holds it or it is finished. */
export async function runJob(
  deps: PrivacyJobDeps,
  kind: JobKind,
  id: string,
  clock: () => number,
  options: ErasureOptions = {},
): Promise<PrivacyJob | undefined> {
  const found = await deps.privacy.jobs.get(kind, id);
  if (!found || isFinished(found.job.status)) return undefined;
  const now = clock();
  if (found.job.leaseUntil && Date.parse(found.job.leaseUntil) > now) return undefined;
  const leaseMs = deps.privacy.config.leaseMs ?? LEASE_MS;
  let etag = await deps.privacy.jobs.replace(
    { ...found.job, status: "Running", leaseUntil: isoOf(now + leaseMs), lastActionAt: isoOf(now) },
    found.etag,
  );
  if (!etag) return undefined;
  const save = async (job: PrivacyJob) => {
    const next = await deps.privacy.jobs.replace({ ...job, leaseUntil: isoOf(clock() + leaseMs) }, etag!);
    if (next) etag = next;
    return next !== undefined;
  };
  let job: PrivacyJob = { ...found.job, status: "Running" };
  try {
    if (kind === "erasure") job = await runErasure(deps, job, save, clock, options);
    else
      job = {
        ...job,
        status: "Succeeded",
        result: await buildExport(deps, job.subjects, job.requestedBy, isoOf(clock()), seenAtRequest(job)),
      };
  } catch (err) {
    // A meeting being changed right now, or a store down: the progress saved so far stays (read back, not the
    // runner's copy), the lease is given back, and the next run continues from there.
    // A job that keeps failing is Failed after PRIVACY_JOB_MAX_ATTEMPTS runs, with an error naming no value.
    const busy = err instanceof MeetingBusyError;
    const saved = await deps.privacy.jobs.get(kind, id).catch(() => undefined);
    const attempts = (saved?.job.attempts ?? job.attempts ?? 0) + (busy ? 0 : 1);
    const failed = !busy && attempts >= (deps.privacy.config.maxAttempts ?? MAX_ATTEMPTS);
    const error = busy
      ? { code: "meeting_busy", message: err.message }
      : failed
        ? failedError(kind, attempts)
        : { code: "retrying", message: "a store did not answer" };
    const after = { ...(saved?.job ?? job), error, attempts, leaseUntil: null, ...(failed ? { status: "Failed" as const } : {}) };
    if (saved?.etag === etag) await deps.privacy.jobs.replace({ ...after, lastActionAt: isoOf(clock()) }, etag).catch(() => undefined);
    if (!busy && !failed) throw err;
    return after;
  }
  const done = { ...job, leaseUntil: null, error: null, lastActionAt: isoOf(clock()) };
  await deps.privacy.jobs.replace(done, etag);
  return done;
}

const seenAtRequest = (job: PrivacyJob) =>
  (job.result as { customerAdvisors?: ExportedCustomerAdvisor[] } | undefined)?.customerAdvisors ?? [];

/** The timer's work: every unfinished job, then expired exports deleted. */
export async function runPendingJobs(deps: PrivacyJobDeps, clock: () => number, options: ErasureOptions = {}) {
  let ran = 0;
  let failed = 0;
  for (const job of await deps.privacy.jobs.unfinished(50)) {
    try {
      if (await runJob(deps, job.kind, job.id, clock, options)) ran++;
    } catch {
      // Left Running with its lease: the next run resumes it (the store or a key service was down).
      failed++;
    }
  }
  let expired = 0;
  for (const job of await deps.privacy.jobs.expiredExports(isoOf(clock()), 100)) {
    await deps.privacy.jobs.delete("export", job.id);
    expired++;
  }
  return { ran, failed, expired };
}
