/**
 * Domain errors: a stable `code` each, and the one table of codes and their HTTP statuses.
 * A code missing from the table does not compile.
 */

export const ERROR_STATUS = {
  validation_failed: 400,
  /** A meeting type that requires acceptance of the privacy notice, booked without it (errors[] names the field). */
  consent_required: 400,
  /** Bookings API for bots: contact_name, contact_email or start_time missing. */
  missing_field: 400,
  malformed_json: 400,
  /** An availability or grid query over its cost budget (shared/booking/queries/query-budget.ts). */
  query_too_large: 400,
  unauthorized: 401,
  forbidden: 403,
  /** The token's client application has no registration (PUT /config/clients/{appId}). */
  client_not_registered: 403,
  /** The token does not fit its client's channel (an app-only token on the Employee channel, ...). */
  channel_not_allowed: 403,
  /** A body value contradicts the caller (bookedBy, portalId, customerId). */
  field_not_allowed: 403,
  routing_rejected: 403,
  not_found: 404,
  route_not_found: 404,
  booking_link_not_found: 404,
  method_not_allowed: 405,
  slot_taken: 409,
  conflict: 409,
  already_exists: 409,
  reservation_expired: 409,
  reservation_consumed: 409,
  meeting_cancelled: 409,
  calendar_busy: 409,
  calendar_stale: 409,
  already_cancelled: 409,
  not_pending: 409,
  confirmation_expired: 409,
  /** A no-show is marked only once the meeting has started. */
  meeting_not_started: 409,
  /** Only a booked (confirmed) meeting can be a no-show. */
  meeting_not_booked: 409,
  already_no_show: 409,
  /** Undoing a no-show: the meeting is not marked one. */
  not_no_show: 409,
  /** Undoing a no-show is possible for 24 hours after it was marked. */
  no_show_undo_expired: 409,
  idempotency_in_progress: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  outside_working_hours: 422,
  /** The caller holds as many live reservations as it may. */
  too_many_reservations: 429,
  outside_opening_hours: 422,
  meeting_type_not_offered: 422,
  idempotency_key_reused: 422,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** Dotted path of the offending field, e.g. "timeSlot.startDate" or "query.employeeId". */
  field: string;
  /** What rule it broke, in words a client developer can act on. */
  message: string;
  /** Short machine-readable rule name: required, invalid_type, too_long, ... */
  rule: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    message = errors.map((e) => `${e.field}: ${e.message}`).join("; "),
  ) {
    super("validation_failed", message, { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id: string) {
    super("not_found", `${resource} '${id}' was not found`);
  }
}

export class ConflictError extends DomainError {}

export class PreconditionFailedError extends DomainError {
  constructor(message = "the resource has changed since it was read (If-Match does not match its ETag)") {
    super("precondition_failed", message);
  }
}

export class UnavailableError extends DomainError {
  constructor(message = "the database is unavailable; retry shortly") {
    super("service_unavailable", message);
  }
}

export const fieldError = (field: string, message: string, rule = "invalid"): FieldError => ({ field, message, rule });

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
  "EAI_AGAIN",
]);

/** A dependency (the database) cannot be reached or is throttling: the client should retry later (503). */
export function isUnavailable(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { code?: unknown; name?: string; cause?: unknown; message?: string };
  if (typeof e.code === "number" && (e.code === 429 || e.code === 503 || e.code === 408)) return true;
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  if (e.name === "TimeoutError" || e.name === "AbortError") return true;
  if (e.cause && e.cause !== err) return isUnavailable(e.cause);
  return /ECONNREFUSED|ECONNRESET|socket hang up|timed out/i.test(e.message ?? "");
}
