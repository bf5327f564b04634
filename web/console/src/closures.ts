/**
 * A branch's closures (config/closures: a date or a range of dates, with a reason): the list, a form
 * to add one and a button to delete each. Writing needs BookMe.Admin (the back office); the API's
 * problem+json errors are shown at their fields and the form keeps its input when a save fails.
 */
import { api, ApiError } from "./api.js";
import { fieldErrors, h } from "./dom.js";

export interface Closure {
  id: string;
  location?: string;
  from: string;
  to: string;
  reason: string;
}

/** The closures that apply to a branch: its own and the bank-wide ones (no location). */
export async function closuresOf(branch: string): Promise<Closure[]> {
  const { data } = await api<Closure[]>("config/closures");
  return data.filter((c) => c.location === undefined || c.location === branch).sort((a, b) => a.from.localeCompare(b.from));
}

/** The closure covering a local date (yyyy-MM-dd), if any. */
export const closureOn = (closures: Closure[], date: string) => closures.find((c) => c.from <= date && date <= c.to);

export async function renderClosures(root: HTMLElement, branch: string, status: (s: string) => void): Promise<void> {
  const closures = await closuresOf(branch);
  const list = closures.length
    ? h(
        "table",
        { id: "closures-table" },
        h("caption", {}, `Closures at ${branch} (and bank-wide)`),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "From"),
            h("th", { scope: "col" }, "To"),
            h("th", { scope: "col" }, "Where"),
            h("th", { scope: "col" }, "Reason"),
            h("th", { scope: "col" }, "Actions"),
          ),
        ),
        h(
          "tbody",
          {},
          ...closures.map((c) =>
            h(
              "tr",
              { "data-closure": c.id },
              h("td", {}, c.from),
              h("td", {}, c.to),
              h("td", {}, c.location ?? "Whole bank"),
              h("td", {}, c.reason),
              h(
                "td",
                {},
                h(
                  "button",
                  {
                    type: "button",
                    "aria-label": `Delete closure ${c.from}${c.to !== c.from ? ` to ${c.to}` : ""}: ${c.reason}`,
                    onclick: async () => {
                      try {
                        await api(`config/closures/${encodeURIComponent(c.id)}`, {}, { method: "DELETE" });
                        status(`Closure ${c.from} deleted`);
                        await renderClosures(root, branch, status);
                      } catch (err) {
                        status(`Delete failed: ${err instanceof Error ? err.message : String(err)}`);
                      }
                    },
                  },
                  "Delete",
                ),
              ),
            ),
          ),
        ),
      )
    : h("p", {}, `No closures at ${branch}.`);

  const form = h(
    "form",
    { id: "closure-form", "aria-label": `Add a closure at ${branch}`, novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, `Add a closure at ${branch}`),
      h("label", { for: "closure-from" }, "First day"),
      h("input", { id: "closure-from", name: "from", type: "date", required: true }),
      h("label", { for: "closure-to" }, "Last day (empty: one day)"),
      h("input", { id: "closure-to", name: "to", type: "date" }),
      h("label", { for: "closure-reason" }, "Reason"),
      h("input", { id: "closure-reason", name: "reason", type: "text", required: true, maxlength: "200" }),
    ),
    h("button", { type: "submit" }, "Add closure"),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const value = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value.trim();
    const from = value("from");
    const to = value("to");
    const range = !to || to === from ? { date: from || undefined } : { from, to };
    const body = { location: branch, ...range, reason: value("reason") };
    const id = crypto.randomUUID();
    void api(`config/closures/${encodeURIComponent(id)}`, {}, { method: "PUT", body }).then(
      async () => {
        status(`Closure ${from}${to && to !== from ? ` to ${to}` : ""} added`);
        await renderClosures(root, branch, status);
      },
      (err: unknown) => {
        // The API names body.date when one day is given; the form's field for it is "from".
        const errors = err instanceof ApiError ? (err.problem.errors ?? [{ field: "reason", message: err.message }]) : [];
        fieldErrors(
          form,
          errors.map((e) => ({ ...e, field: e.field.replace(/^(body\.)?date\b/, "from") })),
        );
        status(`Save failed: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  });
  root.replaceChildren(h("h2", {}, `Closures at ${branch}`), list, form);
}
