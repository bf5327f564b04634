import type { BookingDeps } from "../booking/booking-deps.js";
import type { ApiKeyRepository, HealthProbes } from "../booking/ports.js";

/** What handlers are given: the booking services' dependencies and the health probes. */
export interface HandlerDeps extends BookingDeps {
  probes: HealthProbes;
  /** API keys of the seed-compatible facades. */
  apiKeys: ApiKeyRepository;
}
