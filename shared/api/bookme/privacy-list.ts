/**
 * GET /privacy/exports and /privacy/erasures: the back office's past requests of one kind, newest first, a
 * page at a time (limit + continuationToken, as the webhook deliveries), optionally of one status. Each
 * item is the status GET by id gives, less an export's document (that stays behind GET by id).
 */
import { z } from "zod";
import type { HandlerDeps } from "../edge/handler-deps.js";
import type { Reply, RequestContext } from "../edge/endpoint.js";
import { caseInsensitiveEnum } from "../../kernel/fields.js";
import { isoOf } from "../../kernel/instants.js";
import { JOB_STATUSES, type JobKind } from "../../privacy/jobs.js";
import { listedView, mustBeBackoffice, PRIVACY_UNAVAILABLE, PrivacyOperation } from "../../privacy/requests.js";

export const DEFAULT_PRIVACY_PAGE = 25;
export const MAX_PRIVACY_PAGE = 100;

export const PrivacyListQuery = z.object({
  status: caseInsensitiveEnum(JOB_STATUSES)
    .optional()
    .describe("Only requests in this status (NotStarted, Running, Succeeded, Failed, Canceled)"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PRIVACY_PAGE)
    .default(DEFAULT_PRIVACY_PAGE)
    .describe(`Page size: default ${DEFAULT_PRIVACY_PAGE}, at most ${MAX_PRIVACY_PAGE}`),
  continuationToken: z.string().max(4000).optional().describe("The continuationToken of the previous page"),
});

export const PrivacyOperationsPage = z.object({
  items: z.array(PrivacyOperation.omit({ result: true })).describe("Newest first; an export's document is not listed (GET by id gives it)"),
  continuationToken: z.string().nullable().describe("Send it back for the next page; null on the last page"),
});

export async function listPrivacyOperations(
  kind: JobKind,
  query: z.output<typeof PrivacyListQuery>,
  ctx: RequestContext,
  deps: Pick<HandlerDeps, "privacy">,
): Promise<Reply> {
  mustBeBackoffice(ctx.caller?.channel);
  if (!deps.privacy) throw PRIVACY_UNAVAILABLE();
  const page = await deps.privacy.jobs.list(kind, { status: query.status, nowIso: isoOf(ctx.now) }, query.limit, query.continuationToken);
  return { status: 200, body: { items: page.items.map(listedView), continuationToken: page.continuationToken ?? null } };
}
