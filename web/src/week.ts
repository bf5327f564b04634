/** The week view: seven days in the customer's zone, each with its free times as buttons. */
import type { Time } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { clock, dayLabel, range, shortDay, weekDays, zoneLabel } from "./times.js";

export interface WeekOptions {
  from: number;
  times: Time[] | null;
  selected?: Time | null;
  canGoBack: boolean;
  onPick(time: Time): void;
  onWeek(delta: number): void;
  /** Shown instead of the days when the week has no free time (never a bare empty grid); absent: the empty days. */
  empty?: HTMLElement | null;
}

const same = (a: Time | null | undefined, b: Time) => !!a && a.start === b.start && a.end === b.end;

export function weekView(o: WeekOptions): HTMLElement {
  const texts = t();
  const days = weekDays(o.from, o.times ?? []);
  const last = days[days.length - 1];
  const nav = h(
    "div",
    { className: "week-nav" },
    h("button", { type: "button", id: "prev-week", disabled: !o.canGoBack, onclick: () => o.onWeek(-1) }, `← ${texts.prevWeek}`),
    h("p", { className: "week-label", id: "week-label" }, texts.weekOf(shortDay(days[0].start), shortDay(last.start))),
    h("button", { type: "button", id: "next-week", onclick: () => o.onWeek(1) }, `${texts.nextWeek} →`),
  );
  const zone = h("p", { className: "zone", id: "zone-note" }, texts.zoneNote(zoneLabel()));
  if (o.times === null) return h("div", { className: "week" }, zone, nav, h("p", { role: "status" }, texts.loading));
  if (o.times.length === 0 && o.empty) return h("div", { className: "week" }, zone, nav, o.empty);
  const grid = h(
    "div",
    { className: "days" },
    days.map((d) => {
      const headingId = `day-${d.key}`;
      return h(
        "section",
        { className: "day", "aria-labelledby": headingId },
        h("h3", { id: headingId }, dayLabel(d.start)),
        d.times.length === 0
          ? h("p", { className: "muted" }, texts.noTimesDay)
          : h(
              "ul",
              { className: "times" },
              d.times.map((time) =>
                h(
                  "li",
                  {},
                  h(
                    "button",
                    {
                      type: "button",
                      className: "time",
                      "data-start": time.start,
                      "aria-pressed": same(o.selected, time) ? "true" : "false",
                      "aria-label": texts.timeLabel(dayLabel(d.start), range(time)),
                      onclick: () => o.onPick(time),
                    },
                    clock(Date.parse(time.start)),
                  ),
                ),
              ),
            ),
      );
    }),
  );
  const empty = (o.times ?? []).length === 0 ? h("p", { role: "status" }, texts.noTimesWeek) : null;
  return h("div", { className: "week" }, zone, nav, empty, grid);
}
