/** RFC 7807 problem+json: the one error shape of the API. */
import { DomainError, type FieldError, ValidationError } from "../errors.js";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  412: "Precondition Failed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  428: "Precondition Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Status for each stable domain code; unknown codes are 400 (a client mistake). */
const STATUS_BY_CODE: Record<string, number> = {
  validation_failed: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  slot_taken: 409,
  conflict: 409,
  already_exists: 409,
  in_use: 409,
  precondition_failed: 412,
  precondition_required: 428,
  outside_working_hours: 422,
  outside_opening_hours: 422,
  meeting_type_not_offered: 422,
  reservation_expired: 409,
  reservation_consumed: 409,
  meeting_cancelled: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  idempotency_in_progress: 409,
  service_unavailable: 503,
  internal_error: 500,
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return {
    type: `https://bookme.example/problems/${code.replace(/_/g, "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    ...extra,
  };
}

export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 400;
}

export function problemFromDomainError(err: DomainError): Problem {
  const status = statusForCode(err.code);
  const extra = err instanceof ValidationError ? { errors: err.errors } : err.extra;
  return problem(status, err.code, err.message, extra);
}
