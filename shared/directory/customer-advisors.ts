/**
 * The customer's own advisor: a relationship record per customer id (set by the back office or a
 * CRM sync), read by meeting types that prefer or require the own advisor; excluded advisors
 * (conflicts of interest) are never offered to or assigned for that customer.
 */
import { z } from "zod";
import { Id, list } from "../kernel/fields.js";

/** A customer id as a document id and route segment: what meetings carry, without characters Cosmos DB ids refuse. */
export const CustomerId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^/\\?#\s]+$/, { message: "must not contain /, \\, ?, # or spaces" });

export const CustomerAdvisorBody = z
  .object({
    advisorId: Id.optional().describe("The customer's own advisor"),
    excludedAdvisorIds: list(Id, 50).default([]).describe("Advisors never offered to or assigned for this customer"),
  })
  .refine((c) => !c.advisorId || !c.excludedAdvisorIds.includes(c.advisorId), {
    message: "the own advisor cannot also be excluded",
    path: ["excludedAdvisorIds"],
  });
export type CustomerAdvisorBody = z.output<typeof CustomerAdvisorBody>;
/** id: the customer id. */
export type CustomerAdvisor = CustomerAdvisorBody & { id: string };

export const CustomerAdvisorView = z.object({
  customerId: z.string(),
  advisorId: z.string().optional(),
  excludedAdvisorIds: z.array(z.string()),
});

export function customerAdvisorView(c: CustomerAdvisor): z.output<typeof CustomerAdvisorView> {
  return { customerId: c.id, ...(c.advisorId ? { advisorId: c.advisorId } : {}), excludedAdvisorIds: c.excludedAdvisorIds };
}

/** How a meeting type treats the customer's own advisor. */
export const OWN_ADVISOR_MODES = ["none", "prefer", "require"] as const;
export type OwnAdvisorMode = (typeof OWN_ADVISOR_MODES)[number];
