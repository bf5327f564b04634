/** What every Bookings-API-for-bots endpoint shares: api/v1 without bookme, API keys, its error shape, its own document. */
import { botsErrorFormat } from "./errors.js";

export const BOTS = {
  versions: ["v2" as const],
  prefix: "v1",
  permission: "anonymous" as const,
  errorFormat: botsErrorFormat,
  facade: "bots",
  tags: ["Bookings API for bots"],
};
