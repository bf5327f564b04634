import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { NotificationView, notificationView } from "../../shared/api/bookme/schemas/notifications.js";
import { getBookedMeeting } from "../../shared/booking/queries/meeting-lookup.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { z } from "zod";

export const meetingsNotifications = registerEndpoint({
  name: "meetings-notifications",
  method: "GET",
  route: "meetings/{id}/notifications",
  versions: ["v2"],
  permission: "BookMe.Read",
  summary:
    "The customer messages about the meeting (e-mail and SMS), oldest first: channel, kind, status, attempts and times; no bodies, no addresses",
  tags: ["Meetings"],
  params: IdParams,
  responses: {
    200: { description: "One entry per message (an empty list when customer messages are off)", schema: z.array(NotificationView) },
    404: { description: "No such meeting, or not the caller's" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    // The same ownership rules as GET /meetings/{id} (the back office sees every meeting, others their own).
    await getBookedMeeting(deps, params.id, ctx.caller);
    const records = deps.messages ? await deps.messages.store.deliveries(params.id) : [];
    records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.operationId.localeCompare(b.operationId));
    return { status: 200, body: records.map(notificationView) };
  },
});
