import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import { CustomerId } from "../../shared/directory/customer-advisors.js";
import { DomainError } from "../../shared/kernel/errors.js";

export const configCustomersDelete = registerEndpoint({
  name: "config-customers-delete",
  method: "DELETE",
  route: "config/customers/{customerId}",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Remove a customer's own and excluded advisors",
  tags: ["Config"],
  params: z.object({ customerId: CustomerId }),
  responses: { 204: { description: "Deleted" }, 404: { description: "No record for this customer" } },
  async handle({ params }, _ctx, { directory }) {
    if (!(await directory.delete("customerAdvisor", params.customerId)))
      throw new DomainError("not_found", "no relationship is recorded for this customer");
    return { status: 204 };
  },
});
