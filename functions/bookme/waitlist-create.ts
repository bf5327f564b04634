import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { joinWaitlist } from "../../shared/api/waitlist/join.js";
import { entryView, WaitlistEntryView, WaitlistJoinV2 } from "../../shared/api/waitlist/schemas.js";

export const waitlistCreate = registerEndpoint({
  name: "waitlist-create",
  method: "POST",
  route: "waitlist",
  versions: ["v2"],
  permission: "BookMe.Write",
  summary:
    "Put a customer on the waitlist of a meeting type for a window: when a time in it frees up (a cancel, a move, a hold's end), " +
    "they are offered it by e-mail/SMS with a link to book it; the first to book gets it",
  tags: ["Waitlist"],
  body: WaitlistJoinV2,
  responses: {
    201: { description: "On the waitlist (status waiting)", schema: WaitlistEntryView, headers: { Location: "URL of the entry" } },
    400: {
      description: "A field is missing or malformed (errors[] names it: meetingTypeId, from, to, attendee.email, attendee.phone ...)",
    },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const entry = await joinWaitlist(
      deps,
      {
        meetingTypeId: body.meetingTypeId,
        bookingLinkId: null,
        durationMinutes: null,
        from: body.from,
        to: body.to,
        contact: { name: body.attendee.name, email: body.attendee.email, phone: body.attendee.phone ?? null },
        language: body.language,
        fields: { from: "from", to: "to", meetingTypeId: "meetingTypeId" },
      },
      ctx.caller,
      ctx.now,
    );
    ctx.log.info("waitlist joined", { waitlistId: entry.id });
    return { status: 201, body: entryView(entry, ctx.now), headers: { location: `/api/v2/bookme/waitlist/${entry.id}` } };
  },
});
