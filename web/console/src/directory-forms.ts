/**
 * The directory's employees and rooms (back office, BookMe.Admin): a list, "New" and an edit form
 * each. The API replaces on PUT, so an edit sends back what GET returned with the form's fields
 * changed (absences, overrides, caps, skills... stay as they were). These routes take no If-Match;
 * a 412 would still show as "changed meanwhile". Errors show at their inputs and in a summary.
 */
import "./directory-forms.css";
import { api } from "./api.js";
import { h } from "./dom.js";
import { clearErrors, problemsOf, showErrors } from "./form-errors.js";
import {
  checkboxes,
  checkedValues,
  checkField,
  inputValue,
  isChecked,
  listField,
  listValue,
  numberValue,
  textField,
  timeZoneField,
} from "./form-fields.js";
import { weeklyHoursInput, type HoursRange } from "./weekly-hours-input.js";

type Status = (s: string) => void;
const MEETING_TYPES = ["Physical", "Online", "Telephone", "Offsite"] as const;
const DEFAULT_ZONE = "Europe/Copenhagen";

interface EmployeeAdmin {
  id: string;
  name: string;
  email: string;
  title?: string;
  timeZone: string;
  workingHours: HoursRange[];
  meetingTypes: string[];
  locations: string[];
  serviceGroups: string[];
  calendarSync: boolean;
  [key: string]: unknown;
}
interface Room {
  id: string;
  name: string;
  capacity: number;
  location: string;
  features: string[];
  timeZone: string;
  [key: string]: unknown;
}

export function table(id: string, caption: string, heads: string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  return h(
    "table",
    { id },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...heads.map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...rows),
  );
}

/** Saves with PUT; on success re-renders the view, on failure shows the problems and keeps the input. */
export function onSave(form: HTMLFormElement, submit: HTMLButtonElement, what: string, save: () => Promise<void>, status: Status): void {
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearErrors(form);
    save().then(
      () => status(`${what} saved`),
      (err: unknown) => {
        showErrors(form, `${what} was not saved:`, problemsOf(err), submit);
        status(`${what} was not saved`);
      },
    );
  });
}

export async function renderEmployees(root: HTMLElement, status: Status): Promise<void> {
  const { data } = await api<EmployeeAdmin[]>("employees");
  const employees = [...data].sort((a, b) => a.name.localeCompare(b.name));
  const editor = h("section", { id: "employee-editor", "aria-label": "Employee editor" });
  const rows = employees.map((e) =>
    h(
      "tr",
      { "data-employee": e.id },
      h("th", { scope: "row" }, e.name),
      h("td", {}, e.locations.join(", ")),
      h("td", {}, e.timeZone),
      h("td", {}, h("button", { type: "button", "aria-label": `Edit ${e.name}`, onclick: () => void edit(e.id) }, "Edit")),
    ),
  );
  root.replaceChildren(
    h("h2", {}, "Employees"),
    h("p", {}, h("button", { type: "button", onclick: () => open(undefined) }, "New employee")),
    table("employees-table", `${employees.length} employees`, ["Name", "Locations", "Time zone", "Actions"], rows),
    editor,
  );

  async function edit(id: string) {
    try {
      open((await api<EmployeeAdmin>(`config/employees/${encodeURIComponent(id)}`)).data);
    } catch (err) {
      status(`The employee could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function open(existing: EmployeeAdmin | undefined) {
    const id = existing?.id ?? crypto.randomUUID();
    const hours = weeklyHoursInput("emp-hours", "Working hours", "workingHours", existing?.workingHours ?? []);
    const submit = h("button", { type: "submit" }, existing ? "Save employee" : "Create employee");
    const form = h(
      "form",
      { id: "employee-form", novalidate: true, "aria-labelledby": "employee-form-h" },
      h("h3", { id: "employee-form-h" }, existing ? `Edit ${existing.name}` : "New employee"),
      textField("emp-name", "name", "Name", existing?.name, { autocomplete: "off" }),
      textField("emp-email", "email", "Email (their Outlook mailbox)", existing?.email, { type: "email", autocomplete: "off" }),
      textField("emp-title", "title", "Title (optional)", existing?.title),
      timeZoneField("emp-tz", existing?.timeZone ?? DEFAULT_ZONE),
      hours.element,
      listField("emp-locations", "locations", "Locations (branches)", existing?.locations),
      listField("emp-groups", "serviceGroups", "Service groups", existing?.serviceGroups),
      checkboxes(
        "emp-types",
        "meetingTypes",
        "Meeting types",
        MEETING_TYPES,
        existing?.meetingTypes ?? ["Physical", "Online", "Telephone"],
      ),
      checkField("emp-sync", "calendarSync", "Calendar sync (Outlook busy times shape availability)", existing?.calendarSync ?? false),
      submit,
    );
    onSave(
      form,
      submit,
      "The employee",
      async () => {
        const { id: _id, ...base } = existing ?? ({} as Partial<EmployeeAdmin>);
        const body = {
          ...base,
          name: inputValue(form, "name"),
          email: inputValue(form, "email"),
          title: inputValue(form, "title") || undefined,
          timeZone: inputValue(form, "timeZone"),
          workingHours: hours.value(),
          locations: listValue(form, "locations"),
          serviceGroups: listValue(form, "serviceGroups"),
          meetingTypes: checkedValues(form, "meetingTypes"),
          calendarSync: isChecked(form, "calendarSync"),
        };
        await api(`config/employees/${encodeURIComponent(id)}`, {}, { method: "PUT", body });
        await renderEmployees(root, status);
      },
      status,
    );
    editor.replaceChildren(form);
    form.querySelector<HTMLInputElement>("#emp-name")!.focus();
  }
}

export async function renderRooms(root: HTMLElement, status: Status): Promise<void> {
  const { data } = await api<Room[]>("rooms");
  const rooms = [...data].sort((a, b) => a.location.localeCompare(b.location) || a.name.localeCompare(b.name));
  const editor = h("section", { id: "room-editor", "aria-label": "Room editor" });
  const rows = rooms.map((r) =>
    h(
      "tr",
      { "data-room": r.id },
      h("th", { scope: "row" }, r.name),
      h("td", {}, r.location),
      h("td", {}, String(r.capacity)),
      h("td", {}, h("button", { type: "button", "aria-label": `Edit ${r.name}`, onclick: () => void edit(r.id) }, "Edit")),
    ),
  );
  root.replaceChildren(
    h("h2", {}, "Rooms"),
    h("p", {}, h("button", { type: "button", onclick: () => open(undefined) }, "New room")),
    table("rooms-table", `${rooms.length} rooms`, ["Name", "Location", "Capacity", "Actions"], rows),
    editor,
  );

  async function edit(id: string) {
    try {
      // The admin view: opening hours, mailbox and calendar sync go back with the PUT unchanged.
      open((await api<Room>(`config/rooms/${encodeURIComponent(id)}`)).data);
    } catch (err) {
      status(`The room could not be read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function open(existing: Room | undefined) {
    const id = existing?.id ?? crypto.randomUUID();
    const submit = h("button", { type: "submit" }, existing ? "Save room" : "Create room");
    const form = h(
      "form",
      { id: "room-form", novalidate: true, "aria-labelledby": "room-form-h" },
      h("h3", { id: "room-form-h" }, existing ? `Edit ${existing.name}` : "New room"),
      textField("room-name", "name", "Name", existing?.name, { autocomplete: "off" }),
      textField("room-location", "location", "Location (branch)", existing?.location),
      textField("room-capacity", "capacity", "Capacity (people)", existing ? String(existing.capacity) : "", {
        type: "number",
        min: "1",
        step: "1",
      }),
      listField("room-features", "features", "Features", existing?.features),
      timeZoneField("room-tz", existing?.timeZone ?? DEFAULT_ZONE),
      submit,
    );
    onSave(
      form,
      submit,
      "The room",
      async () => {
        const { id: _id, ...base } = existing ?? ({} as Partial<Room>);
        const body = {
          ...base,
          name: inputValue(form, "name"),
          location: inputValue(form, "location"),
          capacity: numberValue(form, "capacity"),
          features: listValue(form, "features"),
          timeZone: inputValue(form, "timeZone"),
        };
        await api(`config/rooms/${encodeURIComponent(id)}`, {}, { method: "PUT", body });
        await renderRooms(root, status);
      },
      status,
    );
    editor.replaceChildren(form);
    form.querySelector<HTMLInputElement>("#room-name")!.focus();
  }
}
