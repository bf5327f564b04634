/**
 * The privacy endpoints' request and status shapes (POST/GET /privacy/exports, /privacy/erasures). A status
 * follows the Microsoft REST API guidelines' long-running operation: id, status (NotStarted, Running,
 * Succeeded, Failed, Canceled), createdDateTime, lastActionDateTime, error; here also the per-store counts
 * of an erasure and, for a finished export, the document (export.ts).
 */
import { z } from "zod";
import { DomainError } from "../kernel/errors.js";
import { ERASURE_STEPS, JOB_STATUSES, listedJob, type ListedJob, type PrivacyJob } from "./jobs.js";
import type { SubjectRef } from "./subject-keys.js";

const Identifier = {
  customerId: z.string().trim().min(1).max(200).optional().describe("The customer id the meetings carry"),
  email: z.string().trim().email().max(320).optional().describe("An attendee e-mail address (matched case-insensitively)"),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^\+?[\d\s().-]{6,}$/, "a phone number: digits, optionally a leading +")
    .optional()
    .describe("A phone number (8 digits are read as Danish, +45)"),
};

const oneIdentifier = (body: { customerId?: string; email?: string; phone?: string }, ctx: z.RefinementCtx) => {
  const given = (["customerId", "email", "phone"] as const).filter((k) => body[k] !== undefined);
  if (given.length !== 1)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: [given[1] ?? "customerId"],
      message: "give exactly one of customerId, email or phone",
    });
};

export const ExportRequest = z.object(Identifier).strict().superRefine(oneIdentifier);
export const ErasureRequest = z
  .object({
    ...Identifier,
    reason: z.string().trim().min(1).max(500).describe("Why (the request's reference, e.g. a case number); no personal data"),
  })
  .strict()
  .superRefine(oneIdentifier);

export function subjectOf(body: { customerId?: string; email?: string; phone?: string }): SubjectRef {
  if (body.customerId !== undefined) return { customerId: body.customerId };
  if (body.email !== undefined) return { email: body.email };
  return { phone: body.phone! };
}

export const JobParams = z.object({ id: z.string().uuid() });

const StoreCount = z.object({ done: z.boolean(), count: z.number().int() });

export const PrivacyOperation = z.object({
  id: z.string(),
  kind: z.enum(["export", "erasure"]),
  status: z.enum(JOB_STATUSES),
  identifiedBy: z.enum(["customerId", "email", "phone"]),
  createdDateTime: z.string(),
  lastActionDateTime: z.string(),
  requestedBy: z
    .object({
      channel: z.string(),
      tenantId: z.string(),
      clientId: z.string().describe("The client application (azp/appid)"),
      userId: z.string().optional().describe("The signed-in user's object id (oid); absent for app-only callers"),
    })
    .describe("Who asked: ids only (as the meeting history shows them)"),
  /** Erasures: per store, whether it is done and how many records it changed. */
  stores: z.record(z.enum(ERASURE_STEPS), StoreCount).optional(),
  meetings: z.number().int().describe("Meetings found for the person"),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  expiresDateTime: z.string().nullable().describe("Exports: when the export is deleted"),
  result: z
    .unknown()
    .optional()
    .describe("Exports, once Succeeded: the document (schema bookme.personal-data-export/1, docs/personal-data.md)"),
});
export type PrivacyOperation = z.output<typeof PrivacyOperation>;

export function operationView(job: PrivacyJob): PrivacyOperation {
  return {
    ...listedView(listedJob(job)),
    ...(job.status === "Succeeded" && job.result !== undefined ? { result: job.result } : {}),
  };
}

/** The status as a list shows it: the same view less an export's document (GET by id gives it). */
export function listedView(job: ListedJob): PrivacyOperation {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    identifiedBy: job.requestedBy,
    createdDateTime: job.createdAt,
    lastActionDateTime: job.lastActionAt,
    requestedBy: job.actor,
    ...(job.kind === "erasure" ? { stores: job.steps } : {}),
    meetings: job.meetings,
    error: job.error,
    expiresDateTime: job.expiresAt,
  };
}

/** Personal data requests are the back office's: a caller on another channel gets 403. */
export function mustBeBackoffice(channel: string | undefined) {
  if (channel !== "Backoffice")
    throw new DomainError("channel_not_allowed", "personal data exports and erasures are for Backoffice clients only");
}

export const PRIVACY_UNAVAILABLE = () => new DomainError("service_unavailable", "personal data requests are not configured here");
