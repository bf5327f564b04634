/**
 * `npm start`: the local stack in the foreground until Ctrl-C — embedded Cosmos DB (unless
 * COSMOS_ENDPOINT points at a real account or emulator), Azurite, and the local Functions host.
 */
import path from "node:path";
import { startAzurite } from "./azurite.js";
import { startEmbeddedCosmos, EMULATOR_KEY, type EmbeddedCosmos } from "./cosmos-server.js";
import { dataDir, REPO_ROOT } from "./data-dir.js";
import { ensureDevKey, jwksOf } from "./dev-issuer.js";
import { devConsoleEnv, startDevIssuerOidc } from "./dev-issuer-oidc.js";
import { startLocalHost } from "./host/host.js";
import { parseRateLimit } from "./host/rate-limit.js";
import { localEnv } from "./local-env.js";
import { ensureDevPersonalDataKeys } from "./personal-data-keys.js";
import { portOrFree } from "./ports.js";
import { seedFacadesIfMissing, seedIfEmpty } from "./seed/seed.js";
import { devApiKeyFor, ensureDevApiKey } from "./seed/demo-facades.js";
import { appDeps } from "../shared/app/root.js";
import { employees as demoEmployees } from "./seed/demo-directory.js";
import { devGraphClient } from "./graph/client.js";
import { seedDemoOutlook } from "./graph/demo.js";
import { devGraphEnv } from "./graph/env.js";
import { startDevGraph } from "./graph/server.js";
import { ensureDevTls } from "./graph/tls.js";
import { relaunchTrusting } from "./graph/trust.js";
import { startDevAcs } from "./acs/server.js";
import { devAcsEnv } from "./acs/env.js";

const log = (line: string) => console.log(line);

async function main() {
  const data = dataDir();
  // The app calls the dev Graph over HTTPS: this process must trust its CA from the start.
  if (relaunchTrusting(ensureDevTls(data).caFile)) return;
  const hostPort = Number(process.env.PORT || 7071);
  let cosmos: EmbeddedCosmos | undefined;
  let cosmosEndpoint = process.env.COSMOS_ENDPOINT;
  let cosmosKey = process.env.COSMOS_KEY ?? "";
  if (!cosmosEndpoint) {
    cosmos = await startEmbeddedCosmos({ port: await portOrFree(8081), snapshotFile: path.join(data, "cosmos-snapshot.json"), log });
    cosmosEndpoint = cosmos.endpoint;
    cosmosKey = EMULATOR_KEY;
    log(`embedded Cosmos DB on ${cosmosEndpoint} (data: ${path.relative(REPO_ROOT, data)}/cosmos-snapshot.json)`);
  } else {
    log(`Cosmos DB at ${cosmosEndpoint}`);
  }
  const azurite = await startAzurite({
    port: await portOrFree(10000),
    queuePort: await portOrFree(10001),
    location: path.join(data, "azurite"),
  });
  log(`Azurite (AzureWebJobsStorage) on http://127.0.0.1:${azurite.port} (blob), :${azurite.queuePort} (queue)`);

  Object.assign(process.env, localEnv({ cosmosEndpoint, cosmosKey, storage: azurite.connectionString, hostPort }));
  // CPRs are sealed with a local key unless a Key Vault key is configured.
  if (!process.env.PERSONAL_DATA_KEY_ID) process.env.PERSONAL_DATA_DEV_KEYS ||= ensureDevPersonalDataKeys(data);
  const graph = await startDevGraph({ dataDir: data, port: await portOrFree(7073), persist: true, allowAnonymous: true, log });
  if (!process.env.GRAPH_TENANT_ID) Object.assign(process.env, devGraphEnv(graph, hostPort));
  log(`dev Graph (Outlook calendars) on ${graph.baseUrl}`);
  // Customer e-mail and SMS go to the dev ACS (same dev CA) unless a real Communication Services resource is configured.
  const acs = await startDevAcs({ dataDir: data, port: await portOrFree(7075), inboxPort: await portOrFree(7076), persist: true, log });
  if (!process.env.ACS_CONNECTION_STRING && !process.env.ACS_ENDPOINT) {
    Object.assign(process.env, devAcsEnv(acs, hostPort));
    process.env.MESSAGES_LINK_KEY ||= "local-dev-messages-link-key";
  }
  // The booking page asks for the privacy notice's acceptance; locally it links the demo notice the page serves.
  process.env.PRIVACY_NOTICE_URL ||= `http://localhost:${hostPort}/book/privacy.html`;
  const key = await ensureDevKey(data);
  // The console's sign-in: the dev issuer's OpenID endpoints over the dev CA's TLS, its sign-in page over http://localhost.
  const issuer = await startDevIssuerOidc({ dataDir: data, key, httpsPort: await portOrFree(7074), httpPort: await portOrFree(7075), log });
  if (!process.env.CONSOLE_AUTHORITY) Object.assign(process.env, devConsoleEnv(issuer, key, hostPort));
  const seeded = await seedIfEmpty();
  if (seeded) log(`seeded the demo directory: ${seeded}`);
  const synced = demoEmployees.filter((e) => e.calendarSync).map((e) => e.email);
  const outlook = await seedDemoOutlook(
    devGraphClient(graph.origin, graph.caFile, graph.app),
    synced,
    demoEmployees.map((e) => e.email),
  );
  if (outlook) log(`seeded ${outlook} Outlook events for ${synced.length} demo advisors who sync`);
  const facadeSeed = await seedFacadesIfMissing();
  if (facadeSeed) log(`seeded the facades' demo data: ${facadeSeed}`);
  const devApiKey = devApiKeyFor(String(key.privateJwk.d));
  await ensureDevApiKey((await appDeps()).apiKeys, devApiKey);

  const host = await startLocalHost({
    root: REPO_ROOT,
    port: hostPort,
    storageConnection: azurite.connectionString,
    subscriptionKeys: (process.env.APIM_SUBSCRIPTION_KEYS || "local-dev-subscription-key").split(",").map((k) => k.trim()),
    jwks: jwksOf(key),
    accessLog: true,
    log,
    publicRateLimit: parseRateLimit(process.env.PUBLIC_RATE_LIMIT),
    clientRateLimit: parseRateLimit(process.env.CLIENT_RATE_LIMIT),
  });
  void fetch(`http://127.0.0.1:${host.port}/admin/functions/calendar-sync`, { method: "POST" }).catch(() => undefined); // first sync now, not in a minute
  log(`BookMe is running: http://localhost:${host.port}/api/v2/bookme/health`);
  log(`  token:            npm run token -- --roles BookMe.Read,BookMe.Write,BookMe.Admin`);
  log(`  subscription key: Ocp-Apim-Subscription-Key: local-dev-subscription-key`);
  log(`  API reference:    http://localhost:${host.port}/api/v2/bookme/docs`);
  log(`  booking page:     http://localhost:${host.port}/book`);
  log(`  dev mail:         ${acs.inboxUrl}  (customer e-mails and SMS; JSON at ${acs.inboxUrl}/messages)`);
  log(`  console:          http://localhost:${host.port}/console  (sign in as a demo person at ${issuer.authorizeUrl})`);
  log(
    `  dev API key:      Authorization: Bearer ${devApiKey}  (meetergo-style /api/v4/booking, bots /api/v1/bookings; no subscription key)`,
  );
  log(`  facade documents: http://localhost:${host.port}/api/meetergo/openapi.json, http://localhost:${host.port}/api/bots/openapi.json`);
  log("Press Ctrl-C to stop.");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`\n${signal}: stopping...`);
    await host.stop().catch(() => undefined);
    await graph.stop().catch(() => undefined);
    await acs.stop().catch(() => undefined);
    await issuer.stop().catch(() => undefined);
    await azurite.stop().catch(() => undefined);
    await cosmos?.stop().catch(() => undefined);
    log("stopped; local data kept.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error(`npm start failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
