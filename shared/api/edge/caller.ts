/**
 * From a verified token to the domain's Caller: the client's registration gives the channel (one
 * point read per request, like an API key), the channel says what else the token must carry.
 * - Employee: a user (delegated) who is an advisor (employee.entraObjectId = oid); the role
 *   BookMe.Branch widens them to every advisor sharing one of their locations.
 * - Portal: its registered portalId. Customer: a user whose token carries the customer id claim.
 * - Bot, Backoffice: the client alone (Backoffice reaches everything).
 */
import type { Caller } from "../../booking/model/caller.js";
import type { DirectoryRepository } from "../../booking/model/ports.js";
import type { ClientRegistration } from "../../directory/clients.js";
import { clientEntity } from "../../directory/api-keys.js";
import type { ApiKeyPrincipal } from "./api-key-auth.js";
import { AuthError, type Principal } from "./auth.js";

export const BRANCH_ROLE = "BookMe.Branch";

export interface CallerSettings {
  bootstrapClientId?: string;
}

async function registrationOf(directory: DirectoryRepository, principal: Principal, settings: CallerSettings) {
  if (!principal.clientId) throw new AuthError("client_not_registered", "the token names no client application (azp or appid claim)");
  if (principal.clientId === settings.bootstrapClientId)
    return { id: principal.clientId, name: "bootstrap", channel: "Backoffice" } satisfies ClientRegistration;
  const registration = await directory.get("client", principal.clientId);
  if (!registration)
    throw new AuthError(
      "client_not_registered",
      `client application ${principal.clientId} is not registered with BookMe (an admin registers it: PUT /api/v2/bookme/config/clients/{appId})`,
    );
  return registration;
}

async function employeeCaller(directory: DirectoryRepository, principal: Principal, base: Caller): Promise<Caller> {
  if (!principal.userId)
    throw new AuthError(
      "channel_not_allowed",
      "the Employee channel takes delegated tokens of a signed-in advisor (app-only tokens carry no user)",
    );
  const employees = await directory.list("employee");
  const self = employees.find((e) => e.entraObjectId === principal.userId);
  if (!self)
    throw new AuthError("channel_not_allowed", "the signed-in user is not an advisor known to BookMe (no employee has this entraObjectId)");
  if (!principal.roles.has(BRANCH_ROLE)) return { ...base, employeeId: self.id };
  const branches = new Set(self.locations);
  const branch = employees.filter((e) => e.id === self.id || e.locations.some((l) => branches.has(l))).map((e) => e.id);
  return { ...base, employeeId: self.id, branchEmployeeIds: branch };
}

export async function callerOf(directory: DirectoryRepository, principal: Principal, settings: CallerSettings): Promise<Caller> {
  const registration = await registrationOf(directory, principal, settings);
  const base: Caller = {
    channel: registration.channel,
    tenantId: principal.tenantId,
    clientId: principal.clientId,
    ...(principal.userId ? { userId: principal.userId } : {}),
  };
  switch (registration.channel) {
    case "Employee":
      return employeeCaller(directory, principal, base);
    case "Portal":
      return { ...base, portalId: registration.portalId };
    case "Customer":
      if (!principal.userId || !principal.customerId)
        throw new AuthError(
          "channel_not_allowed",
          "the Customer channel takes delegated tokens of a signed-in customer carrying the customer id claim",
        );
      return { ...base, customerId: principal.customerId };
    case "Bot":
      // A Bot client is an entity of its own: its API keys (entity client:{appId}) reach what it books, and it theirs.
      return { ...base, entity: clientEntity(principal.clientId) };
    case "Backoffice":
      return base;
  }
}

/**
 * A facade's API key acts on the Bot channel for its entity: it reaches the entity's meetings (those
 * any key or client of the entity made); the audit trail still names the key (clientId apikey:{id}).
 */
export function apiKeyCaller(key: Pick<ApiKeyPrincipal, "keyId" | "entity">): Caller {
  return { channel: "Bot", tenantId: "bookme", clientId: `apikey:${key.keyId}`, entity: key.entity };
}
