/**
 * A meeting's detail: its fields; cancel, mark a no-show, confirm or decline (a booking awaiting the
 * host's confirmation), move it to a new time (POST meetings/{id}/reschedule with If-Match); and its
 * history from the audit trail (back office only). A save that fails keeps the form's input and shows
 * the API's problem+json errors at their fields; a 412 (someone changed the meeting since it was
 * opened) shows what changed, and the next save goes against the meeting as it now is.
 */
import { api, ApiError } from "./api.js";
import { fieldErrors, h } from "./dom.js";
import { localDate, localTime, utcOf } from "./zone.js";

export interface Meeting {
  id: string;
  title: string | null;
  startDate: string;
  endDate: string;
  employeeId: string;
  status: string;
  type?: string;
  roomId?: string | null;
  cancellationReason?: string | null;
  confirmation?: { mode: "attendee" | "host"; expiresAt: string; confirmedAt?: string } | null;
}

interface AuditEntry {
  seq: number;
  action: string;
  at: string;
  actor: { channel: string; clientId: string; userId?: string };
}

/** The fields a person compares when a concurrent change is reported, with how to show them. */
const COMPARED: [keyof Meeting, string][] = [
  ["status", "Status"],
  ["startDate", "Start"],
  ["endDate", "End"],
  ["employeeId", "Advisor"],
  ["title", "Title"],
  ["type", "Type"],
  ["roomId", "Room"],
];

/** "Start: 2026-12-14 10:00 → 11:00" lines for what differs between two versions of the meeting. */
export function changesBetween(before: Meeting, after: Meeting, zone: string): string[] {
  const show = (key: keyof Meeting, m: Meeting) => {
    const v = m[key];
    if (v == null) return "(none)";
    const text = typeof v === "string" ? v : JSON.stringify(v);
    return key === "startDate" || key === "endDate" ? `${localDate(text, zone)} ${localTime(text, zone)}` : text;
  };
  return COMPARED.filter(([k]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).map(
    ([k, label]) => `${label}: ${show(k, before)} → ${show(k, after)}`,
  );
}

const awaitsHost = (m: Meeting) => m.status === "Pending" && m.confirmation?.mode === "host";

export async function showMeeting(
  root: HTMLElement,
  id: string,
  zone: string,
  status: (s: string) => void,
  onChanged: () => void = () => undefined,
): Promise<void> {
  const path = `meetings/${encodeURIComponent(id)}`;
  let { data: m, etag } = await api<Meeting>(path);
  const reload = async () => {
    await showMeeting(root, id, zone, status, onChanged);
    onChanged();
  };

  const act = (label: string, action: string, body?: () => unknown) =>
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          try {
            await api(`${path}/${action}`, {}, { method: "POST", body: body?.() });
            status(`${label}: done`);
            await reload();
          } catch (err) {
            status(`${label} failed: ${err instanceof ApiError ? err.message : String(err)}`);
          }
        },
      },
      label,
    );

  const fields = h(
    "dl",
    {},
    h("dt", {}, "Status"),
    h("dd", { "data-field": "status" }, awaitsHost(m) ? `${m.status} (awaiting the host's confirmation)` : m.status),
    h("dt", {}, "Start"),
    h("dd", { "data-field": "start" }, `${localDate(m.startDate, zone)} ${localTime(m.startDate, zone)}`),
    h("dt", {}, "End"),
    h("dd", { "data-field": "end" }, localTime(m.endDate, zone)),
    h("dt", {}, "Type"),
    h("dd", {}, String(m.type ?? "")),
    m.confirmation ? h("dt", {}, "Confirm by") : undefined,
    m.confirmation ? h("dd", {}, `${localDate(m.confirmation.expiresAt, zone)} ${localTime(m.confirmation.expiresAt, zone)}`) : undefined,
    m.cancellationReason ? h("dt", {}, "Reason") : undefined,
    m.cancellationReason ? h("dd", {}, m.cancellationReason) : undefined,
    h("dt", {}, "Id"),
    h("dd", {}, m.id),
  );

  const actions = h("p", { class: "actions" });
  if (awaitsHost(m)) {
    const reason = h("input", { id: "decline-reason", name: "reason", type: "text", maxlength: "500" });
    actions.append(
      act("Confirm meeting", "confirm"),
      " ",
      h("label", { for: "decline-reason", class: "inline" }, "Reason for declining (optional)"),
      reason,
      " ",
      act("Decline meeting", "decline", () => (reason.value.trim() ? { reason: reason.value.trim() } : {})),
    );
  }
  if (m.status === "Booked" || m.status === "Pending")
    actions.append(
      " ",
      act("Cancel meeting", "cancel", () => ({})),
    );
  if (m.status === "Booked") actions.append(" ", act("Mark no-show", "no-show"));

  const children: (Node | undefined)[] = [h("h2", {}, m.title ?? "Meeting"), fields, actions];
  if (m.status === "Booked" || m.status === "Pending") children.push(moveForm());
  const history = h("section", { id: "meeting-history", "aria-labelledby": "history-h" }, h("h3", { id: "history-h" }, "History"));
  children.push(history);
  root.replaceChildren(...children.filter((c): c is Node => c !== undefined));
  await renderHistory(history, path, zone);

  function moveForm(): HTMLFormElement {
    const minutes = Math.round((Date.parse(m.endDate) - Date.parse(m.startDate)) / 60_000);
    const changed = h("div", { id: "move-changed", role: "alert" });
    const form = h(
      "form",
      { id: "move-form", "aria-label": "Move the meeting", novalidate: true },
      h(
        "fieldset",
        {},
        h("legend", {}, `Move to a new time (${zone})`),
        h("label", { for: "move-date" }, "Date"),
        h("input", { id: "move-date", name: "date", type: "date", required: true, value: localDate(m.startDate, zone) }),
        h("label", { for: "move-start" }, "Start time"),
        h("input", { id: "move-start", name: "startDate", type: "time", required: true, value: localTime(m.startDate, zone) }),
        h("label", { for: "move-end" }, "End time"),
        h("input", {
          id: "move-end",
          name: "endDate",
          type: "time",
          required: true,
          value: localTime(new Date(Date.parse(m.startDate) + minutes * 60_000).toISOString(), zone),
        }),
      ),
      h("button", { type: "submit" }, "Move meeting"),
      changed,
    );
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const value = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value;
      const date = value("date");
      const local = [value("startDate"), value("endDate")];
      const missing = [
        ...(!date ? [{ field: "date", message: "a date is required" }] : []),
        ...(!local[0] ? [{ field: "startDate", message: "a start time is required" }] : []),
        ...(!local[1] ? [{ field: "endDate", message: "an end time is required" }] : []),
      ];
      if (missing.length) {
        fieldErrors(form, missing);
        return;
      }
      const body = { startDate: utcOf(date, local[0], zone), endDate: utcOf(date, local[1], zone) };
      void api<Meeting>(`${path}/reschedule`, {}, { method: "POST", body, ifMatch: etag ?? undefined }).then(
        async () => {
          status(`Moved to ${date} ${local[0]}`);
          await reload();
        },
        async (err: unknown) => {
          const problem = err instanceof ApiError ? err.problem : undefined;
          if (problem?.status === 412) {
            // Someone changed it since it was opened: show what, keep the input, save against the new version.
            const fresh = await api<Meeting>(path).catch(() => undefined);
            if (fresh) {
              const lines = changesBetween(m, fresh.data, zone);
              changed.replaceChildren(
                h(
                  "p",
                  {},
                  "This meeting was changed by someone else since you opened it. Your input is kept; save again to move it anyway.",
                ),
                h("ul", {}, ...(lines.length ? lines : ["(no visible field changed)"]).map((l) => h("li", {}, l))),
              );
              m = fresh.data;
              etag = fresh.etag;
              // The fields show the meeting as it now is; the form keeps what was typed.
              const show = (field: string, text: string) => {
                const dd = fields.querySelector(`[data-field="${field}"]`);
                if (dd) dd.textContent = text;
              };
              show("status", m.status);
              show("start", `${localDate(m.startDate, zone)} ${localTime(m.startDate, zone)}`);
              show("end", localTime(m.endDate, zone));
            }
            fieldErrors(form);
          } else {
            changed.replaceChildren();
            fieldErrors(
              form,
              (problem?.errors ?? [{ field: "startDate", message: err instanceof Error ? err.message : String(err) }]).map((e) => ({
                ...e,
                field: e.field.replace(/^(body\.)?timeSlotId\b/, "startDate"),
              })),
            );
          }
          status(`Move failed: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
    });
    return form;
  }
}

async function renderHistory(section: HTMLElement, path: string, zone: string): Promise<void> {
  try {
    const { data: entries } = await api<AuditEntry[]>(`${path}/history`, { limit: "100" });
    section.append(
      entries.length
        ? h(
            "table",
            { id: "history-table" },
            h("thead", {}, h("tr", {}, ...["Revision", "What", "When", "Channel", "Client"].map((t) => h("th", { scope: "col" }, t)))),
            h(
              "tbody",
              {},
              ...entries.map((e) =>
                h(
                  "tr",
                  {},
                  h("td", {}, String(e.seq)),
                  h("td", {}, e.action),
                  h("td", {}, `${localDate(e.at, zone)} ${localTime(e.at, zone)}`),
                  h("td", {}, e.actor.channel),
                  h("td", {}, e.actor.clientId),
                ),
              ),
            ),
          )
        : h("p", {}, "No history yet."),
    );
  } catch (err) {
    const forbidden = err instanceof ApiError && err.problem.status === 403;
    section.append(
      h("p", {}, forbidden ? "The audit trail is shown to the back office only." : `History unavailable: ${(err as Error).message}`),
    );
  }
}
