import { registerEndpoint } from "../../shared/app/register.js";
import { adminPut } from "../../shared/api/bookme/directory-endpoints.js";
import { ClosureBody, ClosureView, closureView } from "../../shared/directory/closures.js";

export const configClosuresPut = registerEndpoint(
  adminPut({
    name: "config-closures-put",
    route: "config/closures/{id}",
    kind: "closure",
    versions: ["v2"],
    body: ClosureBody,
    view: closureView,
    viewSchema: ClosureView,
    tags: ["Config"],
    summary: "Create or replace a closure: a branch (location) or the whole bank closed on a date or a range of dates",
  }),
);
