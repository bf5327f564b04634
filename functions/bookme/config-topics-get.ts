import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { TopicAdminView, topicAdminView } from "../../shared/directory/directory.js";

export const configTopicsGet = registerEndpoint(
  getOne({
    name: "config-topics-get",
    route: "config/topics/{id}",
    kind: "topic",
    permission: "BookMe.Admin",
    view: topicAdminView,
    viewSchema: TopicAdminView,
    tags: ["Config"],
    summary: "A topic with its booking rules: what PUT takes back",
  }),
);
