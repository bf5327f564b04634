/** The public booking channel: hold a time for the first free advisor under the browser's token (the same token replaces its hold). */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { msOf } from "../../shared/kernel/instants.js";
import { checkChoice, holdForCustomer } from "../../shared/api/public/public-booking.js";
import { HoldView, PublicReserveBody } from "../../shared/api/public/schemas.js";

export const publicReserve = registerEndpoint({
  name: "public-reserve",
  prefix: "public/booking",
  method: "POST",
  route: "reservations",
  versions: ["v2"],
  permission: "anonymous",
  summary: "Hold a free time for a few minutes; answers slot_taken with up to 3 alternatives when it is gone",
  tags: ["Public booking"],
  body: PublicReserveBody,
  responses: {
    200: { description: "Held until expiresAt", schema: HoldView },
    400: { description: "A field is missing or malformed" },
    409: { description: "slot_taken, with alternatives: [{ start, end }]" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    await checkChoice(deps, body);
    const r = await holdForCustomer(deps, body, body.token, msOf(body.start), msOf(body.end), ctx.now);
    ctx.log.info("public hold", { reservationId: r.id });
    return { status: 200, body: { reservationId: r.id, token: r.token, start: r.startDate, end: r.endDate, expiresAt: r.expiresAt } };
  },
});
