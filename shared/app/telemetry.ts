/**
 * OpenTelemetry to Application Insights (@azure/monitor-opentelemetry), on only when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set (the infrastructure sets it; locally it is empty and
 * nothing is loaded). Started once per worker process, before the functions load:
 * shared/app/telemetry-start.ts is the first import of register.ts (every function file's first
 * import) and the first module of the bundled package (dev/package/bundle.ts).
 *
 * What goes out: the request spans of shared/api/edge/request-telemetry.ts (with the request's
 * request units and Cosmos calls as attributes, and as the custom metrics bookme.request.ru and
 * bookme.request.cosmos_calls), the Azure SDKs' spans below them (Cosmos, storage queues, Key
 * Vault: @azure/core-tracing), Graph calls (shared/adapters/graph/graph-http.ts) and outgoing
 * node:http calls. Ingestion uses Entra ID (local auth is off in infra/modules/monitoring.bicep):
 * the app's user-assigned identity (AZURE_CLIENT_ID) signs the export.
 */
import { setting, type Environment } from "../kernel/settings.js";

export interface Telemetry {
  started: boolean;
  /** Flushes and stops the exporters (tests; the worker process ends without it). */
  shutdown(): Promise<void>;
}

const OFF: Telemetry = { started: false, shutdown: async () => undefined };

let running: Promise<Telemetry> | undefined;

/** Starts telemetry once per process (later calls get the first call's result); `env`: the process's settings unless given. */
export function startTelemetry(env?: Environment): Promise<Telemetry> {
  return (running ??= configure(env));
}

async function configure(env: Environment | undefined): Promise<Telemetry> {
  const connectionString = setting("APPLICATIONINSIGHTS_CONNECTION_STRING", env);
  if (!connectionString) return OFF;
  const clientId = setting("AZURE_CLIENT_ID", env);
  const [{ useAzureMonitor, shutdownAzureMonitor }, { ManagedIdentityCredential }, { AzureSdkInstrumentation }, coreTracing] =
    await Promise.all([
      import("@azure/monitor-opentelemetry"),
      import("@azure/identity"),
      import("@azure/opentelemetry-instrumentation-azure-sdk"),
      import("@azure/core-tracing"),
    ]);
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString,
      ...(clientId ? { credential: new ManagedIdentityCredential({ clientId }) } : {}),
    },
    enableLiveMetrics: false,
    instrumentationOptions: {
      azureSdk: { enabled: true },
      http: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
    },
  });
  // The Azure SDK instrumentation hooks require() of @azure/core-tracing; this app imports it as an
  // ES module (and the package bundles it), which no require hook sees: hand it the instrumenter here.
  for (const definition of new AzureSdkInstrumentation().getModuleDefinitions()) definition.patch?.(coreTracing);
  return { started: true, shutdown: shutdownAzureMonitor };
}
