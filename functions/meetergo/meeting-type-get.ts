import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { NotFoundError } from "../../shared/kernel/errors.js";
import { queueOf } from "../../shared/api/meetergo/booking.js";
import { MEETERGO } from "../../shared/api/meetergo/endpoint-base.js";
import { MeetergoError, MeetingTypeParams, MeetingTypeView } from "../../shared/api/meetergo/schemas.js";
import { allowedDurations } from "../../shared/directory/meeting-types.js";

export const meetergoMeetingTypeGet = registerEndpoint({
  ...MEETERGO,
  name: "meetergo-meeting-type-get",
  method: "GET",
  route: "meeting-type/{id}",
  apiKeyScope: "bookings:read",
  summary: "A meeting type with its queueId (meetergo GET /meeting-type/{id})",
  params: MeetingTypeParams,
  responses: {
    200: { description: "The meeting type", schema: MeetingTypeView },
    401: { description: "Missing, wrong or revoked API key", schema: MeetergoError },
    404: { description: "No such meeting type", schema: MeetergoError },
  },
  async handle({ params }, _ctx, deps): Promise<Reply> {
    const type = await deps.directory.get("meetingType", params.id);
    if (!type) throw new NotFoundError("meeting type", params.id);
    return {
      status: 200,
      body: {
        id: type.id,
        name: type.name,
        description: type.description ?? null,
        queueId: queueOf(type),
        duration: type.durations.defaultMinutes,
        allowedDurations: allowedDurations(type),
        hostIds: type.pool.employeeIds,
        requiresConfirmation: type.confirmation.mode !== "none",
        icsTitle: type.invitation.title ?? null,
        icsDescription: type.invitation.description ?? null,
        questions: type.questions.map((q) => ({ id: q.id, label: q.label, required: q.required, options: q.options ?? null })),
      },
    };
  },
});
