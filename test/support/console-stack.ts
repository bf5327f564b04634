/** The console's browser tests: a stack with the console on, the demo directory and clients loaded, and the dev issuer's sign-in. */
import type { Page } from "playwright-core";
import { customerTypes, demoClients, employees, rooms, topics } from "../../dev/seed/demo-directory.js";
import { DEMO_BACKOFFICE_CLIENT_ID } from "../../dev/dev-issuer.js";
import { startStack, stackRepositories, type Stack } from "./stack.js";

/** A stack serving the console with the demo directory (options: startStack's console settings). */
export async function startConsoleStack(options: { consoleTokenSeconds?: number } = {}): Promise<Stack> {
  const stack = await startStack({ console: true, ...options });
  const repos = await stackRepositories(stack);
  try {
    for (const c of customerTypes) await repos.directory.put("customerType", c);
    for (const t of topics) await repos.directory.put("topic", t);
    for (const r of rooms) await repos.directory.put("room", r);
    for (const e of employees) await repos.directory.put("employee", e);
    await repos.directory.put("client", { id: DEMO_BACKOFFICE_CLIENT_ID, name: "BookMe demo back office", channel: "Backoffice" });
    for (const c of demoClients) await repos.directory.put("client", c);
  } finally {
    repos.dispose();
  }
  return stack;
}

export const consoleUrl = (stack: Stack) => `http://localhost:${stack.hosts[0].port}/console/`;

/** Signs in through the dev issuer's page: the link for the audience, then the person; waits for the week view. */
export async function signInAs(page: Page, stack: Stack, link: string, person: string): Promise<void> {
  await page.goto(consoleUrl(stack));
  await page.getByRole("link", { name: link }).click();
  await page.getByRole("heading", { name: "Sign in to BookMe" }).waitFor();
  await page.getByRole("button", { name: person }).click();
  await page.getByRole("heading", { name: /^Week at / }).waitFor({ timeout: 20_000 });
}
