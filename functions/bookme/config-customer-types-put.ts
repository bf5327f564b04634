import { registerEndpoint } from "../../shared/app/register.js";
import { adminPut } from "../../shared/api/bookme/directory-endpoints.js";
import { CustomerTypeBody, CustomerTypeView, customerTypeView } from "../../shared/directory/directory.js";

export const configCustomerTypesPut = registerEndpoint(
  adminPut({
    name: "config-customer-types-put",
    route: "config/customer-types/{id}",
    kind: "customerType",
    body: CustomerTypeBody.omit({ id: true }),
    view: customerTypeView,
    viewSchema: CustomerTypeView,
    tags: ["Config"],
    summary: "Create or replace a customer type",
  }),
);
