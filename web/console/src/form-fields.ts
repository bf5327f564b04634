/** Labelled inputs for the directory forms: text, number, comma-separated lists, check boxes, a time zone with suggestions. */
import { h } from "./dom.js";

type Attrs = Record<string, string | boolean>;

export function textField(id: string, name: string, label: string, value = "", attrs: Attrs = {}): HTMLDivElement {
  return h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name, type: "text", value, ...attrs }));
}

/** A list of short texts as one input, "a, b"; its API field is the list (errors such as locations.1 land here). */
export function listField(id: string, name: string, label: string, values: string[] = []): HTMLDivElement {
  return textField(id, name, `${label} (comma-separated)`, values.join(", "));
}
export const listValue = (form: HTMLFormElement, name: string): string[] =>
  inputValue(form, name)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export const inputValue = (form: HTMLFormElement, name: string): string =>
  form.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value.trim() ?? "";

/** A number as typed ("" stays a string so the API names the field instead of the form dropping it). */
export function numberValue(form: HTMLFormElement, name: string): number | string {
  const raw = inputValue(form, name);
  return raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
}

export function checkboxes(id: string, name: string, legend: string, options: readonly string[], checked: string[]): HTMLFieldSetElement {
  return h(
    "fieldset",
    { id, class: "checks", name },
    h("legend", {}, legend),
    ...options.map((o) =>
      h(
        "label",
        { class: "inline" },
        h("input", { type: "checkbox", name, value: o, ...(checked.includes(o) ? { checked: true } : {}) }),
        ` ${o}`,
      ),
    ),
  );
}
export const checkedValues = (form: HTMLFormElement, name: string): string[] =>
  [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);

export function checkField(id: string, name: string, label: string, checked: boolean): HTMLDivElement {
  return h(
    "div",
    { class: "field" },
    h(
      "label",
      { class: "inline", for: id },
      h("input", { id, name, type: "checkbox", ...(checked ? { checked: true } : {}) }),
      ` ${label}`,
    ),
  );
}
export const isChecked = (form: HTMLFormElement, name: string): boolean =>
  form.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.checked ?? false;

const COMMON_ZONES = [
  "Europe/Copenhagen",
  "Europe/Stockholm",
  "Europe/Oslo",
  "Europe/Helsinki",
  "Europe/Berlin",
  "Europe/Amsterdam",
  "Europe/London",
  "Atlantic/Faroe",
  "America/Nuuk",
  "UTC",
];

/** An IANA zone: typed freely, with the common ones (then all the browser knows) suggested. */
export function timeZoneField(id: string, value: string): HTMLDivElement {
  const all = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  const zones = [...new Set([...COMMON_ZONES, ...all])];
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, "Time zone (IANA, e.g. Europe/Copenhagen)"),
    h("input", { id, name: "timeZone", type: "text", list: `${id}-zones`, value, autocomplete: "off" }),
    h("datalist", { id: `${id}-zones` }, ...zones.map((z) => h("option", { value: z }))),
  );
}
