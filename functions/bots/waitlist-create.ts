import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { linkOf } from "../../shared/api/bots/bookings.js";
import { BOTS } from "../../shared/api/bots/endpoint-base.js";
import { BotsError } from "../../shared/api/bots/schemas.js";
import { joinWaitlist } from "../../shared/api/waitlist/join.js";
import { BotsWaitlistEntry, BotsWaitlistJoin, botsEntryView } from "../../shared/api/waitlist/schemas.js";

export const botsWaitlistCreate = registerEndpoint({
  ...BOTS,
  name: "bots-waitlist-create",
  method: "POST",
  route: "waitlist",
  apiKeyScope: "bookings:write",
  summary:
    "Put a contact on a booking link's waitlist for a window (POST /api/v1/waitlist): when a time in it frees up, " +
    "the contact is offered it by e-mail/SMS; the first to book it (POST /api/v1/bookings) gets it",
  body: BotsWaitlistJoin,
  responses: {
    201: { description: "On the waitlist (status waiting)", schema: BotsWaitlistEntry },
    400: {
      description: "validation_failed: fields[] names the field (from, to, contact_email / contact_phone, contact_phone not E.164 ...)",
      schema: BotsError,
    },
    401: { description: "unauthorized", schema: BotsError },
    403: { description: "forbidden: the key lacks bookings:write", schema: BotsError },
    404: { description: "booking_link_not_found", schema: BotsError },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const link = await linkOf(deps, body, ctx.caller);
    const entry = await joinWaitlist(
      deps,
      {
        meetingTypeId: link.meetingTypeId,
        bookingLinkId: link.id,
        durationMinutes: link.durationMinutes ?? null,
        from: body.from,
        to: body.to,
        contact: { name: body.contact_name, email: body.contact_email ?? null, phone: body.contact_phone ?? null },
        language: body.language ?? "da",
        fields: { from: "from", to: "to", meetingTypeId: "booking_link_id" },
      },
      ctx.caller,
      ctx.now,
    );
    ctx.log.info("bots waitlist joined", { waitlistId: entry.id });
    return { status: 201, body: botsEntryView(entry, ctx.now), headers: { location: `/api/v1/waitlist/${entry.id}` } };
  },
});
