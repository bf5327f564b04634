/**
 * The time picker's way out: where the first free time is, a jump to it from an empty week, and,
 * when nothing is free within the horizon, why in plain words and what else can be booked.
 */
import type { Time } from "./api.js";
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { dayLabel, whenText } from "./times.js";

export const CUSTOMER_MEETING_TYPES = ["Physical", "Online", "Telephone"] as const;
export type CustomerMeetingType = (typeof CUSTOMER_MEETING_TYPES)[number];

export interface Alternative extends Time {
  meetingType: CustomerMeetingType;
  branch: string | null;
}

/** GET /next-free's answer. */
export interface NextFree {
  from: string;
  horizonEnd: string;
  next: Time | null;
  reason: string | null;
  alternatives: Alternative[];
}

const DAY_MS = 86_400_000;

/** "Next free time: Tuesday 15 December", above the week it opened on. */
export function nextFreeLine(next: Time): HTMLElement {
  return h("p", { id: "next-free", className: "next-free" }, t().nextFree(dayLabel(Date.parse(next.start))));
}

/** An empty week with a free time later: say so and offer the jump. */
export function emptyWeekView(next: Time | null, onJump: () => void): HTMLElement {
  const texts = t();
  return h(
    "div",
    { className: "notice", id: "empty-week", role: "status" },
    h("p", {}, texts.noTimesWeek),
    next
      ? h(
          "button",
          { type: "button", id: "go-next-free", className: "primary", onclick: onJump },
          texts.goToNextFree(dayLabel(Date.parse(next.start))),
        )
      : null,
  );
}

/** Nothing free for the choice within the horizon: the reason and the nearest alternatives (or a phone call). */
export function nothingFreeView(nf: NextFree, onPick: (a: Alternative) => void): HTMLElement {
  const texts = t();
  const days = Math.max(1, Math.round((Date.parse(nf.horizonEnd) - Date.now()) / DAY_MS));
  const later = Date.parse(nf.from) > Date.now() + DAY_MS;
  const label = (a: Alternative) => {
    const way = a.meetingType === "Physical" && a.branch ? `${texts.Physical} ${texts.altAt(a.branch)}` : texts[a.meetingType];
    return texts.altFirstFree(way, whenText(a));
  };
  return h(
    "div",
    { className: "notice warn", id: "nothing-free", tabindex: "-1" },
    h("p", {}, h("strong", {}, later ? texts.nothingFreeLater(days) : texts.nothingFree(days))),
    nf.reason ? h("p", { id: "nothing-free-reason" }, texts.reasons[nf.reason] ?? nf.reason) : null,
    nf.alternatives.length
      ? [
          h("p", {}, texts.tryInstead),
          h(
            "ul",
            { className: "alternatives stacked" },
            nf.alternatives.map((a) =>
              h("li", {}, h("button", { type: "button", className: "alt-choice", onclick: () => onPick(a) }, label(a))),
            ),
          ),
        ]
      : h("p", {}, texts.noAlternatives2),
  );
}
