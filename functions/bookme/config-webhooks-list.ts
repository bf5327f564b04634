import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { subscriptionView } from "../../shared/events/subscriptions.js";
import { WebhookView } from "../../shared/api/bookme/schemas/webhooks.js";

export const configWebhooksList = registerEndpoint({
  name: "config-webhooks-list",
  method: "GET",
  route: "config/webhooks",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "List webhook subscriptions (without secrets)",
  tags: ["Webhooks"],
  responses: { 200: { description: "The subscriptions", schema: z.array(WebhookView) } },
  async handle(_input, _ctx, deps): Promise<Reply> {
    const { subscriptions } = deps.events;
    return { status: 200, body: (await subscriptions.list()).map(subscriptionView) };
  },
});
