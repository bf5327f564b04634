import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { EmployeeAdminView, employeeAdminView } from "../../shared/directory/directory.js";

export const configEmployeesGet = registerEndpoint(
  getOne({
    name: "config-employees-get",
    route: "config/employees/{id}",
    kind: "employee",
    permission: "BookMe.Admin",
    view: employeeAdminView,
    viewSchema: EmployeeAdminView,
    tags: ["Config"],
    summary: "An employee with its administration fields",
  }),
);
