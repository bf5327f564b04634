import { registerEndpoint } from "../../shared/app/register.js";
import { adminDelete } from "../../shared/api/bookme/directory-endpoints.js";

export const configCustomerTypesDelete = registerEndpoint(
  adminDelete({
    name: "config-customer-types-delete",
    route: "config/customer-types/{id}",
    kind: "customerType",
    tags: ["Config"],
    summary: "Delete a customer type",
  }),
);
