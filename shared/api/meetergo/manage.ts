/** Cancel and reschedule with the appointment's secret (meetergo: "required to cancel or reschedule without authentication"). */
import { SELF_SERVICE_ACTOR } from "../../booking/model/caller.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import { cancelMeeting } from "../../booking/commands/cancel-meeting.js";
import type { MeetingDoc } from "../../booking/model/documents.js";
import { rescheduleMeeting } from "../../booking/commands/reschedule-meeting.js";
import { meetingBySecret } from "../../booking/commands/self-service.js";

export function appointmentView(m: MeetingDoc) {
  return {
    appointmentId: m.id,
    meetingTypeId: m.meetingTypeId,
    start: m.startDate,
    end: m.endDate,
    hostIds: [m.employeeId],
    status: m.status.toLowerCase(),
    cancelReason: m.cancellationReason,
  };
}

export async function cancelAppointment(deps: BookingDeps, id: string, body: { secret: string; cancelReason?: string }, now: number) {
  await meetingBySecret(deps, id, body.secret);
  return appointmentView((await cancelMeeting(deps, { id, reason: body.cancelReason, actor: SELF_SERVICE_ACTOR }, now)).meeting);
}

export async function rescheduleAppointment(
  deps: BookingDeps,
  id: string,
  body: { secret: string; start: string; duration?: number },
  now: number,
) {
  const { meeting } = await meetingBySecret(deps, id, body.secret);
  const start = Date.parse(body.start);
  // The same length unless a new duration is asked for (the core checks the type allows it).
  const minutes = body.duration ?? (Date.parse(meeting.endDate) - Date.parse(meeting.startDate)) / 60_000;
  return appointmentView(
    (await rescheduleMeeting(deps, { id, time: { start, end: start + minutes * 60_000 }, actor: SELF_SERVICE_ACTOR }, now)).meeting,
  );
}
