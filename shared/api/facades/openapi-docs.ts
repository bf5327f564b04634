/** The facades' own OpenAPI documents, built from their endpoint specs on first request. */
import { endpoints, type Reply } from "../edge/endpoint.js";
import { buildFacadeOpenApi } from "../edge/openapi.js";

export const FACADES = {
  meetergo: {
    name: "meetergo",
    title: "BookMe: meetergo-compatible booking API",
    description:
      "meetergo's booking API (booking availability, round-robin queues, POST /v4/booking) served by BookMe's booking core. Errors: {statusCode, message, error}.",
  },
  bots: {
    name: "bots",
    title: "BookMe: Bookings API for bots",
    description:
      "The Bookings API for bots (booking links, availability, bookings, cancel) served by BookMe's booking core. Errors: {error: {code, message}}.",
  },
} as const;

const cache = new Map<string, { count: number; text: string }>();

export function facadeDocument(facade: keyof typeof FACADES): Reply {
  let entry = cache.get(facade);
  if (!entry || entry.count !== endpoints.length) {
    entry = { count: endpoints.length, text: JSON.stringify(buildFacadeOpenApi(endpoints, FACADES[facade])) };
    cache.set(facade, entry);
  }
  return {
    status: 200,
    body: entry.text,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  };
}
