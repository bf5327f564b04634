import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { relationAtRequest, startJob } from "../../shared/privacy/runner.js";
import {
  ErasureRequest,
  mustBeBackoffice,
  operationView,
  PRIVACY_UNAVAILABLE,
  PrivacyOperation,
  subjectOf,
} from "../../shared/privacy/requests.js";

export const privacyErasuresCreate = registerEndpoint({
  name: "privacy-erasures-create",
  method: "POST",
  route: "privacy/erasures",
  versions: ["v2"],
  permission: "BookMe.Write",
  summary:
    "Start the erasure of a person's data in every store (GDPR Art. 17; back office only): a long-running operation, poll Operation-Location",
  tags: ["Privacy"],
  body: ErasureRequest,
  responses: {
    202: {
      description: "Started; the status resource is at Operation-Location (per-store counts as it goes)",
      schema: PrivacyOperation,
      headers: { "Operation-Location": "URL of the erasure's status resource", "Retry-After": "Seconds to wait before polling" },
    },
    400: { description: "Not exactly one of customerId, email, phone, a malformed one, or no reason" },
    403: { description: "channel_not_allowed: only Backoffice clients" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    mustBeBackoffice(ctx.caller?.channel);
    if (!deps.privacy) throw PRIVACY_UNAVAILABLE();
    const subject = subjectOf(body);
    // The customer-advisor relation under a named customer id goes now (the job keeps only the subject key).
    const atRequest = await relationAtRequest(deps.directory, "erasure", subject);
    const job = await startJob(deps.privacy, "erasure", { subject, reason: body.reason, actor: ctx.actor, atRequest }, ctx.now);
    ctx.log.info("privacy erasure started", { erasureId: job.id, identifiedBy: job.requestedBy });
    const location = `/api/v2/bookme/privacy/erasures/${job.id}`;
    return { status: 202, body: operationView(job), headers: { "operation-location": location, "retry-after": "5" } };
  },
});
