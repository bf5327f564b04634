/** The customer's details: labelled fields, hints, and the API's field errors inline and in a summary. */
import { h } from "./dom.js";
import { fieldMessage, t } from "./i18n.js";

export interface Details {
  name: string;
  email: string;
  phone: string;
  cpr: string;
  notes: string;
}

/** The privacy notice to accept before booking (GET /privacy-notice); absent: the page does not ask. */
export interface Consent {
  url: string;
  accepted: boolean;
}

interface FormOptions {
  details: Details;
  consent?: Consent | null;
  errors: Record<string, string>;
  busy: boolean;
  disabled: boolean;
  onSubmit(): void;
}

type Key = keyof Details;
const FIELDS: { key: Key; type: string; autocomplete: string; required: boolean; hint?: "cprHint"; inputmode?: string }[] = [
  { key: "name", type: "text", autocomplete: "name", required: true },
  { key: "email", type: "email", autocomplete: "email", required: true },
  { key: "phone", type: "tel", autocomplete: "tel", required: true },
  { key: "cpr", type: "text", autocomplete: "off", required: false, hint: "cprHint", inputmode: "numeric" },
];

export function detailsForm(o: FormOptions): HTMLElement {
  const texts = t();
  const errorKeys = Object.keys(o.errors);
  const summary = errorKeys.length
    ? h(
        "div",
        { className: "error-summary", id: "error-summary", tabindex: "-1", role: "alert" },
        h("p", {}, texts.fixErrors),
        h(
          "ul",
          {},
          errorKeys.map((k) => h("li", {}, h("a", { href: `#field-${k}` }, `${labelOf(k)}: ${fieldMessage(k, o.errors[k])}`))),
        ),
      )
    : null;
  const field = (f: (typeof FIELDS)[number]) => {
    const id = `field-${f.key}`;
    const error = o.errors[f.key];
    const describedBy = [f.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
    return h(
      "div",
      { className: error ? "field invalid" : "field" },
      h("label", { for: id }, texts[f.key], f.required ? h("span", { "aria-hidden": "true" }, " *") : null),
      f.hint ? h("p", { className: "hint", id: `${id}-hint` }, texts[f.hint]) : null,
      error ? h("p", { className: "error", id: `${id}-error` }, fieldMessage(f.key, error)) : null,
      h("input", {
        id,
        name: f.key,
        type: f.type,
        autocomplete: f.autocomplete,
        inputmode: f.inputmode,
        required: f.required,
        "aria-required": f.required ? "true" : undefined,
        "aria-invalid": error ? "true" : undefined,
        "aria-describedby": describedBy,
        value: o.details[f.key],
        oninput: (e: Event) => (o.details[f.key] = (e.target as HTMLInputElement).value),
      }),
    );
  };
  const notesError = o.errors.notes;
  return h(
    "form",
    { className: "card", "aria-labelledby": "details-title", novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), o.onSubmit()) },
    h("h2", { id: "details-title" }, texts.stepDetails),
    summary,
    FIELDS.map(field),
    h(
      "div",
      { className: notesError ? "field invalid" : "field" },
      h("label", { for: "field-notes" }, texts.notes),
      notesError ? h("p", { className: "error", id: "field-notes-error" }, fieldMessage("notes", notesError)) : null,
      h(
        "textarea",
        {
          id: "field-notes",
          name: "notes",
          rows: 3,
          "aria-invalid": notesError ? "true" : undefined,
          "aria-describedby": notesError ? "field-notes-error" : undefined,
          oninput: (e: Event) => (o.details.notes = (e.target as HTMLTextAreaElement).value),
        },
        o.details.notes,
      ),
    ),
    o.consent ? consentField(o.consent, o.errors.privacyNoticeAccepted) : null,
    h(
      "button",
      { type: "submit", id: "book", className: "primary", disabled: o.busy || o.disabled, "aria-disabled": o.busy ? "true" : undefined },
      o.busy ? texts.booking : texts.book,
    ),
  );
}

/** A required checkbox with the notice linked in its label; its error inline and in the summary like the other fields. */
function consentField(consent: Consent, error: string | undefined): HTMLElement {
  const texts = t();
  const id = "field-privacyNoticeAccepted";
  return h(
    "div",
    { className: error ? "field consent invalid" : "field consent" },
    error ? h("p", { className: "error", id: `${id}-error` }, fieldMessage("privacyNoticeAccepted", error)) : null,
    h("input", {
      id,
      name: "privacyNoticeAccepted",
      type: "checkbox",
      required: true,
      "aria-required": "true",
      "aria-invalid": error ? "true" : undefined,
      "aria-describedby": error ? `${id}-error` : undefined,
      checked: consent.accepted,
      onchange: (e: Event) => (consent.accepted = (e.target as HTMLInputElement).checked),
    }),
    h(
      "label",
      { for: id },
      texts.privacyNoticeBefore,
      h("a", { href: consent.url, target: "_blank", rel: "noopener noreferrer" }, texts.privacyNoticeLink),
      h("span", { className: "visually-hidden" }, texts.privacyNoticeAfter),
      h("span", { "aria-hidden": "true" }, " *"),
    ),
  );
}

function labelOf(key: string): string {
  const texts = t();
  const text = (texts as unknown as Record<string, unknown>)[key];
  return typeof text === "string" ? text : key;
}
