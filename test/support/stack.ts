/** The real local stack for integration tests (embedded Cosmos, Azurite, host processes): see dev/stack.ts. */
import { startStack as startDevStack, stackRepositories, type StackOptions, type Stack } from "../../dev/stack.js";
import { recordBody } from "./logs/personal-values.js";

export { SUBSCRIPTION_KEY, stackRepositories, type HostProcess, type Stack } from "../../dev/stack.js";

/** dev/stack.ts's stack; what tests send to the dev Graph is recorded for the run's log check like their fetches. */
export async function startStack(options?: StackOptions): Promise<Stack> {
  const stack = await startDevStack(options);
  // Dates relative to today must not land on a holiday in tests that are not about holidays (issue 28): no holidays here.
  const repos = await stackRepositories(stack);
  await repos.directory.put("holidayCalendar", { id: "default", country: "DK", publicHolidays: false, bankClosingDays: [] });
  repos.dispose();
  const client = stack.graph?.client;
  if (client) {
    const request = client.request.bind(client);
    client.request = (method, path, body, headers) => {
      recordBody(body);
      return request(method, path, body, headers);
    };
  }
  return stack;
}
