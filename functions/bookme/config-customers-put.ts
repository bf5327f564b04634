import { z } from "zod";
import { registerEndpoint } from "../../shared/app/register.js";
import { CustomerAdvisorBody, CustomerAdvisorView, customerAdvisorView, CustomerId } from "../../shared/directory/customer-advisors.js";
import { ValidationError, fieldError } from "../../shared/kernel/errors.js";

export const configCustomersPut = registerEndpoint({
  name: "config-customers-put",
  method: "PUT",
  route: "config/customers/{customerId}",
  versions: ["v2"],
  permission: "BookMe.Admin",
  summary: "Set a customer's own advisor and the advisors never offered to them (back office or CRM sync)",
  tags: ["Config"],
  params: z.object({ customerId: CustomerId }),
  body: CustomerAdvisorBody,
  responses: {
    200: { description: "Replaced", schema: CustomerAdvisorView },
    201: { description: "Created", schema: CustomerAdvisorView },
    400: { description: "A field is missing or malformed, or names an employee that does not exist" },
  },
  async handle({ params, body }, _ctx, { directory }) {
    const ids = [...(body.advisorId ? [body.advisorId] : []), ...body.excludedAdvisorIds];
    const found = await Promise.all(ids.map((id) => directory.get("employee", id)));
    const unknown = ids.filter((_, i) => !found[i]);
    if (unknown.length)
      throw new ValidationError(
        unknown.map((id) =>
          fieldError(id === body.advisorId ? "advisorId" : "excludedAdvisorIds", `no employee has the id ${id}`, "exists"),
        ),
      );
    const record = { ...body, id: params.customerId };
    const { created } = await directory.put("customerAdvisor", record);
    return { status: created ? 201 : 200, body: customerAdvisorView(record) };
  },
});
