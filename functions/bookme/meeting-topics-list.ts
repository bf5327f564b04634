import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { Id, queryBoolean } from "../../shared/kernel/fields.js";
import { TopicView, topicView } from "../../shared/directory/directory.js";

export const meetingTopicsList = registerEndpoint({
  name: "meeting-topics-list",
  method: "GET",
  route: "meeting-topics",
  versions: ["v2", "v1"],
  permission: "BookMe.Read",
  summary: "Meeting topics; customers see only customer-visible topics",
  tags: ["Topics"],
  query: z.object({ customerTypeId: Id.optional(), isCustomer: queryBoolean }),
  responses: { 200: { description: "Topics sorted by id", schema: z.array(TopicView) } },
  async handle({ query }, _ctx, deps): Promise<Reply> {
    const topics = await deps.directory.list("topic");
    const visible = topics.filter(
      (t) =>
        (!query.isCustomer || t.isCustomerVisible) &&
        (!query.customerTypeId || t.customerTypeIds.length === 0 || t.customerTypeIds.includes(query.customerTypeId)),
    );
    return { status: 200, body: visible.map(topicView) };
  },
});
