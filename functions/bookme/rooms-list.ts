import { registerEndpoint } from "../../shared/app/register.js";
import { listAll } from "../../shared/api/bookme/directory-endpoints.js";
import { RoomView, roomView } from "../../shared/directory/directory.js";

export const roomsList = registerEndpoint(
  listAll({
    name: "rooms-list",
    route: "rooms",
    kind: "room",
    permission: "BookMe.Read",
    view: (r) => roomView(r),
    viewSchema: RoomView,
    tags: ["Rooms"],
    summary: "List all rooms",
  }),
);
