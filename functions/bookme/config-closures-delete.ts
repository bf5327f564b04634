import { registerEndpoint } from "../../shared/app/register.js";
import { adminDelete } from "../../shared/api/bookme/directory-endpoints.js";

export const configClosuresDelete = registerEndpoint(
  adminDelete({
    name: "config-closures-delete",
    route: "config/closures/{id}",
    kind: "closure",
    versions: ["v2"],
    tags: ["Config"],
    summary: "Delete a closure",
  }),
);
