/**
 * Hours per weekday (an employee's working hours): a fieldset per day with its ranges (from, to),
 * "Add hours" for a split day and "Remove" per range. value() lists the filled ranges in weekday
 * order and marks each input with the API's path (workingHours.N.start) so errors land at it.
 */
import { h } from "./dom.js";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export interface HoursRange {
  day: string;
  start: string;
  end: string;
}
const title = (day: string) => day[0].toUpperCase() + day.slice(1);

export function weeklyHoursInput(
  id: string,
  legend: string,
  field: string,
  hours: HoursRange[],
): { element: HTMLFieldSetElement; value(): HoursRange[] } {
  let serial = 0;
  const days = WEEKDAYS.map((day) => {
    const ranges = h("div", { class: "ranges" });
    const add = (start = "", end = "") => {
      const n = serial++;
      const startId = `${id}-${day}-${n}-start`;
      const endId = `${id}-${day}-${n}-end`;
      const row: HTMLDivElement = h(
        "div",
        { class: "range" },
        h("label", { for: startId }, "From"),
        h("input", { id: startId, class: "start", type: "text", inputmode: "numeric", placeholder: "hh:mm", size: "5", value: start }),
        h("label", { for: endId }, "To"),
        h("input", { id: endId, class: "end", type: "text", inputmode: "numeric", placeholder: "hh:mm", size: "5", value: end }),
        h("button", { type: "button", "aria-label": `Remove ${title(day)} hours`, onclick: () => row.remove() }, "Remove"),
      );
      ranges.append(row);
    };
    const own = hours.filter((r) => r.day.toLowerCase() === day);
    if (own.length) own.forEach((r) => add(r.start, r.end));
    else add();
    return h(
      "fieldset",
      { class: "day", "data-day": day },
      h("legend", {}, title(day)),
      ranges,
      h("button", { type: "button", onclick: () => add() }, `Add ${title(day)} hours`),
    );
  });
  const element = h("fieldset", { id, class: "weekly-hours", name: field }, h("legend", {}, legend), ...days);
  return {
    element,
    value() {
      const out: HoursRange[] = [];
      for (const row of element.querySelectorAll<HTMLElement>(".range")) {
        const day = row.closest<HTMLElement>(".day")!.dataset.day!;
        const [start, end] = [row.querySelector<HTMLInputElement>(".start")!, row.querySelector<HTMLInputElement>(".end")!];
        start.removeAttribute("data-field");
        end.removeAttribute("data-field");
        if (!start.value.trim() && !end.value.trim()) continue;
        start.dataset.field = `${field}.${out.length}.start`;
        end.dataset.field = `${field}.${out.length}.end`;
        out.push({ day, start: start.value.trim(), end: end.value.trim() });
      }
      return out;
    },
  };
}
