/**
 * The branch's week: advisors x days, their meetings and Outlook busy times (grid), the branch's
 * closed days (config/closures), a meeting's detail with cancel and no-show.
 */
import { api, ApiError } from "./api.js";
import { closureOn, closuresOf, type Closure } from "./closures.js";
import { h } from "./dom.js";

export interface Employee {
  id: string;
  name: string;
  locations: string[];
  timeZone: string;
}
interface Meeting {
  id: string;
  title: string | null;
  startDate: string;
  endDate: string;
  employeeId: string;
  status: string;
  type?: string;
  roomId?: string | null;
}
interface Slot {
  employeeId: string | null;
  startDate: string;
  endDate: string;
  status: string;
}

const DAY_MS = 86_400_000;
const OUTLOOK = new Set(["Busy", "OutOfOffice", "Tentative"]);
const time = (iso: string, zone: string) =>
  new Date(iso).toLocaleTimeString("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit" });
const dayKey = (iso: string, zone: string) => new Date(iso).toLocaleDateString("en-CA", { timeZone: zone });

export function mondayOf(date: Date): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS);
}

/** Consecutive grid slots of one status merged into one block. */
function blocks(slots: Slot[]): Slot[] {
  const out: Slot[] = [];
  for (const s of slots) {
    const last = out[out.length - 1];
    if (last && last.status === s.status && last.employeeId === s.employeeId && Date.parse(last.endDate) >= Date.parse(s.startDate))
      last.endDate = s.endDate;
    else out.push({ ...s });
  }
  return out;
}

export async function renderWeek(
  root: HTMLElement,
  employees: Employee[],
  branch: string,
  monday: Date,
  status: (s: string) => void,
): Promise<void> {
  const advisors = employees.filter((e) => e.locations.includes(branch));
  const zone = advisors[0]?.timeZone ?? "UTC";
  const days = Array.from({ length: 7 }, (_, i) => new Date(monday.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  const start = new Date(monday.getTime() - DAY_MS).toISOString();
  const end = new Date(monday.getTime() + 8 * DAY_MS).toISOString();
  const closures = await closuresOf(branch).catch(() => [] as Closure[]);
  const rows = await Promise.all(
    advisors.map(async (a) => {
      const [meetings, grid] = await Promise.all([
        api<Meeting[]>("meetings", { employeeId: a.id, limit: "500", status: "Booked,Pending,NoShow" }).then((r) => r.data),
        api<Slot[]>("time-slots", {
          employeeId: a.id,
          startDate: start,
          endDate: end,
          meetingDuration: "15",
          status: "Busy,OutOfOffice,Tentative",
        })
          .then((r) => blocks(r.data.filter((s) => OUTLOOK.has(s.status))))
          .catch(() => [] as Slot[]),
      ]);
      return {
        advisor: a,
        meetings: meetings.filter((m) => Date.parse(m.endDate) > Date.parse(start) && Date.parse(m.startDate) < Date.parse(end)),
        grid,
      };
    }),
  );
  const detail = h("section", { id: "meeting-detail", "aria-live": "polite" });
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, "Advisor"),
    ...days.map((d) => {
      const closed = closureOn(closures, d);
      return h(
        "th",
        { scope: "col", "data-date": d, ...(closed ? { class: "closed", "data-closed": "true" } : {}) },
        new Date(`${d}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" }),
        closed ? h("span", { class: "closed-note" }, ` Closed: ${closed.reason}`) : undefined,
      );
    }),
  );
  const body = rows.map(({ advisor, meetings, grid }) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, advisor.name),
      ...days.map((d) =>
        h(
          "td",
          closureOn(closures, d) ? { class: "closed" } : {},
          ...meetings
            .filter((m) => dayKey(m.startDate, zone) === d)
            .map((m) =>
              h(
                "button",
                { type: "button", class: "meeting", "data-meeting": m.id, onclick: () => void showMeeting(detail, m.id, zone, status) },
                `${time(m.startDate, zone)} ${m.title ?? "Meeting"}${m.status === "NoShow" ? " (no-show)" : ""}`,
              ),
            ),
          ...grid
            .filter((s) => dayKey(s.startDate, zone) === d)
            .map((s) =>
              h(
                "span",
                { class: "busy", "data-outlook": s.status },
                `Outlook ${s.status} ${time(s.startDate, zone)}–${time(s.endDate, zone)}`,
              ),
            ),
        ),
      ),
    ),
  );
  root.replaceChildren(
    h(
      "div",
      { class: "week" },
      h("table", { "aria-label": `Week of ${days[0]} at ${branch}` }, h("thead", {}, head), h("tbody", {}, ...body)),
    ),
    detail,
  );
}

async function showMeeting(root: HTMLElement, id: string, zone: string, status: (s: string) => void): Promise<void> {
  const { data: m } = await api<Meeting & Record<string, unknown>>(`meetings/${encodeURIComponent(id)}`);
  const act = (label: string, path: string, body?: unknown) =>
    h(
      "button",
      {
        type: "button",
        onclick: async () => {
          try {
            await api(`meetings/${encodeURIComponent(id)}/${path}`, {}, { method: "POST", body });
            status(`${label}: done`);
            await showMeeting(root, id, zone, status);
          } catch (err) {
            status(`${label} failed: ${err instanceof ApiError ? err.message : String(err)}`);
          }
        },
      },
      label,
    );
  root.replaceChildren(
    h("h2", {}, m.title ?? "Meeting"),
    h(
      "dl",
      {},
      h("dt", {}, "Status"),
      h("dd", { "data-field": "status" }, m.status),
      h("dt", {}, "Start"),
      h("dd", {}, `${dayKey(m.startDate, zone)} ${time(m.startDate, zone)}`),
      h("dt", {}, "End"),
      h("dd", {}, time(m.endDate, zone)),
      h("dt", {}, "Type"),
      h("dd", {}, String(m.type ?? "")),
      h("dt", {}, "Id"),
      h("dd", {}, m.id),
    ),
    h("p", {}, act("Cancel meeting", "cancel", {}), " ", act("Mark no-show", "no-show")),
  );
}
