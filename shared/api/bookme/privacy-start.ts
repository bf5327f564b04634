/**
 * POST /privacy/exports and /privacy/erasures: back office only; a customer-advisor relation under a
 * named customer id is read (export) or deleted (erasure) now, since the job keeps only the subject
 * key; then the job starts and the reply is 202 with its Operation-Location.
 */
import type { HandlerDeps } from "../edge/handler-deps.js";
import type { Reply, RequestContext } from "../edge/endpoint.js";
import type { JobKind } from "../../privacy/jobs.js";
import { mustBeBackoffice, operationView, PRIVACY_UNAVAILABLE, subjectOf } from "../../privacy/requests.js";
import { relationAtRequest, startJob } from "../../privacy/runner.js";

export async function startPrivacyOperation(
  kind: JobKind,
  body: { customerId?: string; email?: string; phone?: string; reason?: string },
  ctx: RequestContext,
  deps: Pick<HandlerDeps, "privacy" | "directory">,
): Promise<Reply> {
  mustBeBackoffice(ctx.caller?.channel);
  if (!deps.privacy) throw PRIVACY_UNAVAILABLE();
  const subject = subjectOf(body);
  const atRequest = await relationAtRequest(deps.directory, kind, subject);
  const job = await startJob(deps.privacy, kind, { subject, reason: body.reason, actor: ctx.actor, atRequest }, ctx.now);
  ctx.log.info(`privacy ${kind} started`, { [`${kind}Id`]: job.id, identifiedBy: job.requestedBy });
  const location = `/api/v2/bookme/privacy/${kind}s/${job.id}`;
  return { status: 202, body: operationView(job), headers: { "operation-location": location, "retry-after": "5" } };
}
