import { z } from "zod";
import { registerEndpoint, type Reply } from "../shared/http/endpoint.js";
import { Id, queryBoolean } from "../shared/schemas/common.js";
import { TopicView, topicView } from "../shared/schemas/directory.js";
import { repositories } from "../shared/store/repositories.js";

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
  async handle({ query }): Promise<Reply> {
    const topics = await (await repositories()).directory.list("topic");
    const visible = topics.filter(
      (t) => (!query.isCustomer || t.isCustomerVisible) && (!query.customerTypeId || t.customerTypeIds.length === 0 || t.customerTypeIds.includes(query.customerTypeId)),
    );
    return { status: 200, body: visible.map(topicView) };
  },
});
