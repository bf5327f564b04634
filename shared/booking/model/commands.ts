/**
 * The booking domain's commands, in domain terms: instants in epoch ms, durations in minutes,
 * ids resolved. The HTTP edge maps its schemas to these (shared/api/bookme/meeting-commands.ts).
 */
import type { MeetingType } from "../../slots/index.js";
import type { ApiVersionName, MeetingDoc } from "./documents.js";
import type { Actor, Caller } from "./caller.js";

export interface Attendee {
  name: string;
  email: string;
}

/** Fields of a meeting that do not touch any calendar. */
export interface MeetingDetails {
  /** Absent: the caller's channel decides (caller-rules.ts). */
  bookedBy?: string;
  salesforceId: string | null;
  customerId: string;
  customerTypeId: string | null;
  topicId: string | null;
  portalId: string | null;
  /** Normalised by the domain; never returned. */
  cpr: string | null;
  title: string | null;
  description: string | null;
  videoLink: string | null;
  customFields: { key: string; value: string }[];
  externalAttendees: Attendee[];
}

/** Where a booking's time comes from: a reservation id or slot id, else start and end. */
export interface TimeChoice {
  timeSlotId?: string;
  start?: number;
  end?: number;
}

export interface BookMeetingCommand {
  version: ApiVersionName;
  time: TimeChoice;
  /** The advisor; with a meetingTypeId it may be left out (round-robin over the type's pool). */
  employeeId?: string;
  meetingTypeId?: string;
  /** With a meetingTypeId: pick among these advisors of the pool only. */
  hostIds?: string[];
  /** Answers to the meeting type's qualification questions. */
  answers?: { questionId: string; answer: string }[];
  additionalEmployees?: string[];
  roomId?: string;
  type?: MeetingType;
  details: MeetingDetails;
  /** Who books (absent: the service itself, or a caller already checked, e.g. a secret holder). */
  caller?: Caller;
  /** Who the change is recorded as made by when there is no caller (the booking page, a secret holder). */
  actor?: Actor;
  /** The request's field that carries consent (V2 `consent`, meetergo `attendee.dataPolicyAccepted` ...): named by consent_required. */
  consentField?: string;
}

/** A change by read-modify-write: absent fields keep their value; values equal to the stored ones change nothing. */
export interface ChangeMeetingCommand {
  id: string;
  /** The client's If-Match header, when it sent one. */
  ifMatch?: string;
  time: TimeChoice;
  employeeId?: string;
  additionalEmployees?: string[];
  /** null removes the room. */
  roomId?: string | null;
  type?: MeetingType;
  /** The CPR is given at booking only (sealed to the meeting); a change never carries one. */
  details: Partial<Omit<MeetingDetails, "externalAttendees" | "bookedBy" | "portalId" | "cpr">>;
  /** Attendees as a client sends them back: an email may be left out for one already on the meeting. */
  externalAttendees?: { name: string; email?: string }[];
  /** Read-only fields the client sent back (id, status, bookedBy, portalId, dateCreated, dateModified): must be unchanged. */
  readOnly: Record<string, unknown>;
  /** Recorded as a reschedule (rescheduledFrom, history); the time must change. */
  reschedule?: boolean;
  caller?: Caller;
  actor?: Actor;
}

export interface CancelMeetingCommand {
  id: string;
  ifMatch?: string;
  reason?: string;
  caller?: Caller;
  actor?: Actor;
}

/** A new time for the same meeting (same id), recorded as a reschedule. */
export interface RescheduleMeetingCommand {
  id: string;
  ifMatch?: string;
  time: TimeChoice;
  caller?: Caller;
  actor?: Actor;
}

/** How a pool booking chose its advisor, and whether the meeting waits for a confirmation. */
export interface Assignment {
  selectionReason: string | null;
  confirmation?: MeetingDoc["confirmation"];
}
