/** The public booking channel: the first free time of a choice within the horizon, or why there is none and the nearest alternatives. */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { msOf } from "../../shared/kernel/instants.js";
import { checkChoice } from "../../shared/api/public/public-booking.js";
import { nextFree } from "../../shared/api/public/next-free.js";
import { HORIZON_DAYS, NextFreeQuery, NextFreeView } from "../../shared/api/public/schemas.js";

export const publicNextFree = registerEndpoint({
  name: "public-next-free",
  prefix: "public/booking",
  method: "GET",
  route: "next-free",
  versions: ["v2"],
  permission: "anonymous",
  summary: `The first free time from \`from\` (default now) within ${HORIZON_DAYS} days; when none: why (reason) and up to 3 alternatives (the same choice earlier, another way to meet, another branch)`,
  tags: ["Public booking"],
  query: NextFreeQuery,
  responses: {
    200: { description: "next, or reason and alternatives", schema: NextFreeView },
    400: { description: "A choice is missing or unknown (branch is required for Physical)" },
  },
  async handle({ query }, ctx, deps): Promise<Reply> {
    const topic = await checkChoice(deps, query);
    const body = await nextFree(deps, query, topic, query.from ? msOf(query.from) : undefined, ctx.now);
    return { status: 200, body, headers: { "cache-control": "no-store" } };
  },
});
