import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { ClosureView, closureView } from "../../shared/directory/closures.js";

export const configClosuresGet = registerEndpoint(
  getOne({
    name: "config-closures-get",
    route: "config/closures/{id}",
    kind: "closure",
    versions: ["v2"],
    permission: "BookMe.Read",
    view: closureView,
    viewSchema: ClosureView,
    tags: ["Config"],
    summary: "Get a closure",
  }),
);
