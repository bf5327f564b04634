import { registerEndpoint } from "../../shared/app/register.js";
import { adminPut } from "../../shared/api/bookme/directory-endpoints.js";
import { MeetingTypeBody, MeetingTypeView, meetingTypeView } from "../../shared/directory/meeting-types.js";

export const configMeetingTypesPut = registerEndpoint(
  adminPut({
    name: "config-meeting-types-put",
    route: "config/meeting-types/{id}",
    kind: "meetingType",
    versions: ["v2"],
    body: MeetingTypeBody,
    view: meetingTypeView,
    viewSchema: MeetingTypeView,
    tags: ["Config"],
    summary: "Create or replace a meeting type: durations, pool and round-robin policy, confirmation, invitation, questions",
  }),
);
