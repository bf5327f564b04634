/**
 * The CosmosClient (the composition root makes one per process), and the database and containers of
 * config/cosmos-containers.json (created if missing: the embedded server and emulators start empty;
 * in Azure, Bicep creates them).
 */
import { CosmosClient, type CompositePath, type Container } from "@azure/cosmos";
import { DefaultAzureCredential } from "@azure/identity";
import layout from "../../../config/cosmos-containers.json" with { type: "json" };
import type { AppConfig } from "../../kernel/settings.js";
import { isConflict } from "./cosmos-errors.js";
import { requestChargePlugin } from "./request-charge.js";

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
  | "external-busy"
  | "messages"
  | "waitlist"
  | "privacy";
export type Containers = Record<ContainerName, Container>;

/** Bounds every call so an unreachable database gives a 503 quickly instead of a hang. */
export const COSMOS_REQUEST_TIMEOUT_MS = 4000;

export function createCosmosClient(config: Pick<AppConfig, "cosmosEndpoint" | "cosmosKey" | "managedIdentityClientId">): CosmosClient {
  const isHttp = config.cosmosEndpoint.startsWith("http:");
  return new CosmosClient({
    endpoint: config.cosmosEndpoint,
    ...(config.cosmosKey
      ? { key: config.cosmosKey }
      : { aadCredentials: new DefaultAzureCredential({ managedIdentityClientId: config.managedIdentityClientId }) }),
    connectionPolicy: {
      enableEndpointDiscovery: !isHttp,
      requestTimeout: COSMOS_REQUEST_TIMEOUT_MS,
      retryOptions: { maxRetryAttemptCount: 3, fixedRetryIntervalInMilliseconds: 100, maxWaitTimeInSeconds: 3 },
    },
    // Every call counted into the request's meter (Server-Timing); the embedded server (plain http) reports no real charge.
    ...{ plugins: [requestChargePlugin(isHttp ? "estimated" : "reported")] },
  });
}

/**
 * createIfNotExists reads, then creates on 404: another process creating the same resource in between
 * (a host starting beside a test's own client) makes the create a 409. Then it exists: read it again.
 */
async function createdOrRead<T>(create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (err) {
    if (!isConflict(err)) throw err;
    return create();
  }
}

export async function ensureContainers(cosmos: CosmosClient, dbName: string): Promise<Containers> {
  const { database } = await createdOrRead(() => cosmos.databases.createIfNotExists({ id: dbName }));
  const entries = await Promise.all(
    layout.containers.map(async (def) => {
      const definition = {
        id: def.name,
        partitionKey: { paths: [def.partitionKey] },
        ...("defaultTtl" in def ? { defaultTtl: def.defaultTtl } : {}),
        ...("compositeIndexes" in def ? { indexingPolicy: { compositeIndexes: def.compositeIndexes as CompositePath[][] } } : {}),
      };
      const { container, resource } = await createdOrRead(() => database.containers.createIfNotExists(definition));
      // A container made before its composite indexes were declared gets them (ORDER BY on two paths needs one).
      // In Azure the Bicep deployment owns the indexes (a data-plane identity may not replace a container): a refusal is left to it.
      if (definition.indexingPolicy && !sameIndexes(resource?.indexingPolicy?.compositeIndexes, definition.indexingPolicy.compositeIndexes))
        await container
          .replace({ ...definition, indexingPolicy: { ...resource?.indexingPolicy, ...definition.indexingPolicy } })
          .catch(() => undefined);
      return [def.name, container] as const;
    }),
  );
  return Object.fromEntries(entries) as Containers;
}

const sameIndexes = (a: CompositePath[][] | undefined, b: CompositePath[][]) =>
  JSON.stringify((a ?? []).map((paths) => paths.map((p) => [p.path, p.order ?? "ascending"]))) ===
  JSON.stringify(b.map((paths) => paths.map((p) => [p.path, p.order ?? "ascending"])));

/** Reaches the database, bounded in time (the health probe). */
export function databaseProbe(cosmos: CosmosClient, dbName: string): () => Promise<void> {
  return async () => {
    await cosmos.database(dbName).read({ abortSignal: AbortSignal.timeout(2000) });
  };
}
