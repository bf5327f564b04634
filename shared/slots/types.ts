/** Shared types of the slot engine. All instants are epoch milliseconds (UTC). */

export const MEETING_TYPES = ["Physical", "Online", "Telephone", "Offsite"] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Time zone used when an employee or room has none. */
export const DEFAULT_TIME_ZONE = "Europe/Copenhagen";

/** Working/opening hours for one weekday, local wall-clock time. Several ranges per day are allowed. */
export interface DailyRange {
  day: Weekday;
  /** "HH:mm" local. */
  start: string;
  /** "HH:mm" local; "24:00" means the end of the local day. Must be after `start`. */
  end: string;
}

/** Replaces the weekday hours of one local date; `ranges: []` is a day off. */
export interface DateOverride {
  /** Local date "YYYY-MM-DD" in the owner's time zone. */
  date: string;
  ranges: { start: string; end: string }[];
}

/** Half-open interval [start, end) in epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

export interface SlotEmployee {
  id: string;
  /** IANA zone; callers default it to DEFAULT_TIME_ZONE. An invalid zone means no working time. */
  timeZone: string;
  workingHours: DailyRange[];
  overrides?: DateOverride[];
  /** Subtracted from working time (no buffers applied). */
  absences?: Interval[];
  meetingTypes: MeetingType[];
  locations: string[];
  serviceGroups: string[];
  topicIds: string[];
  customerTypeIds: string[];
  /** Defaults: 0, 0, 0, unlimited. */
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  minimumNoticeMinutes?: number;
  maxDaysAhead?: number;
}

export interface SlotRoom {
  id: string;
  location: string;
  capacity: number;
  /** Zone of `openingHours`; defaults to DEFAULT_TIME_ZONE. */
  timeZone?: string;
  /** Absent = always open. */
  openingHours?: DailyRange[];
}

export interface SlotTopic {
  id: string;
  /** Empty = any customer type. */
  customerTypeIds: string[];
  /** Not read by generateSlots: resolve the duration with `resolveDurationMinutes` first. */
  durationMinutes?: number;
  /** Buffers and notice combine with the employee's by taking the max; maxDaysAhead by taking the min. */
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  minimumNoticeMinutes?: number;
  maxDaysAhead?: number;
}

/** "Global" is V1's "all employees". */
export type EmployeeType = "Explicit" | "Local" | "ServiceGroup" | "Global";

export interface SlotRequest {
  explicitEmployeeIds: string[];
  /** Search window: a slot is offered when its START lies in [startMs, endMs); its end may pass endMs. */
  startMs: number;
  endMs: number;
  topic?: SlotTopic;
  customerTypeId?: string;
  /** Pools combined (union) when requireEmployeeParticipation is false; empty = no employees. */
  employeeTypes: EmployeeType[];
  /** ServiceGroup pool: employees in these groups; absent/empty = employees having any service group. */
  serviceGroups?: string[];
  /** Empty = any. */
  meetingTypes: MeetingType[];
  customerLocation?: string;
  /** Defaults to customerLocation. Required (else no slots) when requireRoom is true. */
  meetingLocation?: string;
  requireRoom: boolean;
  requireEmployeeParticipation: boolean;
  /** Resolved by the caller (see resolveDurationMinutes); must be > 0. */
  meetingDurationMinutes: number;
  /**
   * Joint meetings (requireEmployeeParticipation = false): further required participants. A slot of
   * a pool candidate is offered only when one member of each pool (ids from `employees`, never the
   * candidate nor a member picked for another pool) is free for all of it with their own buffers,
   * notice and horizon, and offers the meeting type; the members become the slot's additionalEmployees.
   */
  participantPools?: ParticipantPoolRequest[];
}

export interface ParticipantPoolRequest {
  employeeIds: string[];
  /** Only members sharing a location with the candidate. */
  sameBranch?: boolean;
}

export interface SlotInput {
  employees: SlotEmployee[];
  rooms: SlotRoom[];
  /** Busy intervals per employee id (meetings, reservations); any order, overlaps allowed. */
  employeeBusy: Map<string, Interval[]>;
  /** Busy intervals per room id. */
  roomBusy: Map<string, Interval[]>;
  request: SlotRequest;
  /** The clock, injected. */
  now: number;
}

/** A plain object (JSON- and spread-friendly); `additionalEmployees` and `roomId` only when set. */
export interface Slot {
  /** Opaque, URL-safe; decodeSlotId(id) recovers every other field. */
  readonly id: string;
  employeeId: string;
  additionalEmployees?: string[];
  start: number;
  end: number;
  meetingType: MeetingType;
  roomId?: string;
}

/** Everything a slot id carries. */
export interface SlotIdParts {
  employeeId: string;
  additionalEmployees: string[];
  start: number;
  end: number;
  meetingType: MeetingType;
  roomId: string | undefined;
}

/** The free starts of one employee (or one employee group), ascending. */
export interface SlotRun {
  employeeId: string;
  additionalEmployees: string[] | undefined;
  /** slotIdPrefix(employeeId, additionalEmployees) */
  idPrefix: string;
  /** In MEETING_TYPES order. */
  types: MeetingType[];
  starts: number[];
}

/**
 * The engine's output without an object per slot: pair p (ordered by start, then run) is run
 * runs[run[p]] at start[p], with room roomIds[room[p]] (-1 = none), and stands for one slot per
 * meeting type of that run, in MEETING_TYPES order. `count` = number of slots.
 * slotsOf(table) turns it into the Slot[] of generateSlots; shared/api/bookme/slot-json.ts writes JSON from it.
 */
export interface SlotTable {
  runs: readonly SlotRun[];
  durationMs: number;
  run: Int32Array;
  start: Float64Array;
  room: Int32Array;
  roomIds: readonly string[];
  count: number;
}
