/** Months the calendar sync keeps: the current one and the next two (a slot window spans at most 31 days). */
export const SYNC_MONTHS = 3;
