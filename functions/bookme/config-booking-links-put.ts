import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { meetingTypeOf } from "../../shared/booking/queries/meeting-types.js";
import { BookingLinkBody, BookingLinkParams, BookingLinkView } from "../../shared/directory/booking-links.js";
import { DomainError, fieldError, ValidationError } from "../../shared/kernel/errors.js";

export const configBookingLinksPut = registerEndpoint({
  name: "config-booking-links-put",
  method: "PUT",
  route: "config/booking-links/{id}",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Create or replace a booking link of the Bookings API for bots: a slug over a meeting type (its pool, durations, questions)",
  tags: ["Config"],
  params: BookingLinkParams,
  body: BookingLinkBody,
  responses: {
    200: { description: "Replaced", schema: BookingLinkView },
    201: { description: "Created", schema: BookingLinkView },
    400: { description: "A field is malformed, the meeting type does not exist, a question is not the type's" },
    409: { description: "Another link has this slug" },
  },
  async handle({ params, body }, _ctx, { directory }): Promise<Reply> {
    const link = { ...body, id: params.id };
    const type = await meetingTypeOf(directory, link.meetingTypeId);
    const unknown = link.questionIds.filter((q) => !type.questions.some((t) => t.id === q));
    if (unknown.length)
      throw new ValidationError([fieldError("questionIds", `not questions of meeting type ${type.id}: ${unknown.join(", ")}`, "exists")]);
    if ((await directory.list("bookingLink")).some((l) => l.slug === link.slug && l.id !== link.id))
      throw new DomainError("already_exists", `another booking link has the slug ${link.slug}`);
    const { created } = await directory.put("bookingLink", link);
    return { status: created ? 201 : 200, body: { ...link, questions: type.questions.filter((q) => link.questionIds.includes(q.id)) } };
  },
});
