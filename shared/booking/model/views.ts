/**
 * The views of a meeting and a reservation that leave BookMe: API responses (V1, V2) and the
 * payloads of events. Allow-lists over the stored documents: no rev, holds, CPR or attendee emails.
 */
import { z } from "zod";
import { MeetingDoc } from "./documents.js";

export const BOOKED_BY_V1 = ["Employee", "Customer"] as const;

export const timeSlotFields = {
  startTime: z.string().describe("The same instant as startDate (the TimeSlot model's name)"),
  endTime: z.string().describe("The same instant as endDate"),
};

/**
 * The public view: the stored meeting less its internals (rev, holds), CPR and attendee emails. Whether a
 * CPR was given shows as hasCpr (an advisor knows to ask for nothing more); the number itself never leaves.
 */
export const MeetingView = MeetingDoc.omit({
  rev: true,
  apiVersion: true,
  cpr: true,
  holds: true,
  externalAttendees: true,
  secretHash: true,
  history: true,
  subjects: true,
  erasedAt: true,
}).extend({
  status: MeetingDoc.shape.status.describe("NoShow is a BookMe extension: see POST /meetings/{id}/no-show"),
  /** Names only: attendee emails go into the calendar invitation, not into API responses. */
  externalAttendees: z.array(z.object({ name: z.string() })),
  hasCpr: z.boolean(),
});
export type MeetingView = z.output<typeof MeetingView>;

/** V1's view: none of V2's fields, and bookedBy only when it is a V1 value (portal bookings leave it out). */
export const MeetingV1View = MeetingView.omit({
  hasCpr: true,
  portalId: true,
  customFields: true,
  externalAttendees: true,
  videoLink: true,
  cancellationReason: true,
  rescheduledFrom: true,
  meetingTypeId: true,
  selectionReason: true,
  confirmation: true,
  noShowAt: true,
}).extend({
  /** V1 knows no NoShow: a no-show reads as the booked meeting it was. */
  status: z.enum(["Booked", "Cancelled", "Pending"]),
  bookedBy: z.enum(BOOKED_BY_V1).optional(),
});
export type MeetingV1View = z.output<typeof MeetingV1View>;

export function meetingView(m: MeetingDoc, version: "v1" | "v2" = "v2"): MeetingView | MeetingV1View {
  const view = meetingViewV2(m);
  if (version === "v2") return view;
  const {
    portalId: _p,
    customFields: _c,
    externalAttendees: _e,
    videoLink: _v,
    cancellationReason: _r,
    rescheduledFrom: _f,
    meetingTypeId: _t,
    selectionReason: _s,
    confirmation: _k,
    hasCpr: _h,
    noShowAt: _n,
    bookedBy,
    status,
    ...rest
  } = view;
  const v1 = { ...rest, status: status === "NoShow" ? ("Booked" as const) : status };
  return (BOOKED_BY_V1 as readonly string[]).includes(bookedBy) ? { ...v1, bookedBy: bookedBy as MeetingV1View["bookedBy"] } : v1;
}

function meetingViewV2(m: MeetingDoc): MeetingView {
  return {
    id: m.id,
    status: m.status,
    salesforceId: m.salesforceId,
    bookedBy: m.bookedBy,
    customerTypeId: m.customerTypeId,
    timeSlotId: m.timeSlotId,
    dateCreated: m.dateCreated,
    dateModified: m.dateModified,
    title: m.title,
    description: m.description,
    videoLink: m.videoLink,
    additionalEmployees: m.additionalEmployees,
    roomId: m.roomId,
    startDate: m.startDate,
    endDate: m.endDate,
    type: m.type,
    topicId: m.topicId,
    employeeId: m.employeeId,
    customerId: m.customerId,
    portalId: m.portalId,
    customFields: m.customFields,
    externalAttendees: m.externalAttendees.map((a) => ({ name: a.name })),
    hasCpr: m.cpr !== null,
    cancellationReason: m.cancellationReason,
    rescheduledFrom: m.rescheduledFrom,
    meetingTypeId: m.meetingTypeId,
    selectionReason: m.selectionReason,
    confirmation: m.confirmation,
    ...(m.noShowAt ? { noShowAt: m.noShowAt } : {}),
  };
}

export const ReservationView = z.object({
  id: z.string(),
  status: z.literal("Reserved"),
  startDate: z.string(),
  endDate: z.string(),
  ...timeSlotFields,
  available: z.literal(true).describe("Bookable by this reservation's holder: book it with timeSlotId = id"),
  employeeId: z.string().nullable(),
  roomId: z.string().nullable(),
  serviceGroup: z.string().nullable(),
  token: z.string(),
  existingMeetingId: z.string().nullable(),
  expiresAt: z.string(),
});

type ReservationFields = Omit<z.output<typeof ReservationView>, "status" | "startTime" | "endTime" | "available">;

/** The public view of a stored reservation (the stored one also keeps its calendar holds). */
export function reservationView(r: ReservationFields): z.output<typeof ReservationView> {
  return {
    id: r.id,
    status: "Reserved",
    startDate: r.startDate,
    endDate: r.endDate,
    startTime: r.startDate,
    endTime: r.endDate,
    available: true,
    employeeId: r.employeeId,
    roomId: r.roomId,
    serviceGroup: r.serviceGroup,
    token: r.token,
    existingMeetingId: r.existingMeetingId,
    expiresAt: r.expiresAt,
  };
}
