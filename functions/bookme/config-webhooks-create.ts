import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { createSubscription, subscriptionView } from "../../shared/events/subscriptions.js";
import { WebhookCreate, WebhookWithSecret } from "../../shared/api/bookme/schemas/webhooks.js";

export const configWebhooksCreate = registerEndpoint({
  name: "config-webhooks-create",
  method: "POST",
  route: "config/webhooks",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Subscribe a URL to events (Standard Webhooks); the signing secret is in this answer only",
  tags: ["Webhooks"],
  body: WebhookCreate,
  responses: {
    201: {
      description: "Subscribed; keep `secret` (whsec_...), it is not shown again",
      schema: WebhookWithSecret,
      headers: { Location: "URL of the subscription" },
    },
    400: { description: "A field is missing or malformed, or the URL is not https" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const { subscriptions } = deps.events;
    const { sub, secret } = await createSubscription(subscriptions, body, ctx.now, deps.settings.events.allowHttpLocalhost);
    ctx.log.info("webhook subscribed", { subscriptionId: sub.id, eventTypes: sub.eventTypes.join(",") });
    return { status: 201, body: { ...subscriptionView(sub), secret }, headers: { location: `/api/v2/bookme/config/webhooks/${sub.id}` } };
  },
});
