import { z } from "zod";
import { registerEndpoint, type Reply } from "../shared/http/endpoint.js";
import { subscriptionView } from "../shared/events/subscriptions.js";
import { WebhookView } from "../shared/schemas/webhooks.js";
import { eventsDeps } from "../shared/store/events-store.js";

export const configWebhooksList = registerEndpoint({
  name: "config-webhooks-list",
  method: "GET",
  route: "config/webhooks",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "List webhook subscriptions (without secrets)",
  tags: ["Webhooks"],
  responses: { 200: { description: "The subscriptions", schema: z.array(WebhookView) } },
  async handle(): Promise<Reply> {
    const { subscriptions } = await eventsDeps();
    return { status: 200, body: (await subscriptions.list()).map(subscriptionView) };
  },
});
