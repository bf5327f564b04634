/**
 * Analytics: utilisation per advisor for the shown week (GET analytics/utilisation), and per week
 * or month (analytics/meetings, analytics/assignments): meetings, cancellations, no-shows, lead
 * times, and how each meeting type's bookings were spread. Each a chart (Chart.js, Okabe-Ito
 * colours), the same numbers as a table, and CSV.
 */
import { Chart } from "chart.js";
import { api } from "./api.js";
import { renderFigure, COLOURS } from "./chart-panel.js";
import { h } from "./dom.js";

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

export async function renderUtilisation(root: HTMLElement, branch: string, from: string, to: string): Promise<void> {
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
  root.replaceChildren(h("h3", {}, "Utilisation per advisor"), h("div", { class: "chart" }, canvas), csv, table);
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

interface Lead {
  medianHours: number | null;
  meanHours: number | null;
  count: number;
}
interface Figures {
  meetings: number;
  cancellations: number;
  noShows: number;
  noShowRate: number;
  cancellationLead: Lead;
  bookingLead: Lead;
}
interface Bucket {
  key: string;
  from: string;
  to: string;
}
export interface MeetingAnalytics {
  timeZone: string;
  buckets: Bucket[];
  bucketTotals: (Figures & { bucket: string })[];
}
export interface AssignmentSpread {
  timeZone: string;
  types: {
    meetingTypeId: string;
    name: string;
    policy: string;
    advisors: { employeeId: string; name: string; assigned: number }[];
    spread: { min: number; max: number; mean: number; coefficientOfVariation: number };
  }[];
}

export type Period = "week" | "month";

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The range the per-period figures cover: the shown week and the 3 before it, or its month and the 2 before. */
export function periodRange(weekFrom: string, period: Period): { from: string; to: string } {
  const monday = Date.parse(`${weekFrom}T00:00:00Z`);
  if (period === "week") return { from: iso(monday - 21 * DAY_MS), to: iso(monday + 6 * DAY_MS) };
  const d = new Date(monday);
  return {
    from: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 2, 1)),
    to: iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)),
  };
}

/** Every analytics figure for the branch: utilisation of the shown week, then per week or month. */
export async function renderAnalytics(root: HTMLElement, branch: string, from: string, to: string, period: Period): Promise<void> {
  const utilisation = h("section", { id: "utilisation" });
  const periodic = h("div", { id: "periodic" });
  root.replaceChildren(utilisation, periodic);
  await renderUtilisation(utilisation, branch, from, to);
  const range = periodRange(from, period);
  const q = { ...range, branch, period };
  const [{ data: m }, { data: a }] = await Promise.all([
    api<MeetingAnalytics>("analytics/meetings", q),
    api<AssignmentSpread>("analytics/assignments", q),
  ]);
  const labels = m.buckets.map((b) => b.key);
  const per = period === "week" ? "week" : "month";
  const file = (name: string) => `${name}-${branch}-${range.from}-${range.to}.csv`;
  const advisors = [...new Map(a.types.flatMap((t) => t.advisors.map((x) => [x.employeeId, x.name] as const))).entries()];
  periodic.replaceChildren(
    h("p", {}, `Per ${per}, ${range.from} – ${range.to}, counted in ${m.timeZone}.`),
    renderFigure({
      id: "meetings",
      title: `Meetings, cancellations and no-shows per ${per}`,
      rowHeading: per,
      labels,
      kind: "bar",
      fileName: file("meetings"),
      series: [
        { label: "Meetings", data: m.bucketTotals.map((b) => b.meetings) },
        { label: "Cancellations", data: m.bucketTotals.map((b) => b.cancellations) },
        { label: "No-shows", data: m.bucketTotals.map((b) => b.noShows) },
      ],
    }),
    renderFigure({
      id: "lead-times",
      title: `Lead times per ${per} (median hours before the start)`,
      rowHeading: per,
      labels,
      kind: "line",
      fileName: file("lead-times"),
      series: [
        { label: "Booked ahead (h)", data: m.bucketTotals.map((b) => b.bookingLead.medianHours) },
        { label: "Cancelled ahead (h)", data: m.bucketTotals.map((b) => b.cancellationLead.medianHours) },
      ],
    }),
    renderFigure({
      id: "assignments",
      title: "Assignments per advisor by meeting type",
      rowHeading: "advisor",
      labels: advisors.map(([, name]) => name),
      kind: "bar",
      fileName: file("assignments"),
      series: a.types.map((t) => ({
        label: t.name,
        data: advisors.map(([id]) => t.advisors.find((x) => x.employeeId === id)?.assigned ?? null),
      })),
      notes: a.types.map(
        (t) =>
          `${t.name} (${t.policy}): ${t.spread.min}–${t.spread.max} per advisor, mean ${t.spread.mean}, coefficient of variation ${t.spread.coefficientOfVariation} (0 is even).`,
      ),
    }),
  );
}
