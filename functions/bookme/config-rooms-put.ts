import { registerEndpoint } from "../../shared/app/register.js";
import { adminPut } from "../../shared/api/bookme/directory-endpoints.js";
import { RoomBody, RoomView, roomView } from "../../shared/directory/directory.js";

export const configRoomsPut = registerEndpoint(
  adminPut({
    name: "config-rooms-put",
    route: "config/rooms/{id}",
    kind: "room",
    body: RoomBody,
    view: (r) => roomView(r),
    viewSchema: RoomView,
    tags: ["Config"],
    summary: "Create or replace a room",
  }),
);
