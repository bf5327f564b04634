/** GET /time-slots/available's query mapped to the domain's availability search. */
import type { AvailabilityQuery } from "../../booking/queries/availability.js";
import { msOf } from "../../kernel/instants.js";
import type { AvailableQuery } from "./schemas/time-slots.js";
import { parseTimeSpan, type EmployeeType } from "../../slots/index.js";

export function availabilityQuery(q: AvailableQuery, now: number): AvailabilityQuery {
  const startMs = q.startDate ? msOf(q.startDate) : now;
  return {
    explicitEmployeeIds: q.explicitEmployeeIds,
    startMs,
    // The schema has checked the TimeSpan.
    endMs: startMs + (parseTimeSpan(q.lookForwardTime) ?? 0),
    topicId: q.topic,
    customerTypeId: q.customerTypeId,
    employeeTypes: q.employeeTypes as EmployeeType[],
    serviceGroups: q.serviceGroups,
    meetingTypes: q.meetingTypes,
    customerLocation: q.customerLocation,
    meetingLocation: q.meetingLocation,
    requireRoom: q.requireRoom,
    requireEmployeeParticipation: q.requireEmployeeParticipation,
    meetingDurationMinutes: q.meetingDuration,
    meetingTypeId: "meetingTypeId" in q && typeof q.meetingTypeId === "string" ? q.meetingTypeId : undefined,
    customerId: "customerId" in q && typeof q.customerId === "string" ? q.customerId : undefined,
  };
}
