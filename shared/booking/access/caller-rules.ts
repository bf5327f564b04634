/**
 * What a caller's channel decides about a booking: bookedBy, portalId and (for customers)
 * customerId follow from the caller; a body value that contradicts them is refused (403 naming the
 * field), never silently replaced. An advisor books and moves only meetings they can see afterwards.
 */
import { DomainError, NotFoundError } from "../../kernel/errors.js";
import { canSee, type Caller } from "../model/caller.js";
import type { MeetingDetails } from "../model/commands.js";
import type { MeetingDoc } from "../model/documents.js";

const notAllowed = (field: string, message: string) => new DomainError("field_not_allowed", `${field}: ${message}`, { field });

/** The bookedBy values each channel may record; the first is its default. */
const BOOKED_BY: Record<Caller["channel"], readonly string[]> = {
  Backoffice: ["Employee", "Customer", "PortalPartner", "PortalCustomer"],
  Employee: ["Employee"],
  Customer: ["Customer"],
  Portal: ["PortalPartner", "PortalCustomer"],
  // Bots (and the facades' API keys) record their own channel name: any value, default Customer.
  Bot: [],
};

type Owned = Pick<MeetingDetails, "portalId" | "customerId"> & { bookedBy: string };

/** bookedBy (undefined: not sent), portalId and customerId as the caller makes them. */
export function ownedDetails(caller: Caller | undefined, sent: Omit<Owned, "bookedBy"> & { bookedBy?: string }): Owned {
  if (!caller) return { ...sent, bookedBy: sent.bookedBy ?? "Employee" };
  const allowed = BOOKED_BY[caller.channel];
  if (sent.bookedBy !== undefined && allowed.length && !allowed.includes(sent.bookedBy))
    throw notAllowed("bookedBy", `a ${caller.channel} client books as ${allowed.join(" or ")}, not ${sent.bookedBy}`);
  const portalId = caller.channel === "Portal" ? (caller.portalId ?? null) : caller.channel === "Backoffice" ? sent.portalId : null;
  if (sent.portalId && sent.portalId !== portalId)
    throw notAllowed("portalId", portalId ? `this client books for portal ${portalId} only` : "only a Portal client books portal meetings");
  if (caller.channel === "Customer" && sent.customerId && sent.customerId !== caller.customerId)
    throw notAllowed("customerId", "a signed-in customer books for themselves (the customer id of the token)");
  const customerId = caller.channel === "Customer" ? caller.customerId! : sent.customerId;
  return { bookedBy: sent.bookedBy ?? allowed[0] ?? "Customer", portalId, customerId };
}

/** A meeting as the caller may leave it after a booking or change: still theirs to see. */
export function mustStayVisible(caller: Caller | undefined, meeting: Parameters<typeof canSee>[1]): void {
  if (canSee(caller, meeting)) return;
  if (caller?.channel === "Customer") throw notAllowed("customerId", "a signed-in customer keeps their own customer id on their meetings");
  throw notAllowed("employeeId", "an advisor books and moves meetings they are on (or, with the branch role, of their branch)");
}

/** The meeting if the caller may see it; otherwise as missing as one that does not exist. */
export function visibleOrMissing<T extends { meeting: MeetingDoc }>(caller: Caller | undefined, id: string, found: T | undefined): T {
  if (!found || !canSee(caller, found.meeting)) throw new NotFoundError("meeting", id);
  return found;
}
