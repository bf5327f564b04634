import { registerEndpoint } from "../../shared/app/register.js";
import { adminDelete } from "../../shared/api/bookme/directory-endpoints.js";

export const configEmployeesDelete = registerEndpoint(
  adminDelete({
    name: "config-employees-delete",
    route: "config/employees/{id}",
    kind: "employee",
    tags: ["Config"],
    summary: "Delete an employee",
  }),
);
