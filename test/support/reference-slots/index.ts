export * from "../../../shared/slots/types.js";
export { generateSlots } from "./generate-slots.js";
export { encodeSlotId, decodeSlotId } from "../../../shared/slots/slot-id.js";
export type { SlotIdSource } from "../../../shared/slots/slot-id.js";
export { employeeWorkingIntervals, roomOpenIntervals } from "../../../shared/slots/working-time.js";
export { gridSlots, GRID_STEP_MS } from "../../../shared/slots/grid.js";
export { parseTimeSpan } from "../../../shared/slots/timespan.js";
export {
  mergeIntervals,
  subtractIntervals,
  intersectIntervals,
  clipIntervals,
  widenIntervals,
  findContaining,
} from "../../../shared/slots/intervals.js";
export { resolveDurationMinutes, busyQueryRange, bookingRules } from "../../../shared/slots/rules.js";
export type { BookingRules } from "../../../shared/slots/rules.js";
export { isValidTimeZone, ZoneCalendars } from "../../../shared/slots/zone-calendar.js";
export { parseClockMinutes } from "../../../shared/slots/weekly-hours.js";
