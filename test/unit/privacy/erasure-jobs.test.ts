/**
 * The erasure and retention jobs over the in-memory stores: a runner that stops mid-way is resumed by the
 * next, which finishes from the recorded steps; a lease held by a live runner is respected until it lapses;
 * a meeting booked for the person while the job runs is caught; a second erasure changes nothing; retention
 * erases exactly the expired meetings.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../../shared/booking/model/caller.js";
import type { MeetingDoc } from "../../../shared/booking/model/documents.js";
import { meetingCreated } from "../../../shared/booking/model/events.js";
import { bookingDeps } from "../../../shared/booking/write/deps.js";
import type { PrivacyJobDeps, PrivacyStores } from "../../../shared/privacy/ports.js";
import { applyRetention } from "../../../shared/privacy/retention.js";
import { cancelJob, relationAtRequest, runJob, runPendingJobs, startJob } from "../../../shared/privacy/runner.js";
import type { PersonalDataExport } from "../../../shared/privacy/export.js";
import { subjectKeyer } from "../../../shared/privacy/subject-keys.js";
import { memoryStores } from "../../support/memory/stores.js";
import { MemoryPrivacyJobs } from "../../support/memory/privacy-jobs.js";

const DAY = 86_400_000;
const NOW = Date.parse("2031-03-01T12:00:00Z");
const PERSON = { name: "Ingrid Privatsen", email: "ingrid@example.com" };
const keyer = subjectKeyer("unit");

function meeting(over: Partial<MeetingDoc> = {}): MeetingDoc {
  const id = randomUUID();
  return {
    id,
    rev: 1,
    status: "Booked",
    apiVersion: "v2",
    bookedBy: "Employee",
    salesforceId: null,
    customerTypeId: null,
    timeSlotId: null,
    portalId: null,
    cpr: null,
    customFields: [],
    externalAttendees: [{ name: PERSON.name, email: PERSON.email }],
    title: `Pension with ${PERSON.name}`,
    description: null,
    videoLink: null,
    additionalEmployees: [],
    roomId: null,
    startDate: "2031-03-10T09:00:00.000Z",
    endDate: "2031-03-10T10:00:00.000Z",
    type: "Online",
    topicId: null,
    employeeId: "e-1",
    customerId: "cust-ingrid",
    dateCreated: "2031-02-01T09:00:00.000Z",
    dateModified: "2031-02-01T09:00:00.000Z",
    holds: [],
    secretHash: null,
    cancellationReason: null,
    rescheduledFrom: null,
    history: [],
    meetingTypeId: null,
    selectionReason: null,
    confirmation: null,
    ...over,
  };
}

function setup() {
  const memory = memoryStores();
  // The memory meetings keep their documents in a map (MemoryMeetings.docs).
  const stores = Object.assign(memory, {
    meetings: memory.meetings as typeof memory.meetings & { docs: Map<string, { meeting: MeetingDoc; etag: string }> },
  });
  const booking = bookingDeps(stores, { reservationTtlMs: 300_000 });
  const jobs = new MemoryPrivacyJobs();
  const put = (m: MeetingDoc) => {
    stores.meetings.docs.set(m.id, { meeting: m, etag: randomUUID() });
    stores.outbox.events.set(`evt_meeting_${m.id}_1`, meetingCreated(m));
    return m;
  };
  const hooks = { onFind: () => {}, failRewrite: 0 };
  const privacyStores: PrivacyStores = {
    async meetingsOf(subjects) {
      hooks.onFind();
      return [...stores.meetings.docs.values()]
        .map((d) => d.meeting)
        .filter((m) => !m.erasedAt && keyer.keysOf(m).some((k) => subjects.includes(k)))
        .map((m) => m.id);
    },
    async expiredMeetings(endedBefore, cancelledBefore, limit) {
      return [...stores.meetings.docs.values()]
        .map((d) => d.meeting)
        .filter((m) => !m.erasedAt && (m.status === "Cancelled" ? m.dateModified < cancelledBefore : m.endDate < endedBefore))
        .slice(0, limit)
        .map((m) => m.id);
    },
    event: async (id) => stores.outbox.events.get(id),
    async rewriteEvent(event) {
      if (hooks.failRewrite-- > 0) throw new Error("store down");
      stores.outbox.events.set(event.id, event);
    },
    deleteIdempotencyOf: async () => 0,
    deliveriesOf: async () => [],
    hasCalendarEvent: async () => false,
  };
  const deps: PrivacyJobDeps = {
    ...booking,
    privacy: {
      keyer,
      jobs,
      stores: privacyStores,
      config: { retentionDays: 730, retentionDaysCancelled: 90, exportRetentionHours: 72 },
      outbox: stores.outbox,
    },
  };
  const leaks = () =>
    JSON.stringify(stores.snapshot()).includes(PERSON.name) || JSON.stringify([...stores.outbox.events.values()]).includes(PERSON.email);
  return { stores, deps, jobs, put, hooks, leaks };
}

const actor: Actor = { channel: "Backoffice", tenantId: "t", clientId: "c" };

describe("the erasure job", () => {
  it("stops when a store fails mid-way, and the next run resumes from the recorded steps and finishes", async () => {
    const { deps, jobs, put, hooks, leaks, stores } = setup();
    const mine = [put(meeting()), put(meeting({ customFields: [{ key: "phone", value: "12345678" }] }))];
    const other = put(meeting({ externalAttendees: [{ name: "Otto", email: "otto@example.com" }], customerId: "cust-otto", title: null }));
    const job = await startJob(deps.privacy, "erasure", { subject: { email: PERSON.email }, actor, reason: "case 1" }, NOW);
    hooks.failRewrite = 1;
    await expect(runJob(deps, "erasure", job.id, () => NOW)).rejects.toThrow("store down");
    const halfway = (await jobs.get("erasure", job.id))!.job;
    expect(halfway.status).toBe("Running");
    expect(halfway.steps.meetings).toEqual({ done: true, count: 2 });
    expect(halfway.steps.events).toBeUndefined();
    expect(leaks()).toBe(true);

    expect(await runPendingJobs(deps, () => NOW + 1000)).toMatchObject({ ran: 1 });
    const done = (await jobs.get("erasure", job.id))!.job;
    expect(done.status).toBe("Succeeded");
    expect(done.steps.meetings).toEqual({ done: true, count: 2 });
    expect(done.steps.events.count).toBe(2);
    expect(leaks()).toBe(false);
    for (const m of mine) expect(stores.meetings.docs.get(m.id)!.meeting).toMatchObject({ rev: 2, erasedAt: expect.any(String) });
    expect(stores.meetings.docs.get(other.id)!.meeting).toEqual(other);
    // The erasure's own change went through the write protocol: its event and audit line, with no personal data.
    expect(stores.outbox.events.get(`evt_meeting_${mine[0].id}_2`)!.data.externalAttendees).toEqual([]);
    expect(stores.outbox.events.get(`evt_privacy_${job.id}_1`)!.data.meetingIds).toEqual(expect.arrayContaining(mine.map((m) => m.id)));

    // A second erasure of the same person finds nothing left to change.
    const again = await startJob(deps.privacy, "erasure", { subject: { email: PERSON.email }, actor, reason: "case 1" }, NOW);
    const second = (await runJob(deps, "erasure", again.id, () => NOW))!;
    expect(second.status).toBe("Succeeded");
    expect(second.meetingIds.sort()).toEqual(mine.map((m) => m.id).sort());
    expect(second.steps.meetings.count + second.steps.events.count).toBe(0);
  });

  it("a runner holding the lease is left alone until the lease lapses", async () => {
    const { deps, jobs, put } = setup();
    put(meeting());
    const job = await startJob(deps.privacy, "erasure", { subject: { customerId: "cust-ingrid" }, actor, reason: "r" }, NOW);
    const { etag } = (await jobs.get("erasure", job.id))!;
    await jobs.replace({ ...job, status: "Running", leaseUntil: new Date(NOW + 60_000).toISOString() }, etag);
    expect(await runJob(deps, "erasure", job.id, () => NOW + 30_000)).toBeUndefined();
    expect((await runJob(deps, "erasure", job.id, () => NOW + 61_000))!.status).toBe("Succeeded");
  });

  it("a meeting booked for the person while the job runs is erased by it too", async () => {
    const { deps, put, hooks, leaks } = setup();
    put(meeting());
    let late: MeetingDoc | undefined;
    hooks.onFind = () => {
      late ??= put(meeting({ startDate: "2031-04-01T09:00:00.000Z", endDate: "2031-04-01T10:00:00.000Z" }));
    };
    const job = await startJob(deps.privacy, "erasure", { subject: { email: PERSON.email }, actor, reason: "r" }, NOW);
    const done = (await runJob(deps, "erasure", job.id, () => NOW))!;
    expect(done.meetingIds).toContain(late!.id);
    expect(leaks()).toBe(false);
  });
});

describe("the customer-advisor relation (config/customers/{customerId})", () => {
  it("is exported and erased with the person: found through their meetings' customer ids, or by the customer id the request names", async () => {
    const { deps, put } = setup();
    put(meeting());
    await deps.directory.put("customerAdvisor", { id: "cust-ingrid", advisorId: "e-1", excludedAdvisorIds: ["e-9"] });
    await deps.directory.put("customerAdvisor", { id: "cust-no-meetings", advisorId: "e-2", excludedAdvisorIds: [] });
    await deps.directory.put("customerAdvisor", { id: "cust-otto", advisorId: "e-3", excludedAdvisorIds: [] });

    const byEmail = await startJob(deps.privacy, "export", { subject: { email: PERSON.email }, actor }, NOW);
    const exported = (await runJob(deps, "export", byEmail.id, () => NOW))!.result as PersonalDataExport;
    expect(exported.customerAdvisors).toEqual([{ customerId: "cust-ingrid", advisorId: "e-1", excludedAdvisorIds: ["e-9"] }]);
    // A customer id with no meetings: its relation is read when the request comes (the job keeps only the key).
    const subject = { customerId: "cust-no-meetings" };
    const atRequest = await relationAtRequest(deps.directory, "export", subject);
    const byId = await startJob(deps.privacy, "export", { subject, actor, atRequest }, NOW);
    expect(((await runJob(deps, "export", byId.id, () => NOW))!.result as PersonalDataExport).customerAdvisors).toEqual([
      { customerId: "cust-no-meetings", advisorId: "e-2", excludedAdvisorIds: [] },
    ]);

    const erasure = await startJob(deps.privacy, "erasure", { subject: { email: PERSON.email }, actor, reason: "r" }, NOW);
    expect((await runJob(deps, "erasure", erasure.id, () => NOW))!.steps.directory).toEqual({ done: true, count: 1 });
    expect(await deps.directory.get("customerAdvisor", "cust-ingrid")).toBeUndefined();
    const erasedAtRequest = await relationAtRequest(deps.directory, "erasure", subject);
    const second = await startJob(deps.privacy, "erasure", { subject, actor, reason: "r", atRequest: erasedAtRequest }, NOW);
    expect((await runJob(deps, "erasure", second.id, () => NOW))!.steps.directory).toEqual({ done: true, count: 1 });
    expect(await deps.directory.get("customerAdvisor", "cust-no-meetings")).toBeUndefined();
    expect(await deps.directory.get("customerAdvisor", "cust-otto")).toMatchObject({ advisorId: "e-3" });
  });
});

describe("Failed and Canceled (the long-running operation's end states)", () => {
  it("a job that keeps failing is Failed after maxAttempts runs, with an error that names no value; the steps it finished stay recorded", async () => {
    const { deps, jobs, put, hooks } = setup();
    put(meeting());
    deps.privacy.config.maxAttempts = 3;
    const job = await startJob(deps.privacy, "erasure", { subject: { email: PERSON.email }, actor, reason: "r" }, NOW);
    hooks.failRewrite = 100;
    for (let run = 1; run <= 2; run++) {
      await expect(runJob(deps, "erasure", job.id, () => NOW + run)).rejects.toThrow("store down");
      expect((await jobs.get("erasure", job.id))!.job).toMatchObject({ status: "Running", attempts: run, error: { code: "retrying" } });
    }
    const failed = (await runJob(deps, "erasure", job.id, () => NOW + 3))!;
    expect(failed.status).toBe("Failed");
    const stored = (await jobs.get("erasure", job.id))!.job;
    expect(stored).toMatchObject({ status: "Failed", attempts: 3, leaseUntil: null, error: { code: "erasure_failed" } });
    expect(stored.steps.meetings).toEqual({ done: true, count: 1 });
    expect(JSON.stringify(stored.error)).not.toMatch(/ingrid|store down/i);
    // Finished: the timer leaves it alone.
    expect(await jobs.unfinished()).toEqual([]);
    expect(await runJob(deps, "erasure", job.id, () => NOW + 4)).toBeUndefined();
  });

  it("cancel turns NotStarted or Running into Canceled; a runner holding it stops at its next save; a finished job is a 409", async () => {
    const { deps, jobs, put, stores } = setup();
    const m = put(meeting());
    const waiting = await startJob(deps.privacy, "erasure", { subject: { email: PERSON.email }, actor, reason: "r" }, NOW);
    expect((await cancelJob(deps.privacy, "erasure", waiting.id, NOW)).status).toBe("Canceled");
    expect(await runJob(deps, "erasure", waiting.id, () => NOW)).toBeUndefined();
    expect(stores.meetings.docs.get(m.id)!.meeting.erasedAt).toBeUndefined();

    // Running: canceled while its runner works (between two steps); the runner's next save fails and it stops.
    const running = await startJob(deps.privacy, "erasure", { subject: { email: PERSON.email }, actor, reason: "r" }, NOW);
    const original = deps.privacy.stores.deleteIdempotencyOf.bind(deps.privacy.stores);
    deps.privacy.stores.deleteIdempotencyOf = async (ids) => {
      await cancelJob(deps.privacy, "erasure", running.id, NOW);
      return original(ids);
    };
    await runJob(deps, "erasure", running.id, () => NOW);
    const stored = (await jobs.get("erasure", running.id))!.job;
    expect(stored.status).toBe("Canceled");
    expect(stored.steps.idempotency).toBeUndefined();
    expect(stored.steps.meetings).toEqual({ done: true, count: 1 });
    await expect(cancelJob(deps.privacy, "erasure", running.id, NOW)).rejects.toMatchObject({ code: "conflict" });
    await expect(cancelJob(deps.privacy, "export", running.id, NOW)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("retention", () => {
  it("erases exactly the meetings past RETENTION_DAYS after their end and cancelled ones past RETENTION_DAYS_CANCELLED", async () => {
    const { deps, put, stores } = setup();
    const iso = (ms: number) => new Date(ms).toISOString();
    const old = put(meeting({ startDate: iso(NOW - 731 * DAY - 3_600_000), endDate: iso(NOW - 731 * DAY) }));
    const recent = put(meeting({ startDate: iso(NOW - 729 * DAY - 3_600_000), endDate: iso(NOW - 729 * DAY) }));
    const cancelledLongAgo = put(meeting({ status: "Cancelled", dateModified: iso(NOW - 91 * DAY) }));
    const cancelledLately = put(meeting({ status: "Cancelled", dateModified: iso(NOW - 89 * DAY) }));
    const report = await applyRetention(deps, NOW);
    expect(report.meetings).toBe(2);
    const erased = (m: MeetingDoc) => stores.meetings.docs.get(m.id)!.meeting.erasedAt !== undefined;
    expect([old, recent, cancelledLongAgo, cancelledLately].map(erased)).toEqual([true, false, true, false]);
    expect(JSON.stringify(stores.outbox.events.get(`evt_meeting_${old.id}_1`))).not.toContain(PERSON.name);
    expect(JSON.stringify(stores.outbox.events.get(`evt_meeting_${recent.id}_1`))).toContain(PERSON.name);
    expect((await applyRetention(deps, NOW)).meetings).toBe(0);
  });
});
