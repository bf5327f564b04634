import { registerEndpoint } from "../../shared/app/register.js";
import { adminDelete } from "../../shared/api/bookme/directory-endpoints.js";

export const configTopicsDelete = registerEndpoint(
  adminDelete({
    name: "config-topics-delete",
    route: "config/topics/{id}",
    kind: "topic",
    tags: ["Config"],
    summary: "Delete a meeting topic",
  }),
);
