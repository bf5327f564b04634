/**
 * Skills with validity as blocked time: an advisor who holds a pool's skill counts on the local days
 * of its validity (validFrom..validTo, both included, in the advisor's zone, so a DST day is 23 or 25
 * hours); the rest of a search's range becomes a `skill_lapsed` span, handed to the engine as an
 * absence like a closed day, and named by explain. The skill lapses on its own: no job, no write.
 */
import { DateTime } from "luxon";
import { matchingSkills, type Skill, type SkillNeed } from "../../directory/skills.js";
import { mergeIntervals, subtractIntervals, type Interval } from "../../slots/index.js";
import type { BlockedSpan } from "./blocked-time.js";

/** UTC bounds of a skill's validity in a zone (open ends unbounded). */
export function validityOf(skill: Skill, zone: string): Interval {
  const day = (date: string) => DateTime.fromISO(date, { zone }).startOf("day");
  return {
    start: skill.validFrom ? day(skill.validFrom).toMillis() : -Infinity,
    end: skill.validTo ? day(skill.validTo).plus({ days: 1 }).toMillis() : Infinity,
  };
}

/** The times none of the advisor's skills meeting the need is valid that touch [range) (whole, so explain shows when a lapse began; open ends are infinite). */
export function skillLapses(employee: { timeZone: string; skills?: readonly Skill[] }, need: SkillNeed, range: Interval): BlockedSpan[] {
  const skills = matchingSkills(employee.skills, need);
  const valid = mergeIntervals(skills.map((s) => validityOf(s, employee.timeZone)));
  const level = need.minLevel ? ` level ${need.minLevel}+` : "";
  const lapsed = subtractIntervals([{ start: -Infinity, end: Infinity }], valid).filter((i) => i.start < range.end && i.end > range.start);
  return lapsed.map(({ start, end }) => ({
    start,
    end,
    code: "skill_lapsed" as const,
    detail: `skill ${need.skill}${level} not valid ${describe(skills, employee.timeZone, start)}`,
  }));
}

function describe(skills: readonly Skill[], zone: string, at: number): string {
  const date = Number.isFinite(at) ? DateTime.fromMillis(at, { zone }).toISODate() : "";
  const ended = skills.filter((s) => s.validTo && s.validTo < (date ?? "")).map((s) => s.validTo!);
  if (ended.length) return `after ${ended.sort().at(-1)} (${zone})`;
  const starts = skills.filter((s) => s.validFrom && s.validFrom > (date ?? "")).map((s) => s.validFrom!);
  return starts.length ? `before ${starts.sort()[0]} (${zone})` : `on ${date} (${zone})`;
}
