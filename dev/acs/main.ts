/** The dev ACS as its own process (the test stack): --port, --inbox-port, --data-dir; prints "dev-acs listening" when up. */
import { startDevAcs } from "./server.js";

const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const acs = await startDevAcs({
  port: Number(arg("port") ?? 0),
  inboxPort: Number(arg("inbox-port") ?? 0),
  dataDir: arg("data-dir") ?? ".data",
  persist: process.argv.includes("--persist"),
  log: (l) => console.log(l),
});
console.log(`dev-acs listening on ${acs.endpoint} inbox ${acs.inboxUrl}`);
process.on("SIGTERM", () => void acs.stop().then(() => process.exit(0)));
