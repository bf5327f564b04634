import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { jobStatus } from "../../shared/privacy/runner.js";
import { isFinished } from "../../shared/privacy/jobs.js";
import { JobParams, mustBeBackoffice, operationView, PRIVACY_UNAVAILABLE, PrivacyOperation } from "../../shared/privacy/requests.js";

export const privacyExportsGet = registerEndpoint({
  name: "privacy-exports-get",
  method: "GET",
  route: "privacy/exports/{id}",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "An export's status; once Succeeded, the document of everything held about the person (back office only)",
  tags: ["Privacy"],
  params: JobParams,
  responses: {
    200: { description: "The status (and, when Succeeded, `result`)", schema: PrivacyOperation },
    403: { description: "channel_not_allowed: only Backoffice clients" },
    404: { description: "No such export, or it expired" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    mustBeBackoffice(ctx.caller?.channel);
    if (!deps.privacy) throw PRIVACY_UNAVAILABLE();
    const job = await jobStatus(deps.privacy, "export", params.id, ctx.now);
    return { status: 200, body: operationView(job), headers: isFinished(job.status) ? {} : { "retry-after": "5" } };
  },
});
