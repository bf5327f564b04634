import { registerEndpoint } from "../../shared/app/register.js";
import { adminPut } from "../../shared/api/bookme/directory-endpoints.js";
import { TopicBody, TopicView, topicView } from "../../shared/directory/directory.js";

export const configTopicsPut = registerEndpoint(
  adminPut({
    name: "config-topics-put",
    route: "config/topics/{id}",
    kind: "topic",
    body: TopicBody,
    view: topicView,
    viewSchema: TopicView,
    tags: ["Config"],
    summary: "Create or replace a meeting topic",
  }),
);
