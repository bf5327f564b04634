/** Configuration: a meeting type's pool (advisors), webhooks (list, rotate the signing secret). Errors shown at their fields. */
import { api, ApiError } from "./api.js";
import { fieldErrors, h } from "./dom.js";
import type { Employee } from "./week.js";

interface MeetingType {
  id: string;
  name?: string;
  employeeIds?: string[];
  [key: string]: unknown;
}
interface Webhook {
  id: string;
  url: string;
  events?: string[];
  enabled?: boolean;
}

export async function renderMeetingTypes(root: HTMLElement, employees: Employee[], status: (s: string) => void): Promise<void> {
  const { data: types } = await api<MeetingType[]>("meeting-types");
  const list = h(
    "ul",
    {},
    ...types.map((t) => h("li", {}, h("button", { type: "button", onclick: () => void edit(t.id) }, t.name ?? t.id))),
  );
  const editor = h("section", { "aria-live": "polite" });
  root.replaceChildren(h("h2", {}, "Meeting types"), list, editor);

  async function edit(id: string) {
    const { data: type, etag } = await api<MeetingType>(`meeting-types/${encodeURIComponent(id)}`);
    const pool = new Set(type.employeeIds ?? []);
    const form = h("form", { "aria-label": `Pool of ${type.name ?? id}` });
    const boxes = employees.map((e) =>
      h(
        "label",
        {},
        h("input", { type: "checkbox", name: "employeeIds", value: e.id, ...(pool.has(e.id) ? { checked: true } : {}) }),
        ` ${e.name} (${e.locations.join(", ")})`,
      ),
    );
    form.append(h("fieldset", {}, h("legend", {}, `Pool of ${type.name ?? id}`), ...boxes), h("button", { type: "submit" }, "Save pool"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const chosen = [...form.querySelectorAll<HTMLInputElement>("input[name=employeeIds]:checked")].map((i) => i.value);
      const { id: _id, ...body } = type;
      void api(
        `config/meeting-types/${encodeURIComponent(id)}`,
        {},
        { method: "PUT", body: { ...body, employeeIds: chosen }, ifMatch: etag ?? undefined },
      ).then(
        () => (fieldErrors(form), status("Pool saved")),
        (err: unknown) => {
          if (err instanceof ApiError) fieldErrors(form, err.problem.errors ?? [{ field: "employeeIds", message: err.message }]);
          status(`Save failed: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
    });
    editor.replaceChildren(form);
  }
}

export async function renderWebhooks(root: HTMLElement, status: (s: string) => void): Promise<void> {
  const { data: hooks } = await api<Webhook[]>("config/webhooks");
  const secret = h("p", { "aria-live": "polite" });
  const rows = hooks.map((w) =>
    h(
      "tr",
      {},
      h("td", {}, w.url),
      h("td", {}, (w.events ?? []).join(", ")),
      h(
        "td",
        {},
        h(
          "button",
          {
            type: "button",
            onclick: async () => {
              try {
                const { data } = await api<{ secret?: string }>(
                  `config/webhooks/${encodeURIComponent(w.id)}/rotate-secret`,
                  {},
                  { method: "POST", body: {} },
                );
                secret.textContent = `New secret for ${w.url} (shown once): ${data.secret ?? ""}`;
                status("Secret rotated");
              } catch (err) {
                status(`Rotate failed: ${err instanceof Error ? err.message : String(err)}`);
              }
            },
          },
          "Rotate secret",
        ),
      ),
    ),
  );
  root.replaceChildren(
    h("h2", {}, "Webhooks"),
    hooks.length
      ? h(
          "table",
          {},
          h(
            "thead",
            {},
            h("tr", {}, h("th", { scope: "col" }, "URL"), h("th", { scope: "col" }, "Events"), h("th", { scope: "col" }, "Actions")),
          ),
          h("tbody", {}, ...rows),
        )
      : h("p", {}, "No webhooks."),
    secret,
  );
}
