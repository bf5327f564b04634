/**
 * The customer's own advisor in a meeting type's pool: excluded advisors (conflicts of interest)
 * are never offered or assigned; a type that requires the own advisor offers only them; one that
 * prefers them has round robin try them first.
 */
import type { MeetingTypeConfig } from "../../directory/meeting-types.js";
import type { OwnAdvisorMode } from "../../directory/customer-advisors.js";
import type { DirectoryRepository } from "../model/ports.js";

export interface CustomerPreference {
  mode: OwnAdvisorMode;
  /** The customer's own advisor, if they have one. */
  advisorId?: string;
  excluded: ReadonlySet<string>;
}

/** The customer's relationship as the type uses it (undefined: no customer, or no record). */
export async function customerPreference(
  directory: DirectoryRepository,
  type: MeetingTypeConfig,
  customerId: string | undefined,
): Promise<CustomerPreference | undefined> {
  if (!customerId) return undefined;
  const record = await directory.get("customerAdvisor", customerId);
  if (!record) return type.ownAdvisor === "require" ? { mode: "require", excluded: new Set() } : undefined;
  return { mode: type.ownAdvisor ?? "none", advisorId: record.advisorId, excluded: new Set(record.excludedAdvisorIds) };
}

/** The pool as this customer may be offered it. */
export function poolFor<E extends { id: string }>(pool: readonly E[], pref: CustomerPreference | undefined): E[] {
  if (!pref) return [...pool];
  const allowed = pool.filter((e) => !pref.excluded.has(e.id));
  return pref.mode === "require" ? allowed.filter((e) => e.id === pref.advisorId) : allowed;
}
