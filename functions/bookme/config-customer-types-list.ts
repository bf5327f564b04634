import { registerEndpoint } from "../../shared/app/register.js";
import { listAll } from "../../shared/api/bookme/directory-endpoints.js";
import { CustomerTypeView, customerTypeView } from "../../shared/directory/directory.js";

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
