/**
 * Figures for `npm run capacity` when no bench results file is at hand (--recorded, or a fresh
 * checkout): request units per request and container as `npm run bench` measured them on
 * 2026-12-07 (bench/results/http-2026-12-07T20-34-46-352Z.json; embedded server, so ESTIMATED by
 * shared/adapters/cosmos/request-charge-estimate.ts), and the work after a booking, which no bench
 * row measures yet, estimated here from the same cost model.
 */
import { READ_RU_BY_KB, WRITE_RU_BY_KB, QUERY_BASE_RU, ruBySize } from "../shared/adapters/cosmos/request-charge-estimate.js";
import type { Figures, RuByContainer } from "./capacity-model.js";

const write = (kb: number) => ruBySize(WRITE_RU_BY_KB, kb * 1024);
const read = (kb: number) => ruBySize(READ_RU_BY_KB, kb * 1024);

/** Events per booking over its life (created, and a reminder or a change) and webhook subscriptions per event. */
export const EVENTS_PER_BOOKING = 2;
const SUBSCRIPTIONS = 1;

/**
 * After a booking, per event: the dispatcher's outbox page (shared by up to 100 events) and the
 * outbox delete; per subscription: the delivery state created, read twice (ordering, delivery),
 * an attempt logged and the state saved (shared/events/dispatcher.ts, delivery.ts).
 */
export const AFTER_BOOKING: RuByContainer = {
  outbox: EVENTS_PER_BOOKING * (QUERY_BASE_RU / 100 + write(1.5)),
  deliveries: EVENTS_PER_BOOKING * SUBSCRIPTIONS * (write(1) + 2 * read(1) + write(1) + write(1)),
  webhooks: EVENTS_PER_BOOKING * (QUERY_BASE_RU / 100),
};

export const RECORDED: Figures = {
  source: "figures recorded from npm run bench on 2026-12-07 (bench/capacity-figures.ts)",
  estimated: true,
  availabilityExplicit: { schedules: 3.0, directory: 2.06 },
  availabilityBranch: { schedules: 46.62, directory: 5.28 }, // the one-connection row (see bench/capacity.ts)
  booking: { intents: 10.33, schedules: 7.3, meetings: 5.13, events: 5.0, outbox: 5.0, audit: 5.0, directory: 1.31 },
  afterBooking: AFTER_BOOKING,
};
