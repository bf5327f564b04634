/**
 * Who is calling, in the domain's terms, and what they may see. The HTTP edge builds a Caller from
 * the verified token and the client's registration (shared/api/edge/caller.ts); the domain only asks
 * these questions. A meeting a caller may not see reads as missing (404), so its existence leaks
 * nothing.
 */
import type { Channel } from "../../directory/clients.js";
import type { MeetingDoc, ReservationDoc } from "./documents.js";

/** Who did it, as the audit trail and the stored owner record it (no personal data: ids only). */
export interface Actor {
  /** A client's channel; or the meeting's secret holder, the public booking page, the service itself. */
  channel: Channel | "SelfService" | "Public" | "System";
  tenantId: string;
  /** The client application (azp/appid), or `apikey:{id}` for a facade's API key. */
  clientId: string;
  /** The signed-in user (oid); absent for app-only callers. */
  userId?: string;
  /** Bot channel: the entity the meeting belongs to (client:{appId}, org:{name}; directory/api-keys.ts). Owners only. */
  entity?: string;
}

export interface Caller extends Actor {
  channel: Channel;
  /** Portal: the portal whose meetings it reaches. */
  portalId?: string;
  /** Customer: the customer id from the token. */
  customerId?: string;
  /** Employee: the advisor the user is. */
  employeeId?: string;
  /** Employee with the branch role: every advisor of their branches (themselves included). */
  branchEmployeeIds?: readonly string[];
}

/** The sweeper, timers and other work the service does on its own. */
export const SYSTEM_ACTOR: Actor = { channel: "System", tenantId: "bookme", clientId: "bookme" };
/** Whoever holds a meeting's self-service secret (the manage link, BookMe-Manage-Secret). */
export const SELF_SERVICE_ACTOR: Actor = { channel: "SelfService", tenantId: "bookme", clientId: "manage-secret" };
/** The public booking page. */
export const PUBLIC_ACTOR: Actor = { channel: "Public", tenantId: "bookme", clientId: "booking-page" };

/** Who a change is recorded as made by: the caller, else what the command says, else the service. */
/** The owner a new meeting records: who made it and, on the Bot channel, the entity it belongs to. */
export function ownerOf(caller: Caller): Actor {
  return caller.entity ? { ...actorOf(caller), entity: caller.entity } : actorOf(caller);
}

export function actorOf(caller: Caller | undefined, fallback: Actor = SYSTEM_ACTOR): Actor {
  if (!caller) return fallback;
  const { channel, tenantId, clientId, userId } = caller;
  return userId ? { channel, tenantId, clientId, userId } : { channel, tenantId, clientId };
}

/** The key a reservation is bound to: the same client and user (or the same app) may replace, convert or release it. */
export function holderKey(caller: Actor): string {
  return `${caller.tenantId}:${caller.clientId}:${caller.userId ?? "app"}`; // no "/": it becomes part of document ids
}

/** A token names a reservation only within its holder's own tokens: another caller's equal token is another token. */
export function tokenPointer(holder: string | undefined, token: string): string {
  return holder ? `${holder}|${token}` : token;
}

/** The advisors whose meetings an employee caller reaches. */
function employeeScope(caller: Caller): readonly string[] {
  if (caller.branchEmployeeIds?.length) return caller.branchEmployeeIds;
  return caller.employeeId ? [caller.employeeId] : [];
}

type OwnedFields = Pick<MeetingDoc, "employeeId" | "additionalEmployees" | "portalId" | "customerId" | "owner">;

/** One rule for single reads and listings: a meeting is visible when it falls in the caller's listing scope. */
export function canSee(caller: Caller | undefined, meeting: OwnedFields): boolean {
  return inScope(listScope(caller), meeting);
}

/** Reservations are the caller's own: only its holder reaches one. */
export function holdsReservation(caller: Caller | undefined, reservation: Pick<ReservationDoc, "holder">): boolean {
  if (!caller) return true;
  return reservation.holder === undefined || reservation.holder === holderKey(caller);
}

/** What a listing is narrowed to for this caller (the store turns it into conditions); undefined: everything. */
export type ListScope =
  { portalId: string } | { customerId: string } | { employeeIds: readonly string[] } | { ownerEntity: string } | { none: true };

/** Whether a meeting falls within a listing scope (the store's query says the same in SQL). */
export function inScope(scope: ListScope | undefined, meeting: OwnedFields): boolean {
  if (!scope) return true;
  if ("none" in scope) return false;
  if ("portalId" in scope) return meeting.portalId === scope.portalId;
  if ("customerId" in scope) return meeting.customerId === scope.customerId;
  if ("employeeIds" in scope)
    return scope.employeeIds.includes(meeting.employeeId) || meeting.additionalEmployees.some((e) => scope.employeeIds.includes(e));
  return meeting.owner?.entity === scope.ownerEntity;
}

export function listScope(caller: Caller | undefined): ListScope | undefined {
  if (!caller || caller.channel === "Backoffice") return undefined;
  switch (caller.channel) {
    case "Portal":
      return caller.portalId ? { portalId: caller.portalId } : { none: true };
    case "Customer":
      return caller.customerId ? { customerId: caller.customerId } : { none: true };
    case "Employee": {
      const scope = employeeScope(caller);
      return scope.length ? { employeeIds: scope } : { none: true };
    }
    case "Bot":
      // Every client and API key of an entity reaches the entity's meetings (directory/api-keys.ts).
      return caller.entity ? { ownerEntity: caller.entity } : { none: true };
  }
}
