import { registerEndpoint } from "../../shared/app/register.js";
import { adminDelete } from "../../shared/api/bookme/directory-endpoints.js";

export const configClientsDelete = registerEndpoint(
  adminDelete({
    name: "config-clients-delete",
    route: "config/clients/{id}",
    kind: "client",
    versions: ["v2"],
    tags: ["Config"],
    summary: "Remove a client registration (its tokens get 403 client_not_registered)",
  }),
);
