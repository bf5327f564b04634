import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { getSubscription } from "../../shared/events/subscriptions.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { DeliveriesPage, DeliveriesQuery } from "../../shared/api/bookme/schemas/webhooks.js";

export const configWebhooksDeliveries = registerEndpoint({
  name: "config-webhooks-deliveries",
  method: "GET",
  route: "config/webhooks/{id}/deliveries",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "The delivery log of a subscription, newest first: each try with its status code (or error) and latency",
  tags: ["Webhooks"],
  params: IdParams,
  query: DeliveriesQuery,
  responses: { 200: { description: "One page of tries", schema: DeliveriesPage }, 404: { description: "No such subscription" } },
  async handle({ params, query }, _ctx, deps): Promise<Reply> {
    const sub = await getSubscription(deps.events.subscriptions, params.id);
    const page = await deps.events.deliveries.attempts(sub.id, query.limit, query.continuationToken);
    const items = page.items.map(({ eventId, eventType, attempt, replay, at, statusCode, error, latencyMs, outcome }) => ({
      eventId,
      eventType,
      attempt,
      replay,
      at,
      statusCode,
      error,
      latencyMs,
      outcome,
    }));
    return { status: 200, body: { items, continuationToken: page.continuationToken ?? null } };
  },
});
