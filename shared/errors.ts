/** Domain errors: a stable `code` each; the HTTP edge maps codes to statuses. */

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
    readonly code: string,
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
