/**
 * One figure of the analytics: a Chart.js chart in the Okabe-Ito palette (distinguishable with the
 * common colour-vision deficiencies; lines also differ by dash and point shape), the very numbers it
 * draws as a table beside it, and a CSV download of that table.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { h } from "./dom.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** Okabe-Ito. */
export const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3]];
const POINTS = ["circle", "rect", "triangle", "rectRot"] as const;

export interface Series {
  label: string;
  data: (number | null)[];
}

export interface Figure {
  /** Ids the table and the CSV link get: {id}-table, {id}-csv. */
  id: string;
  title: string;
  /** What the rows are (the first column's heading). */
  rowHeading: string;
  labels: string[];
  series: Series[];
  kind: "bar" | "line";
  fileName: string;
  /** Extra lines under the table (e.g. a spread summary). */
  notes?: string[];
}

export function csvOf(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\n") + "\n";
}

const cell = (v: number | null) => (v === null ? "" : String(v));

/** The figure's table as CSV rows: a heading row, then one row per label. */
export function figureRows(f: Figure): string[][] {
  return [[f.rowHeading, ...f.series.map((s) => s.label)], ...f.labels.map((l, i) => [l, ...f.series.map((s) => cell(s.data[i]))])];
}

const charts = new Map<string, Chart>();

export function renderFigure(f: Figure): HTMLElement {
  const canvas = h("canvas", { role: "img", "aria-label": `${f.title}; the table ${f.id}-table has the numbers` });
  const rows = figureRows(f);
  const table = h(
    "table",
    { id: `${f.id}-table` },
    h("caption", {}, f.title),
    h("thead", {}, h("tr", {}, ...rows[0].map((t) => h("th", { scope: "col" }, t)))),
    h(
      "tbody",
      {},
      ...rows
        .slice(1)
        .map((r) => h("tr", {}, h("th", { scope: "row" }, r[0]), ...r.slice(1).map((c, i) => h("td", { "data-col": String(i) }, c)))),
    ),
  );
  const csv = h(
    "a",
    {
      id: `${f.id}-csv`,
      class: "button",
      download: f.fileName,
      href: `data:text/csv;charset=utf-8,${encodeURIComponent(csvOf(rows))}`,
    },
    `Download CSV: ${f.title}`,
  );
  const panel = h(
    "section",
    { class: "figure", "aria-label": f.title },
    h("h3", {}, f.title),
    h("div", { class: "figure-body" }, h("div", { class: "chart" }, canvas), h("div", { class: "numbers" }, csv, table)),
    ...(f.notes ?? []).map((n) => h("p", { class: "note" }, n)),
  );
  charts.get(f.id)?.destroy();
  charts.set(
    f.id,
    new Chart(canvas, {
      type: f.kind,
      data: {
        labels: f.labels,
        datasets: f.series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
          ...(f.kind === "line"
            ? { borderDash: DASHES[i % DASHES.length], pointStyle: POINTS[i % POINTS.length], pointRadius: 4, spanGaps: true }
            : {}),
        })),
      },
      options: { animation: false, responsive: true, scales: { y: { beginAtZero: true } } },
    }),
  );
  return panel;
}
