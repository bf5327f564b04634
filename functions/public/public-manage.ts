/**
 * The public booking channel's manage link: with the meeting's self-service secret (header
 * BookMe-Manage-Secret; the page keeps it in the URL fragment) a customer sees the meeting, gets
 * its .ics, moves it to another free time at the branch, or cancels it with a reason.
 */
import { SELF_SERVICE_ACTOR } from "../../shared/booking/model/caller.js";
import { registerEndpoint } from "../../shared/app/register.js";
import { cancelMeeting } from "../../shared/booking/commands/cancel-meeting.js";
import { msOf } from "../../shared/kernel/instants.js";
import type { StoredMeeting } from "../../shared/booking/queries/meeting-lookup.js";
import { meetingBySecret } from "../../shared/booking/commands/self-service.js";
import { fieldError, ValidationError } from "../../shared/kernel/errors.js";
import { MANAGE_SECRET_HEADER, type Reply, type RequestContext } from "../../shared/api/edge/endpoint.js";
import type { HandlerDeps } from "../../shared/api/edge/handler-deps.js";
import { icalReply } from "../../shared/api/bookme/ical-reply.js";
import { customerMeetingView, moveForCustomer } from "../../shared/api/public/public-booking.js";
import { CancelBody, CustomerMeetingView, ManageParams, RescheduleBody } from "../../shared/api/public/schemas.js";

const PREFIX = "public/booking";
const TAGS = ["Public booking"];
const SECRET_DOC = { "BookMe-Manage-Secret": "required; the secret from the booking's manage link" };
const NOT_FOUND = { description: "No such meeting, or a wrong or revoked secret (no hint which)" };

function secretHolder(deps: HandlerDeps, id: string, ctx: RequestContext): Promise<StoredMeeting> {
  const secret = ctx.headers.get(MANAGE_SECRET_HEADER);
  if (!secret)
    throw new ValidationError([fieldError("BookMe-Manage-Secret", "send the secret from the manage link in this header", "required")]);
  return meetingBySecret(deps, id, secret);
}

export const publicManageGet = registerEndpoint({
  name: "public-manage-get",
  prefix: PREFIX,
  method: "GET",
  route: "manage/{id}",
  versions: ["v2"],
  permission: "anonymous",
  summary: "The meeting, as its customer sees it",
  tags: TAGS,
  params: ManageParams,
  requestHeaders: SECRET_DOC,
  responses: { 200: { description: "The meeting", schema: CustomerMeetingView }, 404: NOT_FOUND },
  async handle({ params }, ctx, deps): Promise<Reply> {
    const { meeting } = await secretHolder(deps, params.id, ctx);
    return { status: 200, body: await customerMeetingView(deps, meeting), headers: { "cache-control": "no-store" } };
  },
});

export const publicManageIcal = registerEndpoint({
  name: "public-manage-ical",
  prefix: PREFIX,
  method: "GET",
  route: "manage/{id}/ical",
  versions: ["v2"],
  permission: "anonymous",
  summary: "The meeting as an iCalendar file (METHOD:CANCEL once cancelled)",
  tags: TAGS,
  params: ManageParams,
  requestHeaders: SECRET_DOC,
  responses: { 200: { description: "text/calendar", contentType: "text/calendar" }, 404: NOT_FOUND },
  async handle({ params }, ctx, deps): Promise<Reply> {
    const { meeting } = await secretHolder(deps, params.id, ctx);
    const view = await customerMeetingView(deps, meeting);
    return icalReply(
      deps.directory,
      meeting,
      {
        title: view.topicName ?? undefined,
        location: meeting.type === "Physical" ? (view.branch ?? undefined) : meeting.type === "Online" ? "Online" : "Telephone",
      },
      { "cache-control": "no-store" },
    );
  },
});

export const publicManageCancel = registerEndpoint({
  name: "public-manage-cancel",
  prefix: PREFIX,
  method: "POST",
  route: "manage/{id}/cancel",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Cancel the meeting with a reason; its time is free at once",
  tags: TAGS,
  params: ManageParams,
  body: CancelBody,
  requestHeaders: SECRET_DOC,
  responses: { 200: { description: "Cancelled", schema: CustomerMeetingView }, 400: { description: "reason is missing" }, 404: NOT_FOUND },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const { etag } = await secretHolder(deps, params.id, ctx);
    const { meeting } = await cancelMeeting(
      deps,
      { id: params.id, ifMatch: etag, reason: body.reason, actor: SELF_SERVICE_ACTOR },
      ctx.now,
    );
    ctx.log.info("public cancel", { meetingId: meeting.id });
    return { status: 200, body: await customerMeetingView(deps, meeting) };
  },
});

export const publicManageReschedule = registerEndpoint({
  name: "public-manage-reschedule",
  prefix: PREFIX,
  method: "POST",
  route: "manage/{id}/reschedule",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Move the meeting (same id) to another free time at the branch: its advisor if free, else the next free one",
  tags: TAGS,
  params: ManageParams,
  body: RescheduleBody,
  requestHeaders: SECRET_DOC,
  responses: {
    200: { description: "Moved", schema: CustomerMeetingView },
    404: NOT_FOUND,
    409: { description: "slot_taken, with alternatives: [{ start, end }]" },
  },
  async handle({ params, body }, ctx, deps): Promise<Reply> {
    const stored = await secretHolder(deps, params.id, ctx);
    const { meeting } = await moveForCustomer(deps, stored, msOf(body.start), msOf(body.end), ctx.now);
    ctx.log.info("public reschedule", { meetingId: meeting.id });
    return { status: 200, body: await customerMeetingView(deps, meeting) };
  },
});
