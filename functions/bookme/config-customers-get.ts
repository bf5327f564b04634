import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import { CustomerAdvisorView, customerAdvisorView, CustomerId } from "../../shared/directory/customer-advisors.js";
import { DomainError } from "../../shared/kernel/errors.js";

export const configCustomersGet = registerEndpoint({
  name: "config-customers-get",
  method: "GET",
  route: "config/customers/{customerId}",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "A customer's own advisor and excluded advisors",
  tags: ["Config"],
  params: z.object({ customerId: CustomerId }),
  responses: { 200: { description: "Found", schema: CustomerAdvisorView }, 404: { description: "No record for this customer" } },
  async handle({ params }, _ctx, { directory }) {
    const record = await directory.get("customerAdvisor", params.customerId);
    if (!record) throw new DomainError("not_found", "no relationship is recorded for this customer");
    return { status: 200, body: customerAdvisorView(record) };
  },
});
