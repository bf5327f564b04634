/**
 * The embedded Cosmos server (dev/cosmos-server.ts, with its snapshot file) behind a small gate,
 * as its own process, for fault runs that stop and restart the database under load:
 *
 *   node dist/bench/lib/cosmos-gate.js --port N --snapshot FILE
 *
 * Why not dev/cosmos-main.js directly: its snapshot is written over HTTP while the server keeps
 * serving everyone else, so a write acknowledged during the final save can be missing from the
 * snapshot (the calendar document saved before a booking wrote it, the meeting after); and on start
 * it listens before the snapshot is restored, so an early client can read a document as missing
 * and have its write overwritten by the restore. Either turns a clean restart into lost,
 * acknowledged writes, which a real Cosmos DB outage never does. The gate opens the public port
 * only after the restore, and on SIGTERM answers new requests 503 (as Cosmos DB does when it is
 * unavailable), waits for the requests in progress, and only then lets the server write its
 * final snapshot and stop.
 */
import http from "node:http";
import { parseArgs } from "node:util";
import { startEmbeddedCosmos } from "./cosmos-server.js";

const { values } = parseArgs({ options: { port: { type: "string" }, snapshot: { type: "string" } } });
const port = Number(values.port);
if (!port) throw new Error("--port is required");

const inner = await startEmbeddedCosmos({ port: 0, snapshotFile: values.snapshot, log: (l) => console.log(l) });
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let stopping = false;
let inFlight = 0;

const gate = http.createServer((req, res) => {
  if (stopping) {
    res.writeHead(503, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify({ code: "ServiceUnavailable", message: "the database is stopping" }));
    return;
  }
  inFlight++;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    inFlight--;
  };
  const upstream = http.request(
    { host: "127.0.0.1", port: inner.port, method: req.method, path: req.url, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on("end", finish);
      answer.on("error", finish);
    },
  );
  upstream.on("error", () => {
    finish();
    if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
    res.end();
  });
  res.on("close", finish);
  req.pipe(upstream);
});
gate.keepAliveTimeout = 65_000;
await new Promise<void>((resolve, reject) => {
  gate.once("error", reject);
  gate.listen(port, "127.0.0.1", () => resolve());
});
console.log(`cosmos gate listening on http://127.0.0.1:${port} (server on ${inner.port})`);

const stop = async () => {
  if (stopping) return;
  stopping = true;
  const deadline = Date.now() + 10_000;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  console.log(`cosmos gate: drained (${inFlight} requests left), saving the snapshot`);
  await inner.stop().catch((err) => console.log(`cosmos gate: stop failed: ${(err as Error).message}`));
  gate.closeAllConnections();
  gate.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
