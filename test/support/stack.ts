/** The real local stack for integration tests (embedded Cosmos, Azurite, host processes): see dev/stack.ts. */
export { SUBSCRIPTION_KEY, startStack, stackRepositories, type HostProcess, type Stack } from "../../dev/stack.js";
