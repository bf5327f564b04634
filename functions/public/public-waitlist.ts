/** The public booking channel: a customer who finds a week without free times joins its waitlist (offers by e-mail/SMS). */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { joinWaitlist } from "../../shared/api/waitlist/join.js";
import { PublicWaitlistJoin, PublicWaitlistJoined } from "../../shared/api/waitlist/schemas.js";

export const publicWaitlist = registerEndpoint({
  name: "public-waitlist",
  prefix: "public/booking",
  method: "POST",
  route: "waitlist",
  versions: ["v2"],
  permission: "anonymous",
  summary:
    "Join the waitlist for a choice (topic, customer type, way to meet, branch) and a window: a time that frees up in it is offered by e-mail (and SMS with a phone) with a link to book it",
  tags: ["Public booking"],
  body: PublicWaitlistJoin,
  responses: {
    201: { description: "On the waitlist", schema: PublicWaitlistJoined },
    400: { description: "A field is missing or malformed (errors[] names it: from, to, name, email, phone, topicId ...)" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const entry = await joinWaitlist(
      deps,
      {
        meetingTypeId: null,
        choice: { topicId: body.topicId, customerTypeId: body.customerTypeId, meetingType: body.meetingType, branch: body.branch },
        bookingLinkId: null,
        durationMinutes: null,
        from: body.from,
        to: body.to,
        contact: { name: body.name, email: body.email, phone: body.phone ?? null },
        language: body.language,
        fields: { from: "from", to: "to", meetingTypeId: "topicId" },
      },
      undefined,
      ctx.now,
    );
    ctx.log.info("public waitlist joined", { waitlistId: entry.id });
    return { status: 201, body: { id: entry.id, status: entry.status, from: entry.fromTime, to: entry.toTime } };
  },
});
