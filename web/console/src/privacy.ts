/**
 * Privacy requests (back office): export everything held about a person (POST privacy/exports) or
 * erase it (POST privacy/erasures, with a reason and an explicit confirmation), identified by exactly
 * one of customer id, e-mail or phone, as the API demands. Each request started here is polled
 * (GET privacy/{exports|erasures}/{id}) until it finishes: its status, an erasure's per-store counts,
 * an export's document as a JSON download. Errors show at their fields and the form keeps its input.
 * Nothing is kept in the browser beyond this page: the ids live in memory only. A request the API no
 * longer knows (an export an erasure removed, or past its retention) stays listed as gone.
 */
import { api, ApiError } from "./api.js";
import { fieldErrors, h } from "./dom.js";

interface Operation {
  id: string;
  kind: "export" | "erasure";
  status: "NotStarted" | "Running" | "Succeeded" | "Failed" | "Canceled";
  identifiedBy: string;
  createdDateTime: string;
  lastActionDateTime: string;
  stores?: Record<string, { done: boolean; count: number }>;
  meetings: number;
  error: { code: string; message: string } | null;
  expiresDateTime: string | null;
  result?: unknown;
}

const FINISHED = new Set(["Succeeded", "Failed", "Canceled"]);
const POLL_MS = 1500;
const started: { kind: "export" | "erasure"; id: string }[] = [];

export async function renderPrivacy(root: HTMLElement, status: (s: string) => void): Promise<void> {
  const list = h("section", { id: "privacy-requests", "aria-labelledby": "privacy-requests-h" });
  root.replaceChildren(
    h("h2", {}, "Privacy requests"),
    h(
      "p",
      {},
      "Export or erase what BookMe holds about a person (GDPR Art. 15 and 17). Identify them by exactly one of customer id, e-mail or phone.",
    ),
    requestForm("export", list, status),
    requestForm("erasure", list, status),
    list,
  );
  await renderList(list);
}

function requestForm(kind: "export" | "erasure", list: HTMLElement, status: (s: string) => void): HTMLFormElement {
  const p = kind; // ids: export-customerId, erasure-email, ...
  const field = (name: string, label: string, type: string, extra: Record<string, string> = {}) => [
    h("label", { for: `${p}-${name}` }, label),
    h("input", { id: `${p}-${name}`, name, type, ...extra }),
  ];
  const form = h(
    "form",
    { id: `${p}-form`, class: "privacy-form", novalidate: true },
    h(
      "fieldset",
      {},
      h("legend", {}, kind === "export" ? "Export a person's data" : "Erase a person's data"),
      ...field("customerId", "Customer id", "text", { maxlength: "200" }),
      ...field("email", "E-mail", "email", { maxlength: "320" }),
      ...field("phone", "Phone", "tel", { maxlength: "40" }),
      ...(kind === "erasure"
        ? [
            ...field("reason", "Reason (case reference, no personal data)", "text", { maxlength: "500" }),
            h(
              "label",
              { for: "erasure-confirm", class: "check" },
              h("input", { id: "erasure-confirm", name: "confirm", type: "checkbox" }),
              " I understand this cannot be undone",
            ),
          ]
        : []),
    ),
    h("button", { type: "submit" }, kind === "export" ? "Start export" : "Start erasure"),
  );
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const value = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)?.value.trim() ?? "";
    const body: Record<string, string> = {};
    for (const name of ["customerId", "email", "phone", ...(kind === "erasure" ? ["reason"] : [])])
      if (value(name)) body[name] = value(name);
    if (kind === "erasure" && !form.querySelector<HTMLInputElement>('[name="confirm"]')!.checked) {
      fieldErrors(form, [{ field: "confirm", message: "confirm that the erasure cannot be undone" }]);
      return;
    }
    void api<Operation>(`privacy/${kind}s`, {}, { method: "POST", body }).then(
      async ({ data }) => {
        fieldErrors(form);
        form.reset();
        started.unshift({ kind, id: data.id });
        status(`${kind === "export" ? "Export" : "Erasure"} started`);
        await renderList(list);
      },
      (err: unknown) => {
        const problem = err instanceof ApiError ? err.problem : undefined;
        fieldErrors(form, problem?.errors ?? [{ field: "customerId", message: err instanceof Error ? err.message : String(err) }]);
        status(`The request failed: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  });
  return form;
}

let polling: ReturnType<typeof setTimeout> | undefined;

async function renderList(list: HTMLElement): Promise<void> {
  clearTimeout(polling);
  const ops = await Promise.all(
    started.map(({ kind, id }) =>
      api<Operation>(`privacy/${kind}s/${encodeURIComponent(id)}`).then(
        (r) => r.data,
        // An export an erasure removed, or one past its retention: the API no longer knows it.
        (): Operation => ({
          id,
          kind,
          status: "Canceled",
          identifiedBy: "",
          createdDateTime: "",
          lastActionDateTime: "",
          meetings: 0,
          error: { code: "gone", message: "gone (erased, or past its retention)" },
          expiresDateTime: null,
        }),
      ),
    ),
  );
  const rows = ops;
  list.replaceChildren(
    h("h3", { id: "privacy-requests-h" }, "Requests started here"),
    rows.length
      ? h(
          "table",
          { id: "privacy-table" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["Kind", "Identified by", "Status", "Meetings", "Stores", "Started", "Result"].map((t) => h("th", { scope: "col" }, t)),
            ),
          ),
          h(
            "tbody",
            {},
            ...rows.map((o) =>
              h(
                "tr",
                { "data-operation": o.id, "data-status": o.status },
                h("td", {}, o.kind),
                h("td", {}, o.identifiedBy),
                h("td", { "data-field": "status" }, o.error ? `${o.status}: ${o.error.message}` : o.status),
                h("td", {}, String(o.meetings)),
                h(
                  "td",
                  {},
                  o.stores
                    ? Object.entries(o.stores)
                        .map(([store, s]) => `${store} ${s.done ? "done" : "…"} (${s.count})`)
                        .join(", ")
                    : "",
                ),
                h("td", {}, o.createdDateTime ? new Date(o.createdDateTime).toLocaleString("en-GB") : ""),
                h(
                  "td",
                  {},
                  o.kind === "export" && o.status === "Succeeded" && o.result !== undefined
                    ? h(
                        "a",
                        {
                          class: "button",
                          download: `export-${o.id}.json`,
                          href: `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(o.result, null, 2))}`,
                        },
                        "Download export (JSON)",
                      )
                    : o.expiresDateTime
                      ? `Kept until ${new Date(o.expiresDateTime).toLocaleString("en-GB")}`
                      : "",
                ),
              ),
            ),
          ),
        )
      : h("p", {}, "None yet."),
  );
  if (rows.some((o) => !FINISHED.has(o.status)) && list.isConnected) polling = setTimeout(() => void renderList(list), POLL_MS);
}
