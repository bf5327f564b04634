/** The facades' own OpenAPI documents, built from their endpoint specs on first request. */
import { endpoints, type Reply } from "../edge/endpoint.js";
import { buildFacadeOpenApi } from "../edge/openapi.js";

export const FACADES = {
  meetergo: {
    name: "meetergo",
    title: "BookMe: meetergo-compatible booking API",
    description:
      "meetergo's booking API (booking availability, round-robin queues, POST /v4/booking) served by BookMe's booking core. Errors: {statusCode, message, error}. " +
      "Availability ranges are instants; /v4/booking-availability groups its spots by the local dates of timezone (default: the meeting type's timeZone, else UTC). " +
      "An API key belongs to an entity: every key of the entity reaches the entity's bookings.",
  },
  bots: {
    name: "bots",
    title: "BookMe: Bookings API for bots",
    description:
      "The Bookings API for bots (booking links, availability, bookings, cancel) served by BookMe's booking core. Errors: {error: {code, message}}. " +
      "GET /availability?date= is a day in client_timezone when given, else in the link's zone (its meeting type's timeZone, default Europe/Copenhagen), local midnight to local midnight. " +
      "An API key belongs to an entity (a registered Bot client or an organisation): every key of the entity lists and reads the bookings any key of it made, with its own scopes; " +
      "another entity's key gets not_found. status is confirmed, cancelled, pending or no_show.",
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
