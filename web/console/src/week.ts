/**
 * The branch's week: advisors x days, their meetings and Outlook busy times (grid), the branch's
 * closed days (config/closures), a meeting's detail (meeting.ts).
 */
import { api } from "./api.js";
import { showMeeting, type Meeting } from "./meeting.js";
import { closureOn, closuresOf, type Closure } from "./closures.js";
import { h } from "./dom.js";
import { localDate, localTime } from "./zone.js";

export interface Employee {
  id: string;
  name: string;
  locations: string[];
  timeZone: string;
}
interface Slot {
  employeeId: string | null;
  startDate: string;
  endDate: string;
  status: string;
}

const DAY_MS = 86_400_000;
const LABEL: Record<string, string> = { NoShow: " (no-show)", Pending: " (awaiting confirmation)" };
const OUTLOOK = new Set(["Busy", "OutOfOffice", "Tentative"]);
const time = localTime;
const dayKey = localDate;

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
  const detail = h("section", { id: "meeting-detail", "aria-live": "polite" });
  const week = h("div", { class: "week" });
  root.replaceChildren(week, detail);
  // A change made in the detail redraws the grid; the detail stays open.
  const redraw = () => void draw().catch((err: unknown) => status(`The week could not be redrawn: ${String(err)}`));
  await draw();

  async function draw(): Promise<void> {
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
                  {
                    type: "button",
                    class: "meeting",
                    "data-meeting": m.id,
                    onclick: () => void showMeeting(detail, m.id, zone, status, redraw),
                  },
                  `${time(m.startDate, zone)} ${m.title ?? "Meeting"}${LABEL[m.status] ?? ""}`,
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
    week.replaceChildren(h("table", { "aria-label": `Week of ${days[0]} at ${branch}` }, h("thead", {}, head), h("tbody", {}, ...body)));
  }
}
