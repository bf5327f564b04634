import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { RoomAdminView, roomAdminView } from "../../shared/directory/directory.js";

export const configRoomsGet = registerEndpoint(
  getOne({
    name: "config-rooms-get",
    route: "config/rooms/{id}",
    kind: "room",
    permission: "BookMe.Admin",
    view: roomAdminView,
    viewSchema: RoomAdminView,
    tags: ["Config"],
    summary: "A room with its administration fields (opening hours, mailbox, calendar sync): what PUT takes back",
  }),
);
