/** The public booking channel: the customer's hold becomes a meeting booked by the customer, with its self-service secret. */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { createMeeting } from "../../shared/booking/commands/book-meeting.js";
import { withAlternatives } from "../../shared/api/bookme/alternatives.js";
import {
  checkChoice,
  customerBookCommand,
  customerMeetingView,
  customerReservation,
  pageConsent,
} from "../../shared/api/public/public-booking.js";
import { BookedView, PublicBookBody } from "../../shared/api/public/schemas.js";

export const publicBook = registerEndpoint({
  name: "public-book",
  prefix: "public/booking",
  method: "POST",
  route: "meetings",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Book the held time; the reply carries the manage secret once (it is stored hashed)",
  tags: ["Public booking"],
  body: PublicBookBody,
  responses: {
    201: { description: "Booked", schema: BookedView },
    400: {
      description:
        "A field is missing or malformed (errors[] names name, email, phone, cpr, notes ...); consent_required: the privacy notice was not accepted (privacyNoticeAccepted)",
    },
    409: { description: "reservation_expired: hold the time again; slot_taken" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const topic = await checkChoice(deps, body);
    const { noticeUrl: url, noticeVersion: version } = deps.settings.privacy;
    const consent = pageConsent({ url, version }, body, ctx.now);
    const reservation = await customerReservation(deps, body.reservationId, body.token, ctx.now);
    const booked = await withAlternatives(deps, ctx.now, () =>
      createMeeting(deps, { ...customerBookCommand(body, reservation, topic.name, consent), actor: ctx.actor }, ctx.now),
    );
    ctx.log.info("public booking", { meetingId: booked.meeting.id });
    return {
      status: 201,
      body: { meeting: await customerMeetingView(deps, booked.meeting), manage: { id: booked.meeting.id, secret: booked.secret } },
    };
  },
});
