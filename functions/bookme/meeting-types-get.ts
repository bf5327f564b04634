import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { MeetingTypeView, meetingTypeView } from "../../shared/directory/meeting-types.js";

export const meetingTypesGet = registerEndpoint(
  getOne({
    name: "meeting-types-get",
    route: "meeting-types/{id}",
    kind: "meetingType",
    versions: ["v2"],
    permission: "BookMe.Read",
    view: meetingTypeView,
    viewSchema: MeetingTypeView,
    tags: ["Meeting types"],
    summary: "A meeting type, with its queueId",
  }),
);
