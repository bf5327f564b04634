/** Tiny DOM helpers: elements built with textContent only (no HTML strings from data). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | boolean | ((e: Event) => void | Promise<void>)> = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), (e) => void v(e));
    else if (typeof v === "boolean") {
      if (v) el.setAttribute(k, "");
    } else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

export function fieldErrors(form: HTMLElement, errors: { field: string; message: string }[] = []): void {
  form.querySelectorAll(".field-error").forEach((e) => e.remove());
  for (const error of errors) {
    const name = error.field.replace(/^body\./, "").split(".")[0];
    const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
    const note = h("span", { class: "field-error" }, `${error.field}: ${error.message}`);
    if (input) input.after(note);
    else form.append(note);
  }
}
