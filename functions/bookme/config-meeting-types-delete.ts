import { registerEndpoint } from "../../shared/app/register.js";
import { adminDelete } from "../../shared/api/bookme/directory-endpoints.js";

export const configMeetingTypesDelete = registerEndpoint(
  adminDelete({
    name: "config-meeting-types-delete",
    route: "config/meeting-types/{id}",
    kind: "meetingType",
    versions: ["v2"],
    tags: ["Config"],
    summary: "Delete a meeting type",
  }),
);
