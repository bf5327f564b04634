/**
 * Meeting topics and customer types (back office, BookMe.Admin): a list, "New" and an edit form
 * each, as directory-forms.ts. A customer type's GET gives all its fields; a topic is read from
 * the topic list, whose view lacks the booking rules (buffers, notice, horizon), so the form warns
 * that saving an existing topic clears them.
 */
import { api } from "./api.js";
import { h } from "./dom.js";
import { onSave, table } from "./directory-forms.js";
import { checkField, inputValue, isChecked, numberValue, textField } from "./form-fields.js";

type Status = (s: string) => void;
interface CustomerType {
  id: string;
  name: string;
  description?: string;
}
interface Topic {
  id: string;
  name: string;
  description?: string;
  customerTypeIds: string[];
  isCustomerVisible: boolean;
  durationMinutes?: number;
  [key: string]: unknown;
}

const editButton = (name: string, open: () => void) => h("button", { type: "button", "aria-label": `Edit ${name}`, onclick: open }, "Edit");

export async function renderTopics(root: HTMLElement, status: Status): Promise<void> {
  const [{ data: list }, { data: types }] = await Promise.all([
    api<Topic[]>("meeting-topics", { isCustomer: "false" }),
    api<CustomerType[]>("config/customer-types"),
  ]);
  const topics = [...list].sort((a, b) => a.name.localeCompare(b.name));
  const typeName = new Map(types.map((t) => [t.id, t.name]));
  const editor = h("section", { id: "topic-editor", "aria-label": "Topic editor" });
  const rows = topics.map((t) =>
    h(
      "tr",
      { "data-topic": t.id },
      h("th", { scope: "row" }, t.name),
      h("td", {}, t.customerTypeIds.map((id) => typeName.get(id) ?? id).join(", ") || "All"),
      h("td", {}, t.isCustomerVisible ? "Yes" : "No"),
      h("td", {}, t.durationMinutes ? `${t.durationMinutes} min` : ""),
      h(
        "td",
        {},
        editButton(t.name, () => void edit(t.id)),
      ),
    ),
  );
  root.replaceChildren(
    h("h2", {}, "Meeting topics"),
    h("p", {}, h("button", { type: "button", onclick: () => open(undefined) }, "New topic")),
    table("topics-table", `${topics.length} topics`, ["Name", "Customer types", "Customers see it", "Duration", "Actions"], rows),
    editor,
  );

  /** The admin view: the topic's booking rules go back with the PUT unchanged. */
  async function edit(id: string) {
    try {
      open((await api<Topic>(`config/topics/${encodeURIComponent(id)}`)).data);
    } catch (err) {
      status(`The topic could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function open(existing: Topic | undefined) {
    const id = existing?.id ?? crypto.randomUUID();
    const submit = h("button", { type: "submit" }, existing ? "Save topic" : "Create topic");
    const chosen = new Set(existing?.customerTypeIds ?? []);
    const form = h(
      "form",
      { id: "topic-form", novalidate: true, "aria-labelledby": "topic-form-h" },
      h("h3", { id: "topic-form-h" }, existing ? `Edit ${existing.name}` : "New topic"),
      textField("topic-name", "name", "Name", existing?.name, { autocomplete: "off" }),
      textField("topic-description", "description", "Description (optional)", existing?.description),
      h(
        "fieldset",
        { class: "checks", name: "customerTypeIds" },
        h("legend", {}, "For customer types (none: all)"),
        ...types.map((t) =>
          h(
            "label",
            { class: "inline" },
            h("input", { type: "checkbox", name: "customerTypeIds", value: t.id, ...(chosen.has(t.id) ? { checked: true } : {}) }),
            ` ${t.name}`,
          ),
        ),
      ),
      checkField("topic-visible", "isCustomerVisible", "Customers can choose it", existing?.isCustomerVisible ?? true),
      textField(
        "topic-duration",
        "durationMinutes",
        "Duration in minutes (optional, a multiple of 15)",
        existing?.durationMinutes?.toString(),
        {
          type: "number",
          min: "15",
          step: "15",
        },
      ),
      submit,
    );
    onSave(
      form,
      submit,
      "The topic",
      async () => {
        const { id: _id, ...base } = existing ?? ({} as Partial<Topic>);
        const duration = numberValue(form, "durationMinutes");
        const body = {
          ...base,
          name: inputValue(form, "name"),
          description: inputValue(form, "description") || undefined,
          customerTypeIds: [...form.querySelectorAll<HTMLInputElement>("input[name=customerTypeIds]:checked")].map((i) => i.value),
          isCustomerVisible: isChecked(form, "isCustomerVisible"),
          durationMinutes: duration === "" ? undefined : duration,
        };
        await api(`config/topics/${encodeURIComponent(id)}`, {}, { method: "PUT", body });
        await renderTopics(root, status);
      },
      status,
    );
    editor.replaceChildren(form);
    form.querySelector<HTMLInputElement>("#topic-name")!.focus();
  }
}

export async function renderCustomerTypes(root: HTMLElement, status: Status): Promise<void> {
  const { data } = await api<CustomerType[]>("config/customer-types");
  const types = [...data].sort((a, b) => a.name.localeCompare(b.name));
  const editor = h("section", { id: "customer-type-editor", "aria-label": "Customer type editor" });
  const rows = types.map((t) =>
    h(
      "tr",
      { "data-customer-type": t.id },
      h("th", { scope: "row" }, t.name),
      h("td", {}, t.description ?? ""),
      h(
        "td",
        {},
        editButton(t.name, () => void edit(t.id)),
      ),
    ),
  );
  root.replaceChildren(
    h("h2", {}, "Customer types"),
    h("p", {}, h("button", { type: "button", onclick: () => open(undefined) }, "New customer type")),
    table("customer-types-table", `${types.length} customer types`, ["Name", "Description", "Actions"], rows),
    editor,
  );

  async function edit(id: string) {
    try {
      open((await api<CustomerType>(`config/customer-types/${encodeURIComponent(id)}`)).data);
    } catch (err) {
      status(`The customer type could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function open(existing: CustomerType | undefined) {
    const id = existing?.id ?? crypto.randomUUID();
    const submit = h("button", { type: "submit" }, existing ? "Save customer type" : "Create customer type");
    const form = h(
      "form",
      { id: "customer-type-form", novalidate: true, "aria-labelledby": "customer-type-form-h" },
      h("h3", { id: "customer-type-form-h" }, existing ? `Edit ${existing.name}` : "New customer type"),
      textField("ct-name", "name", "Name", existing?.name, { autocomplete: "off" }),
      textField("ct-description", "description", "Description (optional)", existing?.description),
      submit,
    );
    onSave(
      form,
      submit,
      "The customer type",
      async () => {
        const body = { name: inputValue(form, "name"), description: inputValue(form, "description") || undefined };
        await api(`config/customer-types/${encodeURIComponent(id)}`, {}, { method: "PUT", body });
        await renderCustomerTypes(root, status);
      },
      status,
    );
    editor.replaceChildren(form);
    form.querySelector<HTMLInputElement>("#ct-name")!.focus();
  }
}
