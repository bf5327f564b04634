/**
 * One CosmosClient per process, and the database and containers of config/cosmos-containers.json
 * (created if missing: the embedded server and emulators start empty; in Azure, Bicep creates them).
 */
import { CosmosClient, type CompositePath, type Container } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";
import layout from "../../../config/cosmos-containers.json" with { type: "json" };
import { loadConfig } from "../../kernel/settings.js";

export type ContainerName =
  | "directory"
  | "schedules"
  | "meetings"
  | "reservations"
  | "intents"
  | "audit"
  | "idempotency"
  | "events"
  | "outbox"
  | "webhooks"
  | "deliveries"
  | "api-keys"
  | "external-busy";
export type Containers = Record<ContainerName, Container>;

/** Bounds every call so an unreachable database gives a 503 quickly instead of a hang. */
export const COSMOS_REQUEST_TIMEOUT_MS = 4000;

let client: CosmosClient | undefined;
let ready: Promise<Containers> | undefined;

export function cosmosClient(): CosmosClient {
  if (client) return client;
  const config = loadConfig();
  const isHttp = config.cosmosEndpoint.startsWith("http:");
  client = new CosmosClient({
    endpoint: config.cosmosEndpoint,
    ...(config.cosmosKey
      ? { key: config.cosmosKey }
      : { aadCredentials: new DefaultAzureCredential({ managedIdentityClientId: config.managedIdentityClientId }) }),
    connectionPolicy: {
      enableEndpointDiscovery: !isHttp,
      requestTimeout: COSMOS_REQUEST_TIMEOUT_MS,
      retryOptions: { maxRetryAttemptCount: 3, fixedRetryIntervalInMilliseconds: 100, maxWaitTimeInSeconds: 3 },
    },
  });
  return client;
}

export function databaseName(): string {
  return loadConfig().cosmosDatabase;
}

/** The containers, created on first use; a failed attempt is retried on the next call. */
export function containers(): Promise<Containers> {
  ready ??= ensureContainers(cosmosClient()).catch((err) => {
    ready = undefined;
    throw err;
  });
  return ready;
}

export async function ensureContainers(cosmos: CosmosClient, dbName = databaseName()): Promise<Containers> {
  const { database } = await cosmos.databases.createIfNotExists({ id: dbName });
  const entries = await Promise.all(
    layout.containers.map(async (def) => {
      const definition = {
        id: def.name,
        partitionKey: { paths: [def.partitionKey] },
        ...("defaultTtl" in def ? { defaultTtl: def.defaultTtl } : {}),
        ...("compositeIndexes" in def ? { indexingPolicy: { compositeIndexes: def.compositeIndexes as CompositePath[][] } } : {}),
      };
      const { container, resource } = await database.containers.createIfNotExists(definition);
      // A container made before its composite indexes were declared gets them (ORDER BY on two paths needs one).
      if (definition.indexingPolicy && !sameIndexes(resource?.indexingPolicy?.compositeIndexes, definition.indexingPolicy.compositeIndexes))
        await container.replace({ ...definition, indexingPolicy: { ...resource?.indexingPolicy, ...definition.indexingPolicy } });
      return [def.name, container] as const;
    }),
  );
  return Object.fromEntries(entries) as Containers;
}

const sameIndexes = (a: CompositePath[][] | undefined, b: CompositePath[][]) =>
  JSON.stringify((a ?? []).map((paths) => paths.map((p) => [p.path, p.order ?? "ascending"]))) ===
  JSON.stringify(b.map((paths) => paths.map((p) => [p.path, p.order ?? "ascending"])));

/** Reaches the database (creating the layout on first use), bounded in time. */
export async function pingDatabase(): Promise<void> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), 3000).unref());
  await Promise.race([containers(), timeout]);
  await cosmosClient()
    .database(databaseName())
    .read({ abortSignal: AbortSignal.timeout(2000) });
}
