import { registerEndpoint } from "../../shared/app/register.js";
import { adminPut } from "../../shared/api/bookme/directory-endpoints.js";
import { ClientBody, ClientView, clientView } from "../../shared/directory/clients.js";

export const configClientsPut = registerEndpoint(
  adminPut({
    name: "config-clients-put",
    route: "config/clients/{id}",
    kind: "client",
    body: ClientBody,
    view: clientView,
    viewSchema: ClientView,
    versions: ["v2"],
    tags: ["Config"],
    summary: "Register (or change) a client application by its application (client) id: its channel, and the portal of a Portal client",
  }),
);
