import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { getSubscription, subscriptionView } from "../../shared/events/subscriptions.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { WebhookView } from "../../shared/api/bookme/schemas/webhooks.js";

export const configWebhooksGet = registerEndpoint({
  name: "config-webhooks-get",
  method: "GET",
  route: "config/webhooks/{id}",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "A webhook subscription (without its secret)",
  tags: ["Webhooks"],
  params: IdParams,
  responses: { 200: { description: "The subscription", schema: WebhookView }, 404: { description: "No such subscription" } },
  async handle({ params }, _ctx, deps): Promise<Reply> {
    const { subscriptions } = deps.events;
    return { status: 200, body: subscriptionView(await getSubscription(subscriptions, params.id)) };
  },
});
