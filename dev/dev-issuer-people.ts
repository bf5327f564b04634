/**
 * The people the dev issuer's sign-in page offers, and the console's two client applications.
 * Advisors hold BookMe.Read and BookMe.Write; the first advisor of each branch (the one whose Outlook
 * syncs) is its branch manager with BookMe.Branch; the back office holds BookMe.Admin too. Their
 * oids are the demo employees' entraObjectIds, so the API's Employee channel knows them.
 */
import { DEMO_BACKOFFICE_CLIENT_ID } from "./dev-issuer.js";
import { demoClients, demoId, employees } from "./seed/demo-directory.js";

export type PersonKind = "advisor" | "branch-manager" | "back-office";

export interface DemoPerson {
  oid: string;
  name: string;
  email: string;
  kind: PersonKind;
  roles: string[];
  /** What the sign-in page says about them (branch). */
  detail: string;
}

const BRANCH_COUNT = 4;

export const demoPeople: DemoPerson[] = [
  ...employees.map((e, i): DemoPerson => {
    const manager = i < BRANCH_COUNT;
    return {
      oid: e.entraObjectId ?? demoId(`user:${i}`),
      name: e.name,
      email: e.email,
      kind: manager ? "branch-manager" : "advisor",
      roles: manager ? ["BookMe.Read", "BookMe.Write", "BookMe.Branch"] : ["BookMe.Read", "BookMe.Write"],
      detail: e.locations.join(", "),
    };
  }),
  {
    oid: demoId("user:back-office"),
    name: "Bente Backoffice",
    email: "bente.backoffice@bank.example",
    kind: "back-office",
    roles: ["BookMe.Read", "BookMe.Write", "BookMe.Admin"],
    detail: "Back office",
  },
];

/** The demo's Employee-channel client (advisors, branch managers) and its Backoffice client. */
export const CONSOLE_STAFF_CLIENT_ID = demoClients.find((c) => c.channel === "Employee")?.id ?? demoId("client:advisor-desk");
export const CONSOLE_BACKOFFICE_CLIENT_ID = DEMO_BACKOFFICE_CLIENT_ID;
/** Local only: the secret both console clients present at the dev issuer's token endpoint. */
export const CONSOLE_DEV_CLIENT_SECRET = "local-dev-console-secret";

/** Who may sign in to which client (Entra ID: "assignment required" on the enterprise application). */
export function peopleFor(clientId: string): DemoPerson[] {
  if (clientId === CONSOLE_BACKOFFICE_CLIENT_ID) return demoPeople.filter((p) => p.kind === "back-office");
  if (clientId === CONSOLE_STAFF_CLIENT_ID) return demoPeople.filter((p) => p.kind !== "back-office");
  return [];
}
