/** Ownership rules: what each channel sees, that listings say the same as single reads, and what a booking may claim. */
import { describe, expect, it } from "vitest";
import { canSee, inScope, listScope, type Caller } from "../../../shared/booking/model/caller.js";
import { ownedDetails } from "../../../shared/booking/access/caller-rules.js";
import { DomainError } from "../../../shared/kernel/errors.js";

const base = { tenantId: "t", clientId: "c" };
const callers: Caller[] = [
  { ...base, channel: "Backoffice" },
  { ...base, channel: "Portal", portalId: "p1" },
  { ...base, channel: "Customer", userId: "u", customerId: "k1" },
  { ...base, channel: "Employee", userId: "u", employeeId: "e1" },
  { ...base, channel: "Employee", userId: "u", employeeId: "e1", branchEmployeeIds: ["e1", "e2"] },
  { ...base, channel: "Bot", entity: "client:c" },
  { ...base, channel: "Bot", clientId: "other", entity: "client:other" },
  { ...base, channel: "Portal" },
];

function meetings() {
  const out = [];
  for (const employeeId of ["e1", "e2", "e3"])
    for (const additionalEmployees of [[], ["e1"], ["e3", "e2"]])
      for (const portalId of [null, "p1", "p2"])
        for (const customerId of ["k1", "k2"])
          for (const owner of [
            undefined,
            { channel: "Bot", ...base, entity: "client:c" },
            { channel: "Bot", tenantId: "t", clientId: "other", entity: "client:other" },
            { channel: "Bot", ...base },
          ])
            out.push({ employeeId, additionalEmployees, portalId, customerId, owner });
  return out;
}

describe("ownership", () => {
  it("a listing's scope admits exactly the meetings a single read would show (every channel, every shape)", () => {
    for (const caller of callers)
      for (const m of meetings()) expect(inScope(listScope(caller), m), JSON.stringify({ caller, m })).toBe(canSee(caller, m));
  });

  it("each channel reaches its own: portal by portalId, customer by customerId, advisor by attendance or branch, bot by owner's entity", () => {
    const m = {
      employeeId: "e2",
      additionalEmployees: [],
      portalId: "p1",
      customerId: "k2",
      owner: { channel: "Bot", ...base, entity: "client:c" },
    };
    expect(callers.map((c) => canSee(c, m))).toEqual([true, true, false, false, true, true, false, false]);
  });
});

describe("entities", () => {
  const owned = (entity?: string) => ({
    employeeId: "e1",
    additionalEmployees: [],
    portalId: null,
    customerId: "k1",
    owner: { channel: "Bot", tenantId: "bookme", clientId: "apikey:writer", ...(entity ? { entity } : {}) },
  });
  const key = (keyId: string, entity: string): Caller => ({ channel: "Bot", tenantId: "bookme", clientId: `apikey:${keyId}`, entity });

  it("every key of an entity reaches what any key of it booked; another entity's key does not", () => {
    const m = owned("org:acme");
    expect(canSee(key("writer", "org:acme"), m)).toBe(true);
    expect(canSee(key("reader", "org:acme"), m)).toBe(true);
    expect(canSee(key("stranger", "org:globex"), m)).toBe(false);
    expect(listScope(key("reader", "org:acme"))).toEqual({ ownerEntity: "org:acme" });
  });

  it("a meeting recorded before entities (no owner.entity) is nobody's until migrated; a Bot caller without an entity reaches nothing", () => {
    expect(canSee(key("writer", "key:writer"), owned())).toBe(false);
    expect(listScope({ channel: "Bot", tenantId: "t", clientId: "c" })).toEqual({ none: true });
  });
});

describe("what a booking may claim", () => {
  const sent = { portalId: null, customerId: "k9" };
  const refused = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err instanceof DomainError ? [err.code, err.extra.field] : err;
    }
    return "allowed";
  };

  it("portals book as their portal; another portal or a non-portal bookedBy is refused naming the field", () => {
    const portal = callers[1];
    expect(ownedDetails(portal, sent)).toEqual({ bookedBy: "PortalPartner", portalId: "p1", customerId: "k9" });
    expect(refused(() => ownedDetails(portal, { ...sent, portalId: "p2" }))).toEqual(["field_not_allowed", "portalId"]);
    expect(refused(() => ownedDetails(portal, { ...sent, bookedBy: "Employee" }))).toEqual(["field_not_allowed", "bookedBy"]);
  });

  it("customers book for the customer of their token; others may not claim a portal", () => {
    expect(ownedDetails(callers[2], { portalId: null, customerId: "k1" })).toMatchObject({ customerId: "k1", bookedBy: "Customer" });
    expect(refused(() => ownedDetails(callers[2], sent))).toEqual(["field_not_allowed", "customerId"]);
    expect(refused(() => ownedDetails(callers[3], { ...sent, portalId: "p1" }))).toEqual(["field_not_allowed", "portalId"]);
    expect(ownedDetails(callers[0], { ...sent, portalId: "p7", bookedBy: "PortalCustomer" })).toMatchObject({ portalId: "p7" });
  });
});
