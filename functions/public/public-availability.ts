/** The public booking channel: free times at a branch for a topic and meeting type over the next days. */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { isoOf, msOf } from "../../shared/kernel/instants.js";
import { checkChoice, customerTimes } from "../../shared/api/public/public-booking.js";
import { AvailabilityView, HORIZON_DAYS, PublicAvailabilityQuery } from "../../shared/api/public/schemas.js";

const DAY_MS = 86_400_000;

export const publicAvailability = registerEndpoint({
  name: "public-availability",
  prefix: "public/booking",
  method: "GET",
  route: "availability",
  versions: ["v2"],
  permission: "anonymous",
  summary:
    "Free times over at most 14 days from startDate (default now): any of the branch's advisors at the branch, any qualified advisor online or by phone",
  tags: ["Public booking"],
  query: PublicAvailabilityQuery,
  responses: {
    200: { description: "Distinct free times, sorted", schema: AvailabilityView },
    400: { description: "A choice is missing or unknown" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    await checkChoice(deps, query);
    const from = Math.max(ctx.now, query.startDate ? msOf(query.startDate) : ctx.now);
    const to = from + query.days * DAY_MS;
    // Nothing past the page's horizon is offered (next-free looks exactly that far).
    const bookableTo = Math.min(to, ctx.now + HORIZON_DAYS * DAY_MS);
    const times = from < bookableTo ? await customerTimes(deps, query, from, bookableTo, ctx.now) : [];
    return {
      status: 200,
      body: {
        from: isoOf(from),
        to: isoOf(to),
        meetingType: query.meetingType,
        times: times.map((t) => ({ start: isoOf(t.start), end: isoOf(t.end) })),
      },
      headers: { "cache-control": "no-store" },
    };
  },
});
