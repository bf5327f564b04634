/**
 * A local Functions host as its own process, configured by the environment (the app's
 * settings plus HOST_PORT, HOST_ID, TIMER_SCHEDULES as JSON {name: schedule}, ACCESS_LOG=1,
 * PUBLIC_RATE_LIMIT as "burst/perSecond" for /api/public/*, CLIENT_RATE_LIMIT the same per client for the rest,
 * HOST_MAX_BODY_BYTES the largest body it reads, HOST_QUEUE_VISIBILITY_SECONDS: how long a
 * queue message stays invisible while it runs, 600 by default; HOST_APP_ROOT: the folder whose
 * package.json "main" and host.json it runs, the repository by default, e.g. dist/package for the
 * bundled deployment package of dev/package.ts), HOST_FUNCTIONS: the functions this instance runs
 (host.ts selectFunctions; all by default).
 * Tests and benchmarks start one or more of these against one Cosmos server and one Azurite.
 */
import { dataDir, REPO_ROOT } from "./data-dir.js";
import { ensureDevKey, jwksOf } from "./dev-issuer.js";
import { startLocalHost } from "./host/host.js";
import { parseRateLimit } from "./host/rate-limit.js";

const env = process.env;
const key = await ensureDevKey(dataDir());
const host = await startLocalHost({
  root: env.HOST_APP_ROOT || REPO_ROOT,
  port: Number(env.HOST_PORT ?? env.PORT ?? 7071),
  storageConnection: env.AzureWebJobsStorage ?? "",
  subscriptionKeys: (env.APIM_SUBSCRIPTION_KEYS || "local-dev-subscription-key").split(",").map((k) => k.trim()),
  jwks: jwksOf(key),
  hostId: env.HOST_ID,
  timerSchedules: env.TIMER_SCHEDULES ? (JSON.parse(env.TIMER_SCHEDULES) as Record<string, string>) : undefined,
  queueVisibilitySeconds: env.HOST_QUEUE_VISIBILITY_SECONDS ? Number(env.HOST_QUEUE_VISIBILITY_SECONDS) : undefined,
  accessLog: env.ACCESS_LOG === "1",
  publicRateLimit: parseRateLimit(env.PUBLIC_RATE_LIMIT),
  clientRateLimit: parseRateLimit(env.CLIENT_RATE_LIMIT),
  maxBodyBytes: env.HOST_MAX_BODY_BYTES ? Number(env.HOST_MAX_BODY_BYTES) : undefined,
  functionSelection: env.HOST_FUNCTIONS,
});
console.log(`host listening on ${host.port}`);
const stop = async () => {
  await host.stop().catch(() => undefined);
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
