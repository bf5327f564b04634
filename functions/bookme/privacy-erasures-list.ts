import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { listPrivacyOperations, PrivacyListQuery, PrivacyOperationsPage } from "../../shared/api/bookme/privacy-list.js";

export const privacyErasuresList = registerEndpoint({
  name: "privacy-erasures-list",
  method: "GET",
  route: "privacy/erasures",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "Past erasures, newest first, a page at a time, optionally of one status (back office only)",
  tags: ["Privacy"],
  query: PrivacyListQuery,
  responses: {
    200: { description: "One page of erasure statuses, each with its per-store counts", schema: PrivacyOperationsPage },
    400: { description: "A malformed status, limit or continuationToken" },
    403: { description: "channel_not_allowed: only Backoffice clients" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    return listPrivacyOperations("erasure", query, ctx, deps);
  },
});
