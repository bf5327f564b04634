/**
 * The API's problem+json shown on a form: each errors[] entry at its input (aria-invalid and
 * aria-describedby to the message) and all of them in a summary above the button; the inputs keep
 * their values. An input is found by data-field (the exact dotted path, e.g. workingHours.0.end),
 * else by name (the path's first segment); an error with neither shows in the summary only.
 */
import { ApiError } from "./api.js";
import { h } from "./dom.js";

export interface FieldProblem {
  field: string;
  message: string;
}

export function clearErrors(form: HTMLFormElement): void {
  form.querySelectorAll(".field-error, .error-summary").forEach((e) => e.remove());
  form.querySelectorAll("[aria-invalid]").forEach((input) => {
    input.removeAttribute("aria-invalid");
    const kept = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.startsWith(`${form.id}-err-`));
    if (kept.length) input.setAttribute("aria-describedby", kept.join(" "));
    else input.removeAttribute("aria-describedby");
  });
}

function inputFor(form: HTMLFormElement, field: string): HTMLElement | null {
  return (
    form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`) ??
    form.querySelector<HTMLElement>(`[name="${CSS.escape(field.split(".")[0])}"]`)
  );
}

/** The problems of a failed save; a 412 is a concurrent change, anything else without errors[] a form-wide one. */
export function problemsOf(err: unknown): FieldProblem[] {
  if (!(err instanceof ApiError)) return [{ field: "", message: err instanceof Error ? err.message : String(err) }];
  if (err.problem.status === 412) return [{ field: "", message: "Changed meanwhile by someone else: reload and make your change again." }];
  const errors = err.problem.errors ?? [];
  return errors.length
    ? errors.map((e) => ({ field: e.field.replace(/^body\./, ""), message: e.message }))
    : [{ field: "", message: err.message }];
}

export function showErrors(form: HTMLFormElement, title: string, problems: FieldProblem[], before: Element): void {
  clearErrors(form);
  problems.forEach((p, i) => {
    const input = p.field ? inputFor(form, p.field) : null;
    if (!input) return;
    const id = `${form.id}-err-${i}`;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
    input.after(h("span", { class: "field-error", id }, p.message));
  });
  const summary = h(
    "div",
    { class: "error-summary", role: "alert" },
    h("p", {}, title),
    h("ul", {}, ...problems.map((p) => h("li", {}, p.field ? `${p.field}: ${p.message}` : p.message))),
  );
  before.before(summary);
}
