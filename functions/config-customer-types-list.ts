import { registerEndpoint } from "../shared/app/register.js";
import { listAll } from "../shared/http/directory-endpoints.js";
import { CustomerTypeView, customerTypeView } from "../shared/schemas/directory.js";

export const configCustomerTypesList = registerEndpoint(
  listAll({
    name: "config-customer-types-list",
    route: "config/customer-types",
    kind: "customerType",
    permission: "BookMe.Read",
    view: customerTypeView,
    viewSchema: CustomerTypeView,
    tags: ["Config"],
    summary: "List customer types",
  }),
);
