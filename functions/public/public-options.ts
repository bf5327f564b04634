/** The public booking channel: the ways to meet and the branches that a qualified advisor offers for a topic and customer type. */
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { customerTopic } from "../../shared/api/public/public-booking.js";
import { optionsFor } from "../../shared/api/public/choices.js";
import { OptionsQuery, OptionsView } from "../../shared/api/public/schemas.js";

export const publicOptions = registerEndpoint({
  name: "public-options",
  prefix: "public/booking",
  method: "GET",
  route: "options",
  versions: ["v2"],
  permission: "anonymous",
  summary:
    "How a customer can meet for a topic: the meeting types some qualified advisor offers, each with its branches (Physical: where such an advisor meets in a room; Online/Telephone: branches to prefer, optional)",
  tags: ["Public booking"],
  query: OptionsQuery,
  responses: {
    200: {
      description: "Bookable meeting types (Physical, Online, Telephone order), only those with a qualified advisor",
      schema: OptionsView,
    },
    400: { description: "topicId or customerTypeId is missing, unknown, hidden or not offered to the customer type" },
  },
  async handle({ query }, _ctx, deps): Promise<Reply> {
    const topic = await customerTopic(deps, query);
    return { status: 200, body: await optionsFor(deps.directory, topic, query.customerTypeId), headers: { "cache-control": "no-store" } };
  },
});
