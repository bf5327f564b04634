import { registerEndpoint } from "../../shared/app/register.js";
import { getOne } from "../../shared/api/bookme/directory-endpoints.js";
import { EmployeeView, employeeView } from "../../shared/directory/directory.js";

export const employeesGet = registerEndpoint(
  getOne({
    name: "employees-get",
    route: "employees/{id}",
    kind: "employee",
    permission: "BookMe.Read",
    view: employeeView,
    viewSchema: EmployeeView,
    tags: ["Employees"],
    summary: "Get an employee",
  }),
);
