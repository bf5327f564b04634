/** Utilisation per advisor (GET analytics/utilisation): a bar chart (Chart.js, Okabe-Ito colours), the same numbers as a table, and CSV. */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { api } from "./api.js";
import { h } from "./dom.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

interface Totals {
  workingMinutes: number;
  bookedMinutes: number;
  utilisation: number;
  meetings: number;
  cancellations: number;
  noShows: number;
}
export interface Utilisation {
  timeZone: string;
  from: string;
  to: string;
  advisors: { employeeId: string; name: string; totals: Totals }[];
  totals: Totals;
}

/** Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];
const percent = (u: number) => Math.round(u * 1000) / 10;

export function csvOf(u: Utilisation): string {
  const rows = [["advisor", "workingMinutes", "bookedMinutes", "utilisationPercent", "meetings", "cancellations", "noShows"]];
  for (const a of u.advisors)
    rows.push([
      a.name,
      ...[
        a.totals.workingMinutes,
        a.totals.bookedMinutes,
        percent(a.totals.utilisation),
        a.totals.meetings,
        a.totals.cancellations,
        a.totals.noShows,
      ].map(String),
    ]);
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n") + "\n";
}

let chart: Chart | undefined;

export async function renderAnalytics(root: HTMLElement, branch: string, from: string, to: string): Promise<void> {
  const { data: u } = await api<Utilisation>("analytics/utilisation", { from, to, branch });
  const canvas = h("canvas", {
    role: "img",
    "aria-label": `Utilisation per advisor, ${from} to ${to}, in ${u.timeZone}; the table below has the numbers`,
  });
  const table = h(
    "table",
    { id: "utilisation-table" },
    h("caption", {}, `Utilisation ${from} – ${to} (${u.timeZone})`),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...["Advisor", "Working min", "Booked min", "Utilisation %", "Meetings", "Cancellations", "No-shows"].map((t) =>
          h("th", { scope: "col" }, t),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      ...u.advisors.map((a) =>
        h(
          "tr",
          { "data-employee": a.employeeId },
          h("th", { scope: "row" }, a.name),
          ...[
            a.totals.workingMinutes,
            a.totals.bookedMinutes,
            percent(a.totals.utilisation),
            a.totals.meetings,
            a.totals.cancellations,
            a.totals.noShows,
          ].map((n, i) => h("td", { "data-col": String(i) }, String(n))),
        ),
      ),
    ),
  );
  const csv = h(
    "a",
    {
      class: "button",
      download: `utilisation-${branch}-${from}-${to}.csv`,
      href: `data:text/csv;charset=utf-8,${encodeURIComponent(csvOf(u))}`,
    },
    "Download CSV",
  );
  root.replaceChildren(h("div", { class: "chart" }, canvas), csv, table);
  chart?.destroy();
  chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: u.advisors.map((a) => a.name),
      datasets: [
        { label: "Utilisation %", data: u.advisors.map((a) => percent(a.totals.utilisation)), backgroundColor: COLOURS[0] },
        { label: "Cancellations", data: u.advisors.map((a) => a.totals.cancellations), backgroundColor: COLOURS[1] },
        { label: "No-shows", data: u.advisors.map((a) => a.totals.noShows), backgroundColor: COLOURS[2] },
      ],
    },
    options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
  });
}
