/**
 * Errors in meetergo's shape {statusCode, message, error}, with meetergo's messages for the cases
 * its docs name: a taken slot and a duration the meeting type does not allow are 400s there.
 */
import type { Problem } from "../edge/problem.js";
import type { Reply } from "../edge/endpoint.js";

export const MESSAGES = {
  slotUnavailable: "The selected time slot is no longer available",
  hostRequired: "hostIds or queueId is required",
  duration: "Duration must match one of the allowed durations for this meeting type",
} as const;

const ERROR_NAMES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export const meetergoError = (statusCode: number, message: string, headers: Record<string, string> = {}): Reply => ({
  status: statusCode,
  body: { statusCode, message, error: ERROR_NAMES[statusCode] ?? "Error" },
  headers: { ...headers, "content-type": "application/json; charset=utf-8" },
});

/** The edge's problem as meetergo would have answered it. */
export function meetergoErrorFormat(p: Problem, headers: Record<string, string>): Reply {
  if (
    p.code === "slot_taken" ||
    p.code === "outside_working_hours" ||
    p.code === "outside_opening_hours" ||
    p.code === "meeting_type_not_offered"
  )
    return meetergoError(400, MESSAGES.slotUnavailable, headers);
  if (p.errors?.some((e) => e.rule === "allowed_values")) return meetergoError(400, MESSAGES.duration, headers);
  return meetergoError(p.status, p.detail, headers);
}
