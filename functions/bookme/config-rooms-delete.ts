import { registerEndpoint } from "../../shared/app/register.js";
import { adminDelete } from "../../shared/api/bookme/directory-endpoints.js";

export const configRoomsDelete = registerEndpoint(
  adminDelete({ name: "config-rooms-delete", route: "config/rooms/{id}", kind: "room", tags: ["Config"], summary: "Delete a room" }),
);
