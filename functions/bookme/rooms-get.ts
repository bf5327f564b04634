import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { RoomView, roomView } from "../../shared/directory/directory.js";

export const roomsGet = registerEndpoint(
  getOne({
    name: "rooms-get",
    route: "rooms/{id}",
    kind: "room",
    permission: "BookMe.Read",
    view: (r) => roomView(r),
    viewSchema: RoomView,
    tags: ["Rooms"],
    summary: "Get a room",
  }),
);
