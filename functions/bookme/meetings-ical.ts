import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { getBookedMeeting } from "../../shared/booking/queries/meeting-lookup.js";
import { icalReply } from "../../shared/api/bookme/ical-reply.js";
import { IdParams, LongText, ShortText } from "../../shared/kernel/fields.js";

export const meetingsIcal = registerEndpoint({
  name: "meetings-ical",
  method: "POST",
  route: "meetings/{id}/ical",
  versions: ["v2"],
  permission: "BookMe.Write",
  summary: "The meeting as an iCalendar file (METHOD:CANCEL once cancelled)",
  tags: ["Meetings"],
  params: IdParams,
  body: z.object({ title: ShortText.nullish(), description: LongText.nullish(), location: ShortText.nullish() }).optional(),
  responses: { 200: { description: "text/calendar", contentType: "text/calendar" }, 404: { description: "No such meeting" } },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const { meeting } = await getBookedMeeting(deps, params.id, ctx.caller);
    return icalReply(deps.directory, meeting, {
      title: body?.title ?? undefined,
      description: body?.description ?? undefined,
      location: body?.location ?? undefined,
    });
  },
});
