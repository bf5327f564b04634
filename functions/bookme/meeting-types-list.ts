import { registerEndpoint } from "../../shared/app/register.js";
import { listAll } from "../../shared/api/bookme/directory-endpoints.js";
import { MeetingTypeView, meetingTypeView } from "../../shared/directory/meeting-types.js";

export const meetingTypesList = registerEndpoint(
  listAll({
    name: "meeting-types-list",
    route: "meeting-types",
    kind: "meetingType",
    versions: ["v2"],
    permission: "BookMe.Read",
    view: meetingTypeView,
    viewSchema: MeetingTypeView,
    tags: ["Meeting types"],
    summary: "All meeting types",
  }),
);
