/**
 * Skills with validity: an advisor carries skills (name, optional level, validFrom/validTo as local
 * dates in the advisor's zone, both included); a meeting type's pool may require a skill and a
 * minimum level. Who holds a skill at all decides pool membership; the dates decide the days on
 * which they count (shared/booking/queries/skill-validity.ts turns the other days into blocked time).
 */
import { z } from "zod";
import { LocalDate, ShortText } from "../kernel/fields.js";

export const Skill = z
  .object({
    name: ShortText.describe("e.g. pension; compared case-insensitively"),
    level: z.number().int().min(1).max(10).optional().describe("1-10; absent counts as 1"),
    validFrom: LocalDate.optional().describe("First day it counts (the advisor's zone); absent: always before"),
    validTo: LocalDate.optional().describe("Last day it counts (the advisor's zone); absent: open-ended"),
  })
  .refine((s) => !s.validFrom || !s.validTo || s.validFrom <= s.validTo, {
    message: "validTo must not be before validFrom",
    path: ["validTo"],
  });
export type Skill = z.output<typeof Skill>;

/** A pool's skill requirement (meeting types). */
export const skillRequirementFields = {
  skill: ShortText.optional().describe("Only advisors holding this skill (valid on the meeting's day)"),
  minLevel: z.number().int().min(1).max(10).optional().describe("With skill: at least this level"),
};

export interface SkillNeed {
  skill: string;
  minLevel?: number;
}

const key = (s: string) => s.trim().toLowerCase();

/** The advisor's skills that meet the need, whatever their dates. */
export function matchingSkills(skills: readonly Skill[] | undefined, need: SkillNeed): Skill[] {
  return (skills ?? []).filter((s) => key(s.name) === key(need.skill) && (s.level ?? 1) >= (need.minLevel ?? 1));
}
