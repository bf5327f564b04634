/**
 * Joint meetings: who may be each further participant of a meeting type (its `participants` pools),
 * and the skills its pools need (by advisor), for availability and booking alike.
 */
import type { Employee } from "../../directory/directory.js";
import type { MeetingTypeConfig, ParticipantPool } from "../../directory/meeting-types.js";
import { matchingSkills, type SkillNeed } from "../../directory/skills.js";
import type { SlotEmployee } from "../../slots/index.js";
import { textKey } from "../../slots/selection.js";
import { toSlotEmployee } from "./slot-mapping.js";

/** Members of a pool: its employeeIds and service group (everyone when neither is given), narrowed by skill and location. */
export function poolMembersOf(
  pool: { employeeIds: readonly string[]; serviceGroup?: string; location?: string } & Partial<SkillNeed>,
  employees: readonly Employee[],
): Employee[] {
  const explicit = new Set(pool.employeeIds);
  const group = pool.serviceGroup !== undefined ? textKey(pool.serviceGroup) : undefined;
  const anyone = explicit.size === 0 && group === undefined;
  const location = pool.location !== undefined ? textKey(pool.location) : undefined;
  return employees.filter(
    (e) =>
      (anyone || explicit.has(e.id) || (group !== undefined && e.serviceGroups.some((g) => textKey(g) === group))) &&
      (location === undefined || e.locations.some((l) => textKey(l) === location)) &&
      (pool.skill === undefined || matchingSkills(e.skills, { skill: pool.skill, minLevel: pool.minLevel }).length > 0),
  );
}

export interface ParticipantSearch {
  /** "participants[0]" or the pool's label. */
  label: string;
  sameBranch: boolean;
  members: SlotEmployee[];
}

/** Each further pool's members, sorted by id, without the customer's excluded advisors. */
export function participantSearch(
  type: MeetingTypeConfig,
  employees: readonly Employee[],
  excluded: ReadonlySet<string> = new Set(),
): ParticipantSearch[] {
  return (type.participants ?? []).map((pool: ParticipantPool, i) => ({
    label: pool.label ?? `participants[${i}]`,
    sameBranch: pool.sameBranch,
    members: poolMembersOf(pool, employees)
      .filter((e) => !excluded.has(e.id))
      .map(toSlotEmployee)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  }));
}

/** The skill each advisor must hold on the meeting's day: the type's pool's for its members, a participant pool's for its. */
export function skillNeeds(type: MeetingTypeConfig, employees: readonly Employee[]): Map<string, SkillNeed> {
  const needs = new Map<string, SkillNeed>();
  for (const pool of [type.pool, ...(type.participants ?? [])]) {
    if (pool.skill === undefined) continue;
    const need = { skill: pool.skill, minLevel: pool.minLevel };
    for (const e of poolMembersOf(pool, employees)) if (!needs.has(e.id)) needs.set(e.id, need);
  }
  return needs;
}
