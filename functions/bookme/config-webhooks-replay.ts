import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { replay } from "../../shared/events/replay.js";
import { getSubscription } from "../../shared/events/subscriptions.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { ReplayBody, ReplayReply } from "../../shared/api/bookme/schemas/webhooks.js";

export const configWebhooksReplay = registerEndpoint({
  name: "config-webhooks-replay",
  method: "POST",
  route: "config/webhooks/{id}/replay",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Deliver one event ({eventId}) or every event of a time range ({from, to}) again, with the same webhook-id",
  tags: ["Webhooks"],
  params: IdParams,
  body: ReplayBody,
  responses: {
    202: { description: "Queued", schema: ReplayReply },
    400: { description: "Neither or both of eventId and from/to" },
    404: { description: "No such subscription or event" },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const sub = await getSubscription(deps.events.subscriptions, params.id);
    const request =
      body.eventId !== undefined
        ? { eventId: body.eventId }
        : { from: new Date(body.from!).toISOString(), to: new Date(body.to!).toISOString() };
    const result = await replay(deps.events, sub, request);
    ctx.log.info("webhook replay queued", { subscriptionId: sub.id, queued: result.queued });
    return { status: 202, body: result };
  },
});
