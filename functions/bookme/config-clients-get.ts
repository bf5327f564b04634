import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { ClientView, clientView } from "../../shared/directory/clients.js";

export const configClientsGet = registerEndpoint(
  getOne({
    name: "config-clients-get",
    route: "config/clients/{id}",
    kind: "client",
    permission: "BookMe.Admin",
    view: clientView,
    viewSchema: ClientView,
    versions: ["v2"],
    tags: ["Config"],
    summary: "Get a client registration",
  }),
);
