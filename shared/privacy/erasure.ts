/**
 * An erasure (GDPR Art. 17) as a resumable state machine over the job document: each step works
 * through one kind of store for the person's meetings, is idempotent, and is recorded done with its
 * count before the next starts, so a runner killed mid-way is followed by one that skips what is done
 * and repeats the step it was in (harmlessly). At the end the subject index is searched again: a
 * meeting booked for the person while the job ran is erased in another round.
 */
import { isoOf } from "../kernel/instants.js";
import { eventId } from "../booking/model/events.js";
import { cprContext } from "../booking/model/personal-data.js";
import type { OutboxEvent } from "../booking/model/event-schema.js";
import { eraseMeeting, MeetingBusyError } from "./erase-meeting.js";
import { ERASED_CUSTOMER_ID, redactedEventData } from "./redaction.js";
import { CustomerId } from "../directory/customer-advisors.js";
import { ERASURE_STEPS, type ErasureStep, type PrivacyJob } from "./jobs.js";
import type { PrivacyJobDeps } from "./ports.js";

/** Saves progress (If-Match); false when the job was taken over, and this runner stops. */
export type SaveProgress = (job: PrivacyJob) => Promise<boolean>;

/** Test-only: stores an erasure skips (PRIVACY_TEST_SKIP_STEP never exists in production settings: see erasure tests). */
export interface ErasureOptions {
  skip?: readonly ErasureStep[];
}

const MEETING_INTENTS = (id: string, rev: number) => [`book:${id}`, `move:${id}:${rev + 1}`, `cancel:${id}:${rev + 1}`];

type Step = (deps: PrivacyJobDeps, job: PrivacyJob, now: number) => Promise<number>;

const steps: Record<ErasureStep, Step> = {
  async directory(deps, job) {
    let count = 0;
    for (const customerId of await customerIdsOf(deps, job.meetingIds))
      if (await deps.directory.delete("customerAdvisor", customerId)) count++;
    return count;
  },

  async meetings(deps, job, now) {
    let count = 0;
    for (const id of job.meetingIds) if (await eraseMeeting(deps, id, now)) count++;
    return count;
  },

  /** Crypto-shredding: the CPR's shred key destroyed, so no copy of the sealed value (a backup, a snapshot) opens. */
  async cpr(deps, job) {
    const keys = deps.privacy.shredKeys;
    if (!keys) return 0;
    let count = 0;
    for (const id of job.meetingIds) if (await keys.delete(cprContext(id))) count++;
    return count;
  },

  /** Operations in flight on the meetings must settle first (their events are written when they finish). */
  async intents(deps, job) {
    for (const id of job.meetingIds) {
      const found = await deps.meetings.get(id);
      if (!found) continue;
      for (const intentId of MEETING_INTENTS(id, found.meeting.rev)) if (await deps.intents.get(intentId)) throw new MeetingBusyError(id);
    }
    return 0;
  },

  /** The event log and outbox keep every earlier event of the meeting: their data is redacted in place. */
  async events(deps, job) {
    let count = 0;
    for (const id of job.meetingIds) {
      const found = await deps.meetings.get(id);
      if (!found) continue;
      for (let seq = 1; seq <= found.meeting.rev; seq++) {
        const event = await deps.privacy.stores.event(eventId(`meeting:${id}`, seq));
        if (!event) continue;
        const data = redactedEventData(event.data);
        if (data === event.data) continue;
        await deps.privacy.stores.rewriteEvent({ ...event, data });
        count++;
      }
    }
    return count;
  },

  async idempotency(deps, job) {
    return deps.privacy.stores.deleteIdempotencyOf(job.meetingIds);
  },

  async messages(deps, job) {
    const remove = deps.privacy.stores.deleteRemindersOf?.bind(deps.privacy.stores);
    if (!remove) return 0;
    let count = 0;
    for (const id of job.meetingIds) count += await remove(id);
    return count;
  },

  /** Waitlist entries of the person (by subject key): deleted, so no offer reaches them again. */
  async waitlist(deps, job) {
    return (await deps.privacy.stores.deleteWaitlistOf?.(job.subjects)) ?? 0;
  },

  /** The advisors' Outlook events: rewritten from the erased meeting through the calendar-writes queue (a busy block remains). */
  async calendar(deps, job) {
    const write = deps.privacy.calendarWrite;
    if (!write) return 0;
    let count = 0;
    for (const id of job.meetingIds)
      if (await deps.privacy.stores.hasCalendarEvent(id)) {
        await write(id);
        count++;
      }
    return count;
  },

  /** Earlier exports of the person are personal data too. */
  async exports(deps, job) {
    const exports = await deps.privacy.jobs.jobsOf("export", job.subjects);
    for (const e of exports) await deps.privacy.jobs.delete("export", e.id);
    return exports.length;
  },

  /** Who asked and when, without personal data (the meetings' own lines come with their erasure changes). */
  async audit(deps, job, now) {
    await deps.audit.append({
      id: `audit_privacy_${job.id}`,
      meetingId: `privacy:${job.id}`,
      seq: 1,
      action: "privacy.erased",
      at: isoOf(now),
      actor: job.actor,
    });
    return 1;
  },

  /** privacy.erased on the webhooks: the subject keys and meeting ids, so integrators erase their copies. */
  async notify(deps, job, now) {
    await deps.privacy.outbox.add(erasedEvent(job, now));
    return 1;
  },
};

/** The customer ids the meetings carry (not yet erased) that can name a directory record (config/customers/{customerId}). */
export async function customerIdsOf(deps: PrivacyJobDeps, meetingIds: readonly string[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const id of meetingIds) {
    const customerId = (await deps.meetings.get(id))?.meeting.customerId;
    if (customerId && customerId !== ERASED_CUSTOMER_ID && CustomerId.safeParse(customerId).success) ids.add(customerId);
  }
  return [...ids];
}

export function erasedEvent(job: PrivacyJob, now: number): OutboxEvent {
  const aggregate = `privacy:${job.id}`;
  return {
    id: eventId(aggregate, 1),
    type: "privacy.erased",
    timestamp: isoOf(now),
    aggregate,
    seq: 1,
    data: { erasureId: job.id, subjects: job.subjects, meetingIds: job.meetingIds },
    actor: job.actor,
  };
}

/**
 * The person's meetings: by the subject index, and those of earlier erasures of the same subject (an erased
 * meeting leaves the index, so a second erasure still goes over every copy the first one touched).
 */
async function meetingsOf(deps: PrivacyJobDeps, job: PrivacyJob): Promise<string[]> {
  const earlier = (await deps.privacy.jobs.jobsOf("erasure", job.subjects)).filter((j) => j.id !== job.id).flatMap((j) => j.meetingIds);
  return [...new Set([...(await deps.privacy.stores.meetingsOf(job.subjects)), ...earlier])];
}

/** Runs the remaining steps; the job comes back Succeeded, or as far as it got (the error says why). */
export async function runErasure(
  deps: PrivacyJobDeps,
  start: PrivacyJob,
  save: SaveProgress,
  now: () => number,
  options: ErasureOptions = {},
): Promise<PrivacyJob> {
  let job = start;
  for (let round = 0; round < 3; round++) {
    if (!job.steps.meetings?.done) {
      // Recorded before any is erased: an erased meeting leaves the index, and a resumed job must still know it.
      const found = [...new Set([...job.meetingIds, ...(await meetingsOf(deps, job))])];
      if (found.length !== job.meetingIds.length) {
        job = { ...job, meetingIds: found };
        if (!(await save(job))) return job;
      }
    }
    for (const step of ERASURE_STEPS) {
      if (job.steps[step]?.done) continue;
      const count = options.skip?.includes(step) ? 0 : await steps[step](deps, job, now());
      job = {
        ...job,
        lastActionAt: isoOf(now()),
        steps: { ...job.steps, [step]: { done: true, count: (job.steps[step]?.count ?? 0) + count } },
      };
      if (!(await save(job))) return job;
    }
    // Booked for the person while the job ran: another round over the new meetings (their counts add up).
    const late = (await meetingsOf(deps, job)).filter((id) => !job.meetingIds.includes(id));
    if (late.length === 0) return { ...job, status: "Succeeded" };
    const again = Object.fromEntries(Object.entries(job.steps).map(([k, v]) => [k, { ...v, done: k === "audit" || k === "notify" }]));
    job = { ...job, meetingIds: [...job.meetingIds, ...late], steps: again };
    if (!(await save(job))) return job;
  }
  return { ...job, status: "Succeeded" };
}
