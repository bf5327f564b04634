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
import { buildExport } from "./export.js";
import { runErasure, type ErasureOptions } from "./erasure.js";
import { MeetingBusyError } from "./erase-meeting.js";
import { isFinished, type JobKind, type PrivacyJob } from "./jobs.js";
import type { PrivacyDeps, PrivacyJobDeps } from "./ports.js";
import type { SubjectRef } from "./subject-keys.js";

/** How long a runner holds a job before another may take it over. */
export const LEASE_MS = 60_000;

export interface PrivacyRequest {
  subject: SubjectRef;
  reason?: string | null;
  actor: Actor;
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
    steps: {},
    leaseUntil: null,
    error: null,
    expiresAt: kind === "export" ? isoOf(now + privacy.config.exportRetentionHours * 3_600_000) : null,
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
  let etag = await deps.privacy.jobs.replace(
    { ...found.job, status: "Running", leaseUntil: isoOf(now + LEASE_MS), lastActionAt: isoOf(now) },
    found.etag,
  );
  if (!etag) return undefined;
  const save = async (job: PrivacyJob) => {
    const next = await deps.privacy.jobs.replace({ ...job, leaseUntil: isoOf(clock() + LEASE_MS) }, etag!);
    if (next) etag = next;
    return next !== undefined;
  };
  let job: PrivacyJob = { ...found.job, status: "Running" };
  try {
    if (kind === "erasure") job = await runErasure(deps, job, save, clock, options);
    else job = { ...job, status: "Succeeded", result: await buildExport(deps, job.subjects, job.requestedBy, isoOf(clock())) };
  } catch (err) {
    // A meeting being changed right now, or a store down: the progress saved so far stays (read back, not the
    // runner's copy), the lease is given back, and the next run continues from there.
    const busy = err instanceof MeetingBusyError;
    const error = busy ? { code: "meeting_busy", message: err.message } : { code: "retrying", message: "a store did not answer" };
    const saved = await deps.privacy.jobs.get(kind, id).catch(() => undefined);
    if (saved?.etag === etag) await deps.privacy.jobs.replace({ ...saved.job, error, leaseUntil: null }, etag).catch(() => undefined);
    if (!busy) throw err;
    return { ...(saved?.job ?? job), error };
  }
  const done = { ...job, leaseUntil: null, error: null, lastActionAt: isoOf(clock()) };
  await deps.privacy.jobs.replace(done, etag);
  return done;
}

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
