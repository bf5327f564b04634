import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { CustomerTypeView, customerTypeView } from "../../shared/directory/directory.js";

export const configCustomerTypesGet = registerEndpoint(
  getOne({
    name: "config-customer-types-get",
    route: "config/customer-types/{id}",
    kind: "customerType",
    permission: "BookMe.Read",
    view: customerTypeView,
    viewSchema: CustomerTypeView,
    tags: ["Config"],
    summary: "Get a customer type",
  }),
);
