import type { BookingDeps } from "../booking/booking-deps.js";

export type StorageState = "ok" | "unreachable" | "identity-based";

/** What handlers are given: the booking services' dependencies and the health probes. */
export interface HandlerDeps extends BookingDeps {
  probes: {
    /** Resolves when the database answers (bounded in time). */
    database(): Promise<void>;
    storage(): Promise<StorageState>;
  };
}
