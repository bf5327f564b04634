/** The embedded Cosmos DB server as its own process: `node dist/dev/cosmos-main.js --port N [--snapshot FILE]`. */
import { parseArgs } from "node:util";
import { startEmbeddedCosmos } from "./cosmos-server.js";

const { values } = parseArgs({ options: { port: { type: "string", default: "8081" }, snapshot: { type: "string" } } });
const cosmos = await startEmbeddedCosmos({ port: Number(values.port), snapshotFile: values.snapshot, log: (l) => console.log(l) });
console.log(`cosmos listening on ${cosmos.endpoint}`);
const stop = async () => {
  await cosmos.stop().catch(() => undefined);
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
