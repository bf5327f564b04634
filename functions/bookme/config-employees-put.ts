import { registerEndpoint } from "../../shared/app/register.js";
import { adminPut } from "../../shared/api/bookme/directory-endpoints.js";
import { EmployeeAdminView, EmployeeBody, employeeAdminView } from "../../shared/directory/directory.js";

export const configEmployeesPut = registerEndpoint(
  adminPut({
    name: "config-employees-put",
    route: "config/employees/{id}",
    kind: "employee",
    body: EmployeeBody,
    view: employeeAdminView,
    viewSchema: EmployeeAdminView,
    tags: ["Config"],
    summary: "Create or replace an employee",
  }),
);
