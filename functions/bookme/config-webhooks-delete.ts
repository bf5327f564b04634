import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { NotFoundError } from "../../shared/kernel/errors.js";
import { IdParams } from "../../shared/kernel/fields.js";

export const configWebhooksDelete = registerEndpoint({
  name: "config-webhooks-delete",
  method: "DELETE",
  route: "config/webhooks/{id}",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Unsubscribe: deliveries still queued for it are dropped",
  tags: ["Webhooks"],
  params: IdParams,
  responses: { 204: { description: "Deleted" }, 404: { description: "No such subscription" } },
  async handle({ params }, _ctx, deps): Promise<Reply> {
    const { subscriptions } = deps.events;
    if (!(await subscriptions.delete(params.id))) throw new NotFoundError("webhook subscription", params.id);
    return { status: 204 };
  },
});
