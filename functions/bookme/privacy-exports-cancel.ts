import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { cancelJob } from "../../shared/privacy/runner.js";
import { JobParams, mustBeBackoffice, operationView, PRIVACY_UNAVAILABLE, PrivacyOperation } from "../../shared/privacy/requests.js";

/** The long-running operation's cancel action (Microsoft REST API guidelines): NotStarted or Running becomes Canceled. */
export const privacyExportsCancel = registerEndpoint({
  name: "privacy-exports-cancel",
  method: "POST",
  route: "privacy/exports/{id}/cancel",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "Cancel an export that has not finished (back office only)",
  tags: ["Privacy"],
  params: JobParams,
  responses: {
    200: { description: "Canceled: the status with status Canceled", schema: PrivacyOperation },
    403: { description: "channel_not_allowed: only Backoffice clients" },
    404: { description: "No such export" },
    409: { description: "conflict: the export has already finished (Succeeded, Failed or Canceled)" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    mustBeBackoffice(ctx.caller?.channel);
    if (!deps.privacy) throw PRIVACY_UNAVAILABLE();
    const job = await cancelJob(deps.privacy, "export", params.id, ctx.now);
    ctx.log.info("privacy export canceled", { exportId: job.id });
    return { status: 200, body: operationView(job) };
  },
});
