import { registerEndpoint } from "../../shared/app/register.js";
import { listAll } from "../../shared/api/bookme/directory-endpoints.js";
import { ClientView, clientView } from "../../shared/directory/clients.js";

export const configClientsList = registerEndpoint(
  listAll({
    name: "config-clients-list",
    route: "config/clients",
    kind: "client",
    permission: "BookMe.Admin",
    view: clientView,
    viewSchema: ClientView,
    versions: ["v2"],
    tags: ["Config"],
    summary: "List the registered client applications",
  }),
);
