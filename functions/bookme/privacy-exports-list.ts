import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { listPrivacyOperations, PrivacyListQuery, PrivacyOperationsPage } from "../../shared/api/bookme/privacy-list.js";

export const privacyExportsList = registerEndpoint({
  name: "privacy-exports-list",
  method: "GET",
  route: "privacy/exports",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary: "Past exports, newest first, a page at a time, optionally of one status (back office only)",
  tags: ["Privacy"],
  query: PrivacyListQuery,
  responses: {
    200: { description: "One page of export statuses (no export document: GET by id gives it)", schema: PrivacyOperationsPage },
    400: { description: "A malformed status, limit or continuationToken" },
    403: { description: "channel_not_allowed: only Backoffice clients" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    return listPrivacyOperations("export", query, ctx, deps);
  },
});
