import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { startPrivacyOperation } from "../../shared/api/bookme/privacy-start.js";
import { ErasureRequest, PrivacyOperation } from "../../shared/privacy/requests.js";

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
    return startPrivacyOperation("erasure", body, ctx, deps);
  },
});
