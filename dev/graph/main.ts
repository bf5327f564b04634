/** The dev Graph as its own process (the test stack): --port, --data-dir; prints "dev-graph listening" when up. */
import { startDevGraph } from "./server.js";

const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];
const graph = await startDevGraph({
  port: Number(arg("port") ?? 0),
  dataDir: arg("data-dir") ?? ".data",
  persist: process.argv.includes("--persist"),
  log: (l) => console.log(l),
});
console.log(`dev-graph listening on ${graph.baseUrl}`);
process.on("SIGTERM", () => void graph.stop().then(() => process.exit(0)));
