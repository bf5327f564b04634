/** RFC 7807 problem+json: the one error shape of the API. */
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldError, ValidationError } from "../../kernel/errors.js";

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

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problem(status: number, code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  return {
    type: `https://bookme.example/problems/${code.replace(/_/g, "-")}`,
    title: TITLES[status] ?? "Error",
    status,
    detail,
    code,
    ...extra,
  };
}

export function statusForCode(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

export function problemFromDomainError(err: DomainError): Problem {
  const status = statusForCode(err.code);
  const extra = err instanceof ValidationError ? { errors: err.errors } : err.extra;
  return problem(status, err.code, err.message, extra);
}
