import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { startPrivacyOperation } from "../../shared/api/bookme/privacy-start.js";
import { ExportRequest, PrivacyOperation } from "../../shared/privacy/requests.js";

export const privacyExportsCreate = registerEndpoint({
  name: "privacy-exports-create",
  method: "POST",
  route: "privacy/exports",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary:
    "Start an export of everything held about a person (GDPR Art. 15; back office only): a long-running operation, poll Operation-Location",
  tags: ["Privacy"],
  body: ExportRequest,
  responses: {
    202: {
      description: "Started; the status resource is at Operation-Location (the export is kept EXPORT_RETENTION_HOURS)",
      schema: PrivacyOperation,
      headers: { "Operation-Location": "URL of the export's status resource", "Retry-After": "Seconds to wait before polling" },
    },
    400: { description: "Not exactly one of customerId, email, phone, or a malformed one" },
    403: { description: "channel_not_allowed: only Backoffice clients" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    return startPrivacyOperation("export", body, ctx, deps);
  },
});
