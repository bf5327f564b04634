import { registerEndpoint } from "../../shared/app/register.js";
import { undoNoShow } from "../../shared/booking/commands/no-show.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingReply } from "../../shared/api/bookme/booking-replies.js";
import { IdParams } from "../../shared/kernel/fields.js";
import { MeetingView } from "../../shared/booking/model/views.js";

export const meetingsNoShowUndo = registerEndpoint({
  name: "meetings-no-show-undo",
  method: "DELETE",
  route: "meetings/{id}/no-show",
  versions: ["v2"],
  permission: "BookMe.Write",
  summary: "Undo a no-show within 24 hours of marking it: Booked again (event meeting.updated); its advisor or the back office",
  tags: ["Meetings"],
  params: IdParams,
  requestHeaders: { "If-Match": "optional; the meeting's ETag — 412 when it changed since" },
  responses: {
    200: { description: "Undone (status Booked)", schema: MeetingView },
    404: { description: "No meeting with this id that the caller may see" },
    412: { description: "If-Match does not match" },
    409: { description: "not_no_show, or no_show_undo_expired (marked over 24 hours ago)" },
  },
  async handle({ params }, ctx, deps): Promise<Reply> {
    const { meeting, etag } = await undoNoShow(
      deps,
      { id: params.id, ifMatch: ctx.headers.get("if-match") ?? undefined, caller: ctx.caller, actor: ctx.actor },
      ctx.now,
    );
    ctx.log.info("meeting no-show undone", { meetingId: meeting.id });
    return meetingReply(200, meeting, etag, ctx.version);
  },
});
