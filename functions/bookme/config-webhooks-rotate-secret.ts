import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { rotateSecret, subscriptionView } from "../../shared/events/subscriptions.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { WebhookWithSecret } from "../../shared/api/bookme/schemas/webhooks.js";

export const configWebhooksRotateSecret = registerEndpoint({
  name: "config-webhooks-rotate-secret",
  method: "POST",
  route: "config/webhooks/{id}/rotate-secret",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "A new signing secret (in this answer only); the previous one keeps signing until previousSecretExpiresAt",
  tags: ["Webhooks"],
  params: IdParams,
  responses: {
    200: { description: "Rotated; deliveries carry both signatures during the grace period", schema: WebhookWithSecret },
    404: { description: "No such subscription" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    const { subscriptions } = deps.events;
    const { sub, secret } = await rotateSecret(subscriptions, params.id, ctx.now, deps.settings.events.secretGraceSeconds);
    ctx.log.info("webhook secret rotated", { subscriptionId: sub.id });
    return { status: 200, body: { ...subscriptionView(sub), secret } };
  },
});
