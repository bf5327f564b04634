/**
 * The page's first free time for a choice within the horizon, in one request: the free times
 * (booking/queries/free-times.ts) a week at a time from `from` until one is found. When none is,
 * why (choices.ts) and the nearest alternatives: the same choice earlier than `from`, the other
 * ways to meet, other branches.
 */
import type { Topic } from "../../directory/directory.js";
import type { Interval } from "../../slots/index.js";
import { isoOf } from "../../kernel/instants.js";
import type { BookingDeps } from "../../booking/write/deps.js";
import { nothingFreeReason, optionsFor } from "./choices.js";
import { customerTimes } from "./public-booking.js";
import { HORIZON_DAYS, type CustomerChoice, type OptionsView } from "./schemas.js";

const DAY_MS = 86_400_000;
/** One search per week: the same window as the page's week view, so its cost caps hold for each. */
const STEP_MS = 7 * DAY_MS;
const MAX_ALTERNATIVES = 3;
/** Other branches tried for a meeting at a branch (besides online and phone). */
const MAX_OTHER_BRANCHES = 4;

export async function firstFreeTime(
  deps: BookingDeps,
  choice: CustomerChoice,
  from: number,
  to: number,
  now: number,
): Promise<Interval | null> {
  for (let start = from; start < to; start += STEP_MS) {
    const times = await customerTimes(deps, choice, start, Math.min(to, start + STEP_MS), now);
    if (times.length) return times[0];
  }
  return null;
}

/** Other choices of the same topic and customer type worth trying, most alike first. */
function otherChoices(choice: CustomerChoice, options: OptionsView): CustomerChoice[] {
  const same = { topicId: choice.topicId, customerTypeId: choice.customerTypeId };
  const key = (s: string | undefined) => (s ?? "").trim().toLowerCase();
  const remote = options.meetingTypes
    .filter((o) => o.meetingType !== "Physical" && o.meetingType !== choice.meetingType)
    .map((o) => ({ ...same, meetingType: o.meetingType, branch: undefined }));
  const branches = options.meetingTypes.find((o) => o.meetingType === "Physical")?.branches ?? [];
  const physical = branches
    .filter((b) => choice.meetingType !== "Physical" || key(b) !== key(choice.branch))
    .sort((a, b) => Number(key(b) === key(choice.branch)) - Number(key(a) === key(choice.branch)))
    .slice(0, MAX_OTHER_BRANCHES)
    .map((branch) => ({ ...same, meetingType: "Physical" as const, branch }));
  return [...remote, ...physical];
}

export async function nextFree(deps: BookingDeps, choice: CustomerChoice, topic: Topic, fromMs: number | undefined, now: number) {
  const from = Math.max(now, fromMs ?? now);
  const horizonEnd = now + HORIZON_DAYS * DAY_MS;
  const window = { from: isoOf(from), horizonEnd: isoOf(horizonEnd) };
  const next = await firstFreeTime(deps, choice, from, horizonEnd, now);
  if (next) return { ...window, next: { start: isoOf(next.start), end: isoOf(next.end) }, reason: null, alternatives: [] };

  const [options, rooms] = await Promise.all([optionsFor(deps.directory, topic, choice.customerTypeId), deps.directory.list("room")]);
  // The same choice before `from` (an earlier week) comes first; then the other ways and branches from now.
  const candidates = [...(from > now ? [choice] : []), ...otherChoices(choice, options)];
  const found = await Promise.all(
    candidates.map(async (c) => ({ c, time: await firstFreeTime(deps, c, now, c === choice ? from : horizonEnd, now) })),
  );
  const alternatives = found
    .filter((f): f is { c: CustomerChoice; time: Interval } => f.time !== null)
    .sort((a, b) => Number(b.c === choice) - Number(a.c === choice) || a.time.start - b.time.start)
    .slice(0, MAX_ALTERNATIVES)
    .map(({ c, time }) => ({
      meetingType: c.meetingType,
      branch: c.meetingType === "Physical" ? (c.branch ?? null) : null,
      start: isoOf(time.start),
      end: isoOf(time.end),
    }));
  const reason = from >= horizonEnd ? ("beyond_horizon" as const) : nothingFreeReason(options, rooms, choice);
  return { ...window, next: null, reason, alternatives };
}
