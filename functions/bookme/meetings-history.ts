import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import { getBookedMeeting } from "../../shared/booking/queries/meeting-lookup.js";
import { DomainError } from "../../shared/kernel/errors.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { AuditEntryView, auditEntryView } from "../../shared/api/bookme/schemas/audit.js";
import { IdParams } from "../../shared/kernel/fields.js";

const HISTORY_HEADER = "x-continuation-token";
const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  continuationToken: z.string().max(4000).optional().describe("The x-continuation-token of the previous page"),
});

export const meetingsHistory = registerEndpoint({
  name: "meetings-history",
  method: "GET",
  route: "meetings/{id}/history",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "The meeting's audit trail, oldest first: who (tenant, client, user or app, channel) changed it how and when (back office only)",
  tags: ["Meetings"],
  params: IdParams,
  query: HistoryQuery,
  responses: {
    200: { description: "The entries; more behind x-continuation-token", schema: z.array(AuditEntryView) },
    403: { description: "channel_not_allowed: only Backoffice clients read the audit trail" },
    404: { description: "No such meeting" },
  },
  async handle({ params, query }, ctx, deps): Promise<Reply> {
    if (ctx.caller?.channel !== "Backoffice")
      throw new DomainError("channel_not_allowed", "the audit trail is for Backoffice clients only");
    await getBookedMeeting(deps, params.id, ctx.caller);
    const page = await deps.audit.forMeeting(params.id, query.limit, query.continuationToken);
    const headers: Record<string, string> = page.continuationToken ? { [HISTORY_HEADER]: page.continuationToken } : {};
    return { status: 200, body: page.items.map(auditEntryView), headers };
  },
});
