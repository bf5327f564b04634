import { registerEndpoint } from "../../shared/app/register.js";
import { listAll } from "../../shared/api/bookme/directory-endpoints.js";
import { ClosureView, closureView } from "../../shared/directory/closures.js";

export const configClosuresList = registerEndpoint(
  listAll({
    name: "config-closures-list",
    route: "config/closures",
    kind: "closure",
    versions: ["v2"],
    permission: "BookMe.Read",
    view: closureView,
    viewSchema: ClosureView,
    tags: ["Config"],
    summary: "List branch and bank-wide closures",
  }),
);
