import { randomUUID } from "node:crypto";
import { registerEndpoint } from "../../shared/app/register.js";
import type { Reply } from "../../shared/api/edge/endpoint.js";
import { ConflictError } from "../../shared/kernel/errors.js";
import { CustomerTypeBody, CustomerTypeView, customerTypeView } from "../../shared/directory/directory.js";

export const configCustomerTypesCreate = registerEndpoint({
  name: "config-customer-types-create",
  method: "POST",
  route: "config/customer-types",
  versions: ["v2", "v1"],
  permission: "BookMe.Admin",
  summary: "Create a customer type (the id is generated unless given)",
  tags: ["Config"],
  body: CustomerTypeBody,
  responses: {
    201: { description: "Created", schema: CustomerTypeView, headers: { Location: "URL of the new customer type" } },
    409: { description: "The given id exists already" },
  },
  async handle({ body }, ctx, deps): Promise<Reply> {
    const entity = { id: body.id ?? randomUUID(), name: body.name, description: body.description };
    if (!(await deps.directory.create("customerType", entity))) {
      throw new ConflictError("already_exists", `customer type '${entity.id}' exists already; use PUT to replace it`);
    }
    return {
      status: 201,
      body: customerTypeView(entity),
      headers: { location: `/api/${ctx.version}/bookme/config/customer-types/${entity.id}` },
    };
  },
});
