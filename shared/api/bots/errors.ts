/** Errors in the Bookings API for bots' shape {error: {code, message}}, with its codes. */
import type { Problem } from "../edge/problem.js";
import type { Reply } from "../edge/endpoint.js";

const REQUIRED_FIELDS = new Set(["contact_name", "contact_email", "start_time"]);

export function botsErrorFormat(p: Problem, headers: Record<string, string>): Reply {
  let code = p.code;
  if (code === "validation_failed" && p.errors?.some((e) => REQUIRED_FIELDS.has(e.field) && e.rule === "required")) code = "missing_field";
  if (code === "outside_working_hours" || code === "outside_opening_hours" || code === "meeting_type_not_offered") code = "slot_taken";
  const status = code === "slot_taken" ? 409 : p.status;
  const fields = p.errors?.length ? { fields: p.errors.map((e) => ({ field: e.field, rule: e.rule, message: e.message })) } : {};
  return {
    status,
    body: { error: { code, message: p.detail, ...fields } },
    headers: { ...headers, "content-type": "application/json; charset=utf-8" },
  };
}
