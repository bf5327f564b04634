import { registerEndpoint } from "../../shared/app/register.js";
import { listAll } from "../../shared/api/bookme/directory-endpoints.js";
import { EmployeeView, employeeView } from "../../shared/directory/directory.js";

export const employeesList = registerEndpoint(
  listAll({
    name: "employees-list",
    route: "employees",
    kind: "employee",
    permission: "BookMe.Read",
    view: employeeView,
    viewSchema: EmployeeView,
    tags: ["Employees"],
    summary: "List all employees",
  }),
);
