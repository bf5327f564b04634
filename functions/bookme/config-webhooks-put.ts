import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { subscriptionView, updateSubscription } from "../../shared/events/subscriptions.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { WebhookUpdate, WebhookView } from "../../shared/api/bookme/schemas/webhooks.js";

export const configWebhooksPut = registerEndpoint({
  name: "config-webhooks-put",
  method: "PUT",
  route: "config/webhooks/{id}",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Replace a subscription's URL, event types, description, personal-data flag and status (active re-enables it)",
  tags: ["Webhooks"],
  params: IdParams,
  body: WebhookUpdate,
  responses: {
    200: { description: "Replaced", schema: WebhookView },
    400: { description: "A field is missing or malformed" },
    404: { description: "No such subscription" },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const { subscriptions } = deps.events;
    const sub = await updateSubscription(subscriptions, params.id, body, ctx.now, deps.settings.events.allowHttpLocalhost);
    return { status: 200, body: subscriptionView(sub) };
  },
});
