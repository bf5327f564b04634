/** Loads the demo directory through the repository layer when the database holds no directory yet. */
import { appDeps } from "../../shared/app/root.js";
import { customerTypes, demoClients, employees, rooms, topics } from "./demo-directory.js";
import { seedFacadeDemo } from "./demo-facades.js";
import { seedSchedulingDemo } from "./demo-scheduling.js";
import { DEMO_BACKOFFICE_CLIENT_ID } from "../dev-issuer.js";

export async function seedDemoDirectory(): Promise<string> {
  const { directory } = await appDeps();
  for (const c of customerTypes) await directory.put("customerType", c);
  for (const t of topics) await directory.put("topic", t);
  for (const r of rooms) await directory.put("room", r);
  for (const e of employees) await directory.put("employee", e);
  // The client `npm run token` mints for by default (BOOTSTRAP_CLIENT_ID covers it too; registered so it is listed).
  await directory.put("client", { id: DEMO_BACKOFFICE_CLIENT_ID, name: "BookMe demo back office", channel: "Backoffice" });
  for (const c of demoClients) await directory.put("client", c);
  const facades = await seedFacadeDemo(directory);
  const scheduling = await seedSchedulingDemo(directory);
  return `${facades}; ${scheduling}; ${employees.length} employees, ${rooms.length} rooms, ${topics.length} topics, ${customerTypes.length} customer types`;
}

export async function seedIfEmpty(): Promise<string | null> {
  const { directory } = await appDeps();
  if ((await directory.list("employee")).length > 0) return null;
  return seedDemoDirectory();
}

/** The facades' demo data on a directory seeded before they existed (the examples' fixed ids). */
export async function seedFacadesIfMissing(): Promise<string | null> {
  const { directory } = await appDeps();
  if (await directory.get("bookingLink", "link_abc123")) return null;
  return seedFacadeDemo(directory);
}
